#include "space/footprint_queries.hpp"

#include "space/footprint_filter.hpp"
#include "space/footprint_store_sql.hpp"

namespace trustpcf::space {

util::Result<std::unique_ptr<FootprintQueries>> FootprintQueries::prepare(store::Database& db, std::string company_id) {
  // :partner is 1, :now is 2 and :id is 3 (see kPolicyCoveringSql).
  TRUSTPCF_ASSIGN_OR_RETURN(store::Statement get,
                            db.prepare(std::string("SELECT f.row_id, f.pf_id, f.document, ") + kPolicyCoveringSql +
                                       " FROM space_footprints f WHERE f.pf_id = :id"));
  TRUSTPCF_ASSIGN_OR_RETURN(store::Statement covers_any,
                            db.prepare("SELECT 1 FROM space_policies WHERE partner_id = ? AND revoked_at IS NULL "
                                       "AND (valid_until IS NULL OR valid_until > ?) AND (scope = 'all' OR "
                                       "(scope = 'footprint' AND value = ?)) LIMIT 1"));
  TRUSTPCF_ASSIGN_OR_RETURN(FootprintRelease release, FootprintRelease::open(db, std::move(company_id)));
  return std::unique_ptr<FootprintQueries>(
      new FootprintQueries(std::move(get), std::move(covers_any), std::move(release)));
}

FootprintQueries::FootprintQueries(store::Statement get, store::Statement covers_any, FootprintRelease release)
    : get_(std::move(get)), covers_any_(std::move(covers_any)), release_(std::move(release)) {}

util::Result<std::optional<StoredFootprint>> FootprintQueries::get_covered(const std::string& partner_id,
                                                                           const std::string& id, std::int64_t now) {
  get_.reset();
  get_.bind(1, partner_id).bind(2, now).bind(3, ascii_lower(id));
  util::Result<bool> found = get_.step();
  std::optional<StoredFootprint> footprint;
  if (found.ok() && *found && !get_.is_null(3)) {
    footprint.emplace();
    footprint->row_id = get_.column_int(0);
    footprint->id = get_.column_text(1);
    footprint->document = get_.column_text(2);
    footprint->policy_id = get_.column_text(3);
  }
  get_.reset();
  if (!found.ok()) return found.error();
  return footprint;
}

util::Result<bool> FootprintQueries::covers_any(const std::string& partner_id, const std::string& id,
                                                std::int64_t now) {
  covers_any_.reset();
  covers_any_.bind(1, partner_id).bind(2, now).bind(3, ascii_lower(id));
  util::Result<bool> found = covers_any_.step();
  covers_any_.reset();
  return found;
}

}  // namespace trustpcf::space
