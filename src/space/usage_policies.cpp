#include "space/usage_policies.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "space/footprint_filter.hpp"
#include "space/partners.hpp"
#include "space/schema.hpp"
#include "space/secrets.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

const char* policy_scope_name(PolicyScope scope) {
  switch (scope) {
    case PolicyScope::kAll: return "all";
    case PolicyScope::kProduct: return "product";
    case PolicyScope::kFootprint: return "footprint";
  }
  return "all";
}

util::Result<PolicyScope> parse_policy_scope(const std::string& text) {
  if (text == "all") return PolicyScope::kAll;
  if (text == "product") return PolicyScope::kProduct;
  if (text == "footprint") return PolicyScope::kFootprint;
  return make_error(ErrorCode::kInvalidInput, "policy scope '{}' is unknown; use all, product or footprint", text);
}

util::Result<UsagePolicy> grant_policy(store::Database& db, const PolicyGrant& grant) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(Partner partner, find_partner(db, grant.partner));
  if (grant.purpose.empty()) {
    return make_error(ErrorCode::kInvalidInput, "the purpose of a usage policy is empty; pass --purpose TEXT");
  }
  std::string value = grant.value;
  if (grant.scope == PolicyScope::kProduct && ascii_lower(value).rfind("urn:", 0) != 0) {
    return make_error(ErrorCode::kInvalidInput, "product id '{}' is not a URN (urn:...)", value);
  }
  if (grant.scope == PolicyScope::kFootprint) {
    if (!is_uuid(value)) return make_error(ErrorCode::kInvalidInput, "footprint id '{}' is not a UUID", value);
    value = ascii_lower(value);
  }
  if (grant.scope == PolicyScope::kAll) value.clear();

  UsagePolicy policy;
  policy.id = random_uuid();
  policy.partner_id = partner.id;
  policy.partner_name = partner.name;
  policy.scope = grant.scope;
  policy.value = value;
  policy.purpose = grant.purpose;
  policy.valid_until = grant.valid_until;
  policy.reshare = grant.reshare;
  policy.created_at = now_seconds();

  TRUSTPCF_ASSIGN_OR_RETURN(auto insert, db.prepare("INSERT INTO space_policies(id, partner_id, scope, value, purpose, "
                                                    "valid_until, reshare, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.bind(1, policy.id).bind(2, partner.id).bind(3, policy_scope_name(policy.scope)).bind(4, value);
  insert.bind(5, policy.purpose);
  if (policy.valid_until) {
    insert.bind(6, *policy.valid_until);
  } else {
    insert.bind_null(6);
  }
  insert.bind(7, static_cast<std::int64_t>(policy.reshare)).bind(8, policy.created_at);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  spdlog::info("usage policy granted policy_id={} partner_id={} scope={} value={}", policy.id, partner.id,
               policy_scope_name(policy.scope), value);
  return policy;
}

util::Result<std::vector<UsagePolicy>> list_policies(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query,
                            db.prepare("SELECT p.id, p.partner_id, s.name, p.scope, p.value, p.purpose, p.valid_until, "
                                       "p.reshare, p.created_at, p.revoked_at FROM space_policies p "
                                       "JOIN space_partners s ON s.id = p.partner_id "
                                       "ORDER BY p.created_at DESC, p.id"));
  std::vector<UsagePolicy> policies;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    UsagePolicy policy;
    policy.id = query.column_text(0);
    policy.partner_id = query.column_text(1);
    policy.partner_name = query.column_text(2);
    policy.scope = parse_policy_scope(query.column_text(3)).value();
    policy.value = query.column_text(4);
    policy.purpose = query.column_text(5);
    if (!query.is_null(6)) policy.valid_until = query.column_int(6);
    policy.reshare = query.column_int(7) != 0;
    policy.created_at = query.column_int(8);
    if (!query.is_null(9)) policy.revoked_at = query.column_int(9);
    policies.push_back(std::move(policy));
  }
  return policies;
}

util::Status revoke_policy(store::Database& db, const std::string& id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT revoked_at FROM space_policies WHERE id = ?"));
  query.bind(1, id);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) return make_error(ErrorCode::kNotFound, "usage policy '{}' not found; `trustpcf policy list` shows them", id);
  if (!query.is_null(0)) return make_error(ErrorCode::kUsage, "usage policy '{}' is already revoked", id);
  // Ends the read, so that the update below starts a write transaction of its
  // own instead of upgrading a read snapshot (SQLITE_BUSY_SNAPSHOT in WAL).
  query.reset();
  TRUSTPCF_ASSIGN_OR_RETURN(auto update, db.prepare("UPDATE space_policies SET revoked_at = ? WHERE id = ?"));
  update.bind(1, now_seconds()).bind(2, id);
  TRUSTPCF_RETURN_IF_ERROR(update.run());
  spdlog::info("usage policy revoked policy_id={}", id);
  return {};
}

}  // namespace trustpcf::space
