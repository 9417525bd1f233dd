#pragma once

// Usage policies: the data owner's grants of access to footprints. A policy
// lets one partner see all footprints, those of one product (by product id
// URN) or one footprint (by id), for a stated purpose, optionally until a
// date and with or without the right to pass the data on. Without a live
// policy a partner sees nothing (default deny).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace trustpcf::space {

enum class PolicyScope { kAll, kProduct, kFootprint };

// Returns "all", "product" or "footprint".
const char* policy_scope_name(PolicyScope scope);

struct PolicyGrant {
  std::string partner;  // partner name, id or client id
  PolicyScope scope = PolicyScope::kAll;
  std::string value;    // product id URN or footprint id; empty for kAll
  std::string purpose;  // e.g. "PCF calculation", "reporting"
  std::optional<std::int64_t> valid_until;  // Unix seconds, exclusive
  // The partner may pass the footprints on. It travels to the partner as
  // reshareAllowed in the usage-terms extension (space/usage_terms.hpp),
  // and the partner's node enforces it.
  bool reshare = false;
};

struct UsagePolicy {
  std::string id;  // UUID
  std::string partner_id;
  std::string partner_name;
  PolicyScope scope = PolicyScope::kAll;
  std::string value;
  std::string purpose;
  std::optional<std::int64_t> valid_until;
  bool reshare = false;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> revoked_at;
};

// Parses "all", "product" or "footprint". Errors: kInvalidInput.
util::Result<PolicyScope> parse_policy_scope(const std::string& text);

// Stores a new policy. Errors: kNotFound for an unknown partner;
// kInvalidInput for an empty purpose, a product value that is not a URN or a
// footprint value that is not a UUID; kStorage.
util::Result<UsagePolicy> grant_policy(store::Database& db, const PolicyGrant& grant);

// Lists all policies, revoked ones included, newest first.
util::Result<std::vector<UsagePolicy>> list_policies(store::Database& db);

// Revokes a policy; it stays listed with its revocation time. Errors:
// kNotFound for an unknown id; kUsage when it is already revoked.
util::Status revoke_policy(store::Database& db, const std::string& id);

}  // namespace trustpcf::space
