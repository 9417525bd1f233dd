#include "space/contracts.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "space/footprint_filter.hpp"
#include "space/schema.hpp"
#include "space/secrets.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string rfc3339(std::int64_t seconds) {
  return util::format_rfc3339(util::Clock::time_point(std::chrono::seconds(seconds)));
}

constexpr const char* kContractColumns =
    "c.id, c.partner_id, s.name, c.scope, c.value, c.purpose, c.valid_until, c.reshare, c.status, c.reason, "
    "coalesce(c.policy_id, ''), c.created_at FROM space_contracts c JOIN space_partners s ON s.id = c.partner_id";

Contract read_contract(const store::Statement& row) {
  Contract contract;
  contract.id = row.column_text(0);
  contract.partner_id = row.column_text(1);
  contract.partner_name = row.column_text(2);
  contract.scope = parse_policy_scope(row.column_text(3)).value();
  contract.value = row.column_text(4);
  contract.purpose = row.column_text(5);
  if (!row.is_null(6)) contract.valid_until = row.column_int(6);
  contract.reshare = row.column_int(7) != 0;
  contract.status = row.column_text(8);
  contract.reason = row.column_text(9);
  contract.policy_id = row.column_text(10);
  contract.created_at = row.column_int(11);
  return contract;
}

util::Result<Contract> find_contract(store::Database& db, const std::string& id) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(std::string("SELECT ") + kContractColumns + " WHERE c.id = ?"));
  query.bind(1, id);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) return make_error(ErrorCode::kNotFound, "contract '{}' not found; `trustpcf contract list` shows them", id);
  return read_contract(query);
}

util::Status decide(store::Database& db, const std::string& id, const std::string& status,
                    const std::string& reason, const std::string& policy_id) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto update, db.prepare("UPDATE space_contracts SET status = ?, reason = ?, policy_id = ?, "
                                                    "decided_at = ? WHERE id = ? AND status = 'pending'"));
  update.bind(1, status).bind(2, reason);
  if (policy_id.empty()) {
    update.bind_null(3);
  } else {
    update.bind(3, policy_id);
  }
  update.bind(4, now_seconds()).bind(5, id);
  return update.run();
}

}  // namespace

nlohmann::json Contract::to_json() const {
  nlohmann::json json = {{"id", id},         {"partnerId", partner_id}, {"partner", partner_name},
                         {"scope", policy_scope_name(scope)}, {"value", value}, {"purpose", purpose},
                         {"reshare", reshare}, {"status", status}, {"reason", reason},
                         {"policyId", policy_id}, {"created", rfc3339(created_at)}};
  json["validUntil"] = valid_until ? nlohmann::json(rfc3339(*valid_until)) : nlohmann::json(nullptr);
  return json;
}

util::Result<Contract> request_contract(store::Database& db, const std::string& partner_id, const nlohmann::json& body) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  if (!body.is_object()) return make_error(ErrorCode::kInvalidInput, "a contract request must be a JSON object");
  if (!body.contains("scope") || !body["scope"].is_string()) {
    return make_error(ErrorCode::kInvalidInput, "'scope' is missing; use all, product or footprint");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(PolicyScope scope, parse_policy_scope(body["scope"].get<std::string>()));
  if (!body.contains("purpose") || !body["purpose"].is_string() || body["purpose"].get<std::string>().empty()) {
    return make_error(ErrorCode::kInvalidInput, "'purpose' must be a non-empty string");
  }
  std::string value;
  if (scope != PolicyScope::kAll) {
    if (!body.contains("value") || !body["value"].is_string()) {
      return make_error(ErrorCode::kInvalidInput, "'value' must name the product id or footprint id");
    }
    value = body["value"].get<std::string>();
    if (scope == PolicyScope::kProduct && ascii_lower(value).rfind("urn:", 0) != 0) {
      return make_error(ErrorCode::kInvalidInput, "'value' {} is not a product id URN", value);
    }
    if (scope == PolicyScope::kFootprint && !is_uuid(value)) {
      return make_error(ErrorCode::kInvalidInput, "'value' {} is not a footprint id (UUID)", value);
    }
  }
  std::optional<std::int64_t> valid_until;
  if (body.contains("validUntil") && !body["validUntil"].is_null()) {
    if (!body["validUntil"].is_string()) return make_error(ErrorCode::kInvalidInput, "'validUntil' must be a date-time");
    TRUSTPCF_ASSIGN_OR_RETURN(valid_until, parse_filter_time(body["validUntil"].get<std::string>()));
  }
  bool reshare = false;
  if (body.contains("reshare")) {
    if (!body["reshare"].is_boolean()) return make_error(ErrorCode::kInvalidInput, "'reshare' must be true or false");
    reshare = body["reshare"].get<bool>();
  }

  std::string id = random_uuid();
  TRUSTPCF_ASSIGN_OR_RETURN(auto insert, db.prepare("INSERT INTO space_contracts(id, partner_id, scope, value, purpose, "
                                                    "valid_until, reshare, status, created_at) "
                                                    "VALUES(?, ?, ?, ?, ?, ?, ?, 'pending', ?)"));
  insert.bind(1, id).bind(2, partner_id).bind(3, policy_scope_name(scope)).bind(4, value);
  insert.bind(5, body["purpose"].get<std::string>());
  if (valid_until) {
    insert.bind(6, *valid_until);
  } else {
    insert.bind_null(6);
  }
  insert.bind(7, static_cast<std::int64_t>(reshare)).bind(8, now_seconds());
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  spdlog::info("contract requested contract_id={} partner_id={} scope={}", id, partner_id, policy_scope_name(scope));
  return find_contract(db, id);
}

util::Result<std::vector<Contract>> list_contracts(store::Database& db, const std::string& partner_id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  std::string sql = std::string("SELECT ") + kContractColumns;
  if (!partner_id.empty()) sql += " WHERE c.partner_id = ?";
  sql += " ORDER BY c.created_at DESC, c.id";
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(sql));
  if (!partner_id.empty()) query.bind(1, partner_id);
  std::vector<Contract> contracts;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    contracts.push_back(read_contract(query));
  }
  return contracts;
}

util::Result<Contract> approve_contract(store::Database& db, const std::string& id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(Contract contract, find_contract(db, id));
  if (contract.status != "pending") {
    return make_error(ErrorCode::kUsage, "contract '{}' is already {}", id, contract.status);
  }
  PolicyGrant grant;
  grant.partner = contract.partner_id;
  grant.scope = contract.scope;
  grant.value = contract.value;
  grant.purpose = contract.purpose;
  grant.valid_until = contract.valid_until;
  grant.reshare = contract.reshare;
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db));
  TRUSTPCF_ASSIGN_OR_RETURN(UsagePolicy policy, grant_policy(db, grant));
  TRUSTPCF_RETURN_IF_ERROR(decide(db, id, "approved", "", policy.id));
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  spdlog::info("contract approved contract_id={} policy_id={}", id, policy.id);
  return find_contract(db, id);
}

util::Result<Contract> reject_contract(store::Database& db, const std::string& id, const std::string& reason) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(Contract contract, find_contract(db, id));
  if (contract.status != "pending") {
    return make_error(ErrorCode::kUsage, "contract '{}' is already {}", id, contract.status);
  }
  TRUSTPCF_RETURN_IF_ERROR(decide(db, id, "rejected", reason, ""));
  spdlog::info("contract rejected contract_id={}", id);
  return find_contract(db, id);
}

}  // namespace trustpcf::space
