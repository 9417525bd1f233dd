#pragma once

// Contracts: a partner's request for access (all footprints, a product or a
// footprint, for a purpose) that the data owner approves, which grants a
// usage policy, or rejects with a reason.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "space/usage_policies.hpp"
#include "store/database.hpp"

namespace trustpcf::space {

struct Contract {
  std::string id;  // UUID
  std::string partner_id;
  std::string partner_name;
  PolicyScope scope = PolicyScope::kAll;
  std::string value;
  std::string purpose;
  std::optional<std::int64_t> valid_until;  // Unix seconds
  bool reshare = false;
  std::string status;     // "pending", "approved", "rejected"
  std::string reason;     // the owner's reason for a rejection
  std::string policy_id;  // the policy an approval granted
  std::int64_t created_at = 0;

  // The contract as the API returns it (camelCase fields, RFC 3339 times).
  nlohmann::json to_json() const;
};

// Records a pending contract for `partner_id` from a request body
// {"scope": "all"|"product"|"footprint", "value": "...", "purpose": "...",
//  "validUntil": "RFC 3339", "reshare": bool}. Errors: kInvalidInput naming
// the field; kStorage.
util::Result<Contract> request_contract(store::Database& db, const std::string& partner_id,
                                        const nlohmann::json& body);

// Lists contracts, newest first; only those of `partner_id` when not empty.
util::Result<std::vector<Contract>> list_contracts(store::Database& db, const std::string& partner_id = {});

// Approves a pending contract and grants its usage policy. Errors:
// kNotFound; kUsage when it is not pending.
util::Result<Contract> approve_contract(store::Database& db, const std::string& id);

// Rejects a pending contract. Errors: kNotFound; kUsage when not pending.
util::Result<Contract> reject_contract(store::Database& db, const std::string& id, const std::string& reason);

}  // namespace trustpcf::space
