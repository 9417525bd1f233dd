#include "space/catalog.hpp"

#include "space/schema.hpp"

namespace trustpcf::space {

util::Result<nlohmann::json> build_catalog(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db.prepare("SELECT f.document FROM space_footprints f WHERE NOT EXISTS ("
                             "SELECT 1 FROM space_footprint_predecessors pp WHERE pp.preceding_id = f.pf_id) "
                             "ORDER BY f.row_id"));
  nlohmann::json entries = nlohmann::json::array();
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    nlohmann::json footprint = nlohmann::json::parse(query.column_text(0));
    const nlohmann::json& pcf = footprint["pcf"];
    nlohmann::json entry = {
        {"id", footprint["id"]},
        {"productIds", footprint["productIds"]},
        {"productNameCompany", footprint["productNameCompany"]},
        {"companyName", footprint["companyName"]},
        {"status", footprint["status"]},
        {"declaredUnitOfMeasurement", pcf.value("declaredUnitOfMeasurement", "")},
        {"declaredUnitAmount", pcf.value("declaredUnitAmount", "")},
        {"referencePeriodStart", pcf.value("referencePeriodStart", "")},
        {"referencePeriodEnd", pcf.value("referencePeriodEnd", "")},
        {"verified", pcf.contains("verification") || footprint.contains("verification")},
    };
    entries.push_back(std::move(entry));
  }
  return nlohmann::json{{"data", std::move(entries)}};
}

}  // namespace trustpcf::space
