#include "space/footprint_release.hpp"

#include <algorithm>
#include <chrono>

#include "space/footprint_filter.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

namespace {

// How the footprint came to the node: the recorded row, if any, and
// whether its companyIds name the node's company.
constexpr const char* kOriginSql =
    "SELECT t.own, t.has_terms, t.reshare, t.valid_until, t.granted_by, t.policy_id, "
    "EXISTS (SELECT 1 FROM space_footprint_keys k WHERE k.row_id = ? AND k.kind = 'companyId' AND k.value = ?) "
    "FROM (SELECT 1) LEFT JOIN space_footprint_terms t ON t.pf_id = ?";

constexpr const char* kPolicySql = "SELECT purpose, valid_until, reshare FROM space_policies WHERE id = ?";

std::string rfc3339(std::int64_t seconds) {
  return util::format_rfc3339(util::Clock::time_point(std::chrono::seconds(seconds)));
}

}  // namespace

// Local policies kept by one FootprintRelease at most; a node has few.
constexpr std::size_t kMaxCachedPolicies = 1000;

util::Result<FootprintRelease> FootprintRelease::open(store::Database& db, std::string company_id) {
  // The tables exist: NodeServer::create applied ensure_space_schema.
  TRUSTPCF_ASSIGN_OR_RETURN(store::Statement origin_query, db.prepare(kOriginSql));
  TRUSTPCF_ASSIGN_OR_RETURN(store::Statement policy_query, db.prepare(kPolicySql));
  return FootprintRelease(std::move(origin_query), std::move(policy_query), ascii_lower(std::move(company_id)));
}

FootprintRelease::FootprintRelease(store::Statement origin_query, store::Statement policy_query,
                                   std::string company_id)
    : origin_query_(std::move(origin_query)),
      policy_query_(std::move(policy_query)),
      company_id_(std::move(company_id)) {}

util::Result<UsageTerms> FootprintRelease::local_terms(const std::string& policy_id) {
  auto known = policies_.find(policy_id);
  if (known != policies_.end()) return known->second;

  policy_query_.reset();
  policy_query_.bind(1, policy_id);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, policy_query_.step());
  if (!found) {
    policy_query_.reset();
    return util::make_error(util::ErrorCode::kNotFound, "usage policy {} is not stored", policy_id);
  }
  UsageTerms terms;
  terms.policy_id = policy_id;
  terms.granted_by = company_id_;
  terms.purpose = policy_query_.column_text(0);
  if (!policy_query_.is_null(1)) terms.valid_until = policy_query_.column_int(1);
  terms.reshare = policy_query_.column_int(2) != 0;
  policy_query_.reset();
  if (policies_.size() >= kMaxCachedPolicies) policies_.clear();
  policies_.emplace(policy_id, terms);
  return terms;
}

util::Result<Release> FootprintRelease::release(const StoredFootprint& footprint, const std::string& origin,
                                                std::int64_t now) {
  TRUSTPCF_ASSIGN_OR_RETURN(UsageTerms terms, local_terms(footprint.policy_id));

  origin_query_.reset();
  origin_query_.bind(1, footprint.row_id).bind(2, company_id_).bind(3, footprint.id);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, origin_query_.step());
  const bool recorded = found && !origin_query_.is_null(0);
  const bool own = recorded ? origin_query_.column_int(0) != 0 : found && origin_query_.column_int(6) != 0;
  const bool has_terms = recorded && origin_query_.column_int(1) != 0;
  const bool supplier_reshare = recorded && origin_query_.column_int(2) != 0;
  const std::optional<std::int64_t> supplier_until =
      recorded && !origin_query_.is_null(3) ? std::optional<std::int64_t>(origin_query_.column_int(3)) : std::nullopt;
  const std::string granted_by = recorded ? origin_query_.column_text(4) : "";
  const std::string supplier_policy = recorded ? origin_query_.column_text(5) : "";
  // Ends the statement's read transaction, because the statement outlives
  // the request.
  origin_query_.reset();

  Release release;
  if (!own) {
    if (!has_terms) {
      release.refusal = "footprint " + footprint.id +
                        " came from another company without usage terms, so it is not passed on (default deny)";
      return release;
    }
    if (!supplier_reshare) {
      release.refusal = "usage policy " + supplier_policy + " of " + granted_by + " does not allow passing footprint " +
                        footprint.id + " on";
      return release;
    }
    if (supplier_until) {
      if (*supplier_until <= now) {
        release.refusal = "the usage terms of " + granted_by + " for footprint " + footprint.id + " ended " +
                          rfc3339(*supplier_until);
        return release;
      }
      // The partner may use it no longer than the supplier allowed.
      terms.valid_until = terms.valid_until ? std::min(*terms.valid_until, *supplier_until) : *supplier_until;
    }
  }

  release.allowed = true;
  release.document = document_with_terms(footprint.document, terms, origin);
  return release;
}

}  // namespace trustpcf::space
