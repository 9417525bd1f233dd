#include "proof/supplier_footprint.hpp"

#include "crypto/jcs.hpp"
#include "proof/selective_disclosure.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr const char* kSchemaModule = "proof.supplier_footprints";
constexpr int kSchemaVersion = 1;
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE proof_supplier_footprints (
  footprint_digest TEXT PRIMARY KEY,
  footprint_id TEXT NOT NULL,
  company_name TEXT NOT NULL,
  product_ids TEXT NOT NULL,
  product_name TEXT NOT NULL,
  declared_unit TEXT NOT NULL,
  declared_unit_amount TEXT NOT NULL,
  pcf_excluding_biogenic_uptake TEXT NOT NULL,
  primary_data_share TEXT,
  certified INTEGER NOT NULL,
  origin TEXT NOT NULL,
  added_at TEXT NOT NULL,
  bundle TEXT NOT NULL
);
)sql";

// Shortest prefix accepted in place of a full footprint digest, in hex digits.
constexpr std::size_t kMinDigestPrefix = 8;

constexpr const char* kSummaryColumns =
    "footprint_digest, footprint_id, company_name, product_ids, product_name, declared_unit, "
    "declared_unit_amount, pcf_excluding_biogenic_uptake, primary_data_share, certified, origin, "
    "added_at";

util::Result<std::string> required_text(const nlohmann::json& object, const char* field, const std::string& where) {
  auto found = object.find(field);
  if (found == object.end() || !found->is_string() || found->get<std::string>().empty()) {
    return make_error(ErrorCode::kInvalidInput,
                      "supplier footprint {}: field '{}' is missing or not text; the bundle's footprint must "
                      "be a complete PACT v3 ProductFootprint",
                      where, field);
  }
  return found->get<std::string>();
}

util::Result<SupplierFootprintSummary> summary_from_row(store::Statement& row) {
  SupplierFootprintSummary summary;
  summary.footprint_digest = row.column_text(0);
  summary.footprint_id = row.column_text(1);
  summary.company_name = row.column_text(2);
  TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json ids, crypto::parse_json_strict(row.column_text(3)));
  for (const auto& id : ids) summary.product_ids.push_back(id.get<std::string>());
  summary.product_name = row.column_text(4);
  summary.declared_unit = row.column_text(5);
  summary.declared_unit_amount = row.column_text(6);
  summary.pcf_excluding_biogenic_uptake = row.column_text(7);
  if (!row.is_null(8)) summary.primary_data_share = row.column_text(8);
  summary.certified = row.column_int(9) != 0;
  summary.origin = row.column_text(10);
  summary.added_at = row.column_text(11);
  return summary;
}

}  // namespace

util::Status ensure_supplier_footprint_schema(store::Database& db) {
  return db.ensure_schema(kSchemaModule, kSchemaVersion, kSchemaV1);
}

util::Status check_supplier_report(const Bundle& bundle, const VerifyReport& report) {
  std::vector<Link> required = {Link::kOriginalData, Link::kCalculation};
  if (bundle.credential) required.push_back(Link::kCertification);
  if (bundle.disclosure) required.push_back(Link::kDisclosure);
  for (Link link : required) {
    const LinkResult& result = report.links[static_cast<std::size_t>(link)];
    if (!result.passed) {
      return make_error(ErrorCode::kVerification,
                        "supplier footprint {} is not accepted as evidence: its {} link fails: {}",
                        bundle.footprint.value("id", "?"), link_name(link), result.reason);
    }
  }
  return util::Status();
}

util::Result<SupplierFootprintSummary> summarize_supplier_footprint(const Bundle& bundle) {
  const nlohmann::json& footprint = bundle.footprint;
  if (!footprint.is_object()) {
    return util::Error(ErrorCode::kInvalidInput, "supplier footprint: the bundle's footprint is not a JSON object");
  }
  SupplierFootprintSummary summary;
  // The digest that the supplier's receipt, credential and log entries name:
  // that of the committed form, which withheld fields do not change.
  TRUSTPCF_ASSIGN_OR_RETURN(summary.footprint_digest, bundle_footprint_digest(bundle));
  TRUSTPCF_ASSIGN_OR_RETURN(summary.footprint_id, required_text(footprint, "id", summary.footprint_digest));
  const std::string& where = summary.footprint_id;
  summary.company_name = footprint.value("companyName", "");
  summary.product_name = footprint.value("productNameCompany", "");

  auto ids = footprint.find("productIds");
  if (ids == footprint.end() || !ids->is_array() || ids->empty()) {
    return make_error(ErrorCode::kInvalidInput, "supplier footprint {}: 'productIds' is missing or empty", where);
  }
  for (const auto& id : *ids) {
    if (!id.is_string()) {
      return make_error(ErrorCode::kInvalidInput, "supplier footprint {}: 'productIds' contains a non-text id", where);
    }
    summary.product_ids.push_back(id.get<std::string>());
  }

  auto pcf = footprint.find("pcf");
  if (pcf == footprint.end() || !pcf->is_object()) {
    return make_error(ErrorCode::kInvalidInput, "supplier footprint {}: 'pcf' object is missing", where);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(summary.declared_unit, required_text(*pcf, "declaredUnitOfMeasurement", where));
  TRUSTPCF_ASSIGN_OR_RETURN(summary.declared_unit_amount, required_text(*pcf, "declaredUnitAmount", where));
  TRUSTPCF_ASSIGN_OR_RETURN(summary.pcf_excluding_biogenic_uptake,
                            required_text(*pcf, "pcfExcludingBiogenicUptake", where));
  if (auto share = pcf->find("primaryDataShare"); share != pcf->end() && share->is_string()) {
    summary.primary_data_share = share->get<std::string>();
  }
  summary.certified = bundle.credential.has_value();
  return summary;
}

util::Result<StoredSupplierFootprint> store_supplier_footprint(store::Database& db, const Bundle& bundle,
                                                               const std::string& origin,
                                                               const VerifyReport& report) {
  TRUSTPCF_RETURN_IF_ERROR(check_supplier_report(bundle, report));
  StoredSupplierFootprint stored;
  TRUSTPCF_ASSIGN_OR_RETURN(stored.summary, summarize_supplier_footprint(bundle));
  stored.summary.origin = origin;
  stored.summary.added_at = util::format_rfc3339(util::Clock::now());

  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_footprint_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto existing,
                            db.prepare(std::string("SELECT ") + kSummaryColumns +
                                       " FROM proof_supplier_footprints WHERE footprint_digest = ?"));
  existing.bind(1, std::string_view(stored.summary.footprint_digest));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, existing.step());
  if (found) {
    TRUSTPCF_ASSIGN_OR_RETURN(stored.summary, summary_from_row(existing));
    return stored;
  }

  const SupplierFootprintSummary& summary = stored.summary;
  std::string product_ids = nlohmann::json(summary.product_ids).dump();
  std::string bundle_text = crypto::canonicalize(bundle_to_footprint(bundle));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto insert,
      db.prepare(std::string("INSERT INTO proof_supplier_footprints (") + kSummaryColumns +
                 ", bundle) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  insert.bind(1, std::string_view(summary.footprint_digest))
      .bind(2, std::string_view(summary.footprint_id))
      .bind(3, std::string_view(summary.company_name))
      .bind(4, std::string_view(product_ids))
      .bind(5, std::string_view(summary.product_name))
      .bind(6, std::string_view(summary.declared_unit))
      .bind(7, std::string_view(summary.declared_unit_amount))
      .bind(8, std::string_view(summary.pcf_excluding_biogenic_uptake));
  if (summary.primary_data_share) {
    insert.bind(9, std::string_view(*summary.primary_data_share));
  } else {
    insert.bind_null(9);
  }
  insert.bind(10, static_cast<std::int64_t>(summary.certified ? 1 : 0))
      .bind(11, std::string_view(summary.origin))
      .bind(12, std::string_view(summary.added_at))
      .bind(13, std::string_view(bundle_text));
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  stored.added = true;
  return stored;
}

util::Result<SupplierFootprint> load_supplier_footprint(store::Database& db, const std::string& id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_footprint_schema(db));
  if (id.size() < kMinDigestPrefix) {
    return make_error(ErrorCode::kUsage, "supplier footprint digest '{}' is too short; give at least {} hex digits",
                      id, kMinDigestPrefix);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(auto query,
                            db.prepare(std::string("SELECT ") + kSummaryColumns +
                                       ", bundle FROM proof_supplier_footprints WHERE substr(footprint_digest, 1, "
                                       "?) = ? ORDER BY footprint_digest"));
  query.bind(1, static_cast<std::int64_t>(id.size())).bind(2, std::string_view(id));
  std::vector<SupplierFootprint> matches;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    SupplierFootprint footprint;
    TRUSTPCF_ASSIGN_OR_RETURN(footprint.summary, summary_from_row(query));
    TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json document, crypto::parse_json_strict(query.column_text(12)));
    TRUSTPCF_ASSIGN_OR_RETURN(footprint.bundle, bundle_from_footprint(document));
    matches.push_back(std::move(footprint));
  }
  if (matches.empty()) {
    return make_error(ErrorCode::kNotFound,
                      "supplier footprint '{}' not found; `trustpcf evidence list` shows the stored footprints, "
                      "`trustpcf evidence add-footprint BUNDLE` adds one",
                      id);
  }
  if (matches.size() > 1) {
    return make_error(ErrorCode::kUsage, "supplier footprint digest prefix '{}' matches {} footprints; give more digits",
                      id, matches.size());
  }
  return std::move(matches.front());
}

util::Result<std::vector<SupplierFootprintSummary>> list_supplier_footprints(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_footprint_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(std::string("SELECT ") + kSummaryColumns +
                                                   " FROM proof_supplier_footprints ORDER BY added_at, "
                                                   "footprint_digest"));
  std::vector<SupplierFootprintSummary> list;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    TRUSTPCF_ASSIGN_OR_RETURN(SupplierFootprintSummary summary, summary_from_row(query));
    list.push_back(std::move(summary));
  }
  return list;
}

}  // namespace trustpcf::proof
