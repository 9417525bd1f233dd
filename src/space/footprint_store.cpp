#include "space/footprint_store.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "space/footprint_store_sql.hpp"
#include "space/footprint_validation.hpp"
#include "space/schema.hpp"
#include "space/usage_terms.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// PACT v3: without a validity period a footprint is valid for 3 years from
// the end of its reference period.
constexpr int kDefaultValidityYears = 3;


std::int64_t to_unix(util::Clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

struct FootprintRow {
  std::string id;
  std::string document;
  std::string status;
  std::int64_t validity_start = 0;
  std::int64_t validity_end = 0;
  std::int64_t version = 0;
  std::string updated;
  std::int64_t created = 0;
  std::string product_name;
  std::vector<std::pair<std::string, std::string>> keys;  // kind, lower-cased value
  std::vector<std::string> preceding_ids;
};

std::int64_t time_or_zero(const nlohmann::json& object, const char* property) {
  if (!object.contains(property) || !object[property].is_string()) return 0;
  util::Result<std::int64_t> time = parse_filter_time(object[property].get<std::string>());
  return time.ok() ? *time : 0;
}

FootprintRow index_footprint(const nlohmann::json& footprint) {
  FootprintRow row;
  row.id = ascii_lower(footprint["id"].get<std::string>());
  row.document = footprint.dump();
  row.status = footprint["status"].get<std::string>();
  row.product_name = footprint["productNameCompany"].get<std::string>();
  row.version = footprint.value("version", std::int64_t{0});
  row.updated = footprint.value("updated", "");
  row.created = time_or_zero(footprint, "created");

  const nlohmann::json& pcf = footprint["pcf"];
  std::int64_t reference_end = time_or_zero(pcf, "referencePeriodEnd");
  row.validity_start = footprint.contains("validityPeriodStart") ? time_or_zero(footprint, "validityPeriodStart")
                                                                 : reference_end;
  if (footprint.contains("validityPeriodEnd")) {
    row.validity_end = time_or_zero(footprint, "validityPeriodEnd");
  } else {
    using namespace std::chrono;
    sys_seconds end{seconds(reference_end)};
    sys_days day = floor<days>(end);
    year_month_day date{day};
    year_month_day later = date + years(kDefaultValidityYears);
    if (!later.ok()) later = later.year() / later.month() / last;  // 29 February
    row.validity_end = to_unix(sys_days(later) + (end - day));
  }

  for (const char* property : {"productIds", "companyIds", "productClassifications"}) {
    if (!footprint.contains(property)) continue;
    const char* kind = std::string_view(property) == "productIds"  ? "productId"
                       : std::string_view(property) == "companyIds" ? "companyId"
                                                                    : "classification";
    for (const nlohmann::json& value : footprint[property]) {
      row.keys.emplace_back(kind, ascii_lower(value.get<std::string>()));
    }
  }
  for (const char* property : {"geographyCountry", "geographyRegionOrSubregion", "geographyCountrySubdivision"}) {
    if (pcf.contains(property) && pcf[property].is_string()) {
      row.keys.emplace_back("geography", ascii_lower(pcf[property].get<std::string>()));
    }
  }
  if (footprint.contains("precedingPfIds")) {
    for (const nlohmann::json& value : footprint["precedingPfIds"]) {
      std::string preceding = ascii_lower(value.get<std::string>());
      if (preceding != row.id) row.preceding_ids.push_back(preceding);  // a self-reference is no predecessor
    }
  }
  return row;
}

// True when `incoming` is a newer version of the stored footprint.
bool is_newer(const FootprintRow& incoming, std::int64_t version, const std::string& updated,
              std::int64_t created) {
  if (incoming.version != version) return incoming.version > version;
  std::int64_t incoming_updated = incoming.updated.empty() ? 0 : parse_filter_time(incoming.updated).ok() ? *parse_filter_time(incoming.updated) : 0;
  std::int64_t stored_updated = updated.empty() ? 0 : parse_filter_time(updated).ok() ? *parse_filter_time(updated) : 0;
  if (incoming_updated != stored_updated) return incoming_updated > stored_updated;
  return incoming.created > created;
}

util::Status write_row(store::Database& db, const FootprintRow& row, std::optional<std::int64_t> existing_row_id,
                       std::int64_t now) {
  std::int64_t row_id = 0;
  if (existing_row_id) {
    row_id = *existing_row_id;
    TRUSTPCF_ASSIGN_OR_RETURN(auto update,
                              db.prepare("UPDATE space_footprints SET document = ?, status = ?, validity_start = ?, "
                                         "validity_end = ?, version = ?, updated_text = ?, product_name = ?, "
                                         "imported_at = ? WHERE row_id = ?"));
    update.bind(1, row.document).bind(2, row.status).bind(3, row.validity_start).bind(4, row.validity_end);
    update.bind(5, row.version).bind(6, row.updated).bind(7, row.product_name).bind(8, now).bind(9, row_id);
    TRUSTPCF_RETURN_IF_ERROR(update.run());
    TRUSTPCF_ASSIGN_OR_RETURN(auto clear, db.prepare("DELETE FROM space_footprint_keys WHERE row_id = ?"));
    clear.bind(1, row_id);
    TRUSTPCF_RETURN_IF_ERROR(clear.run());
  } else {
    TRUSTPCF_ASSIGN_OR_RETURN(auto insert,
                              db.prepare("INSERT INTO space_footprints(pf_id, document, status, validity_start, "
                                         "validity_end, version, updated_text, product_name, imported_at) "
                                         "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(1, row.id).bind(2, row.document).bind(3, row.status).bind(4, row.validity_start);
    insert.bind(5, row.validity_end).bind(6, row.version).bind(7, row.updated).bind(8, row.product_name);
    insert.bind(9, now);
    TRUSTPCF_RETURN_IF_ERROR(insert.run());
    row_id = db.last_insert_rowid();
  }

  TRUSTPCF_ASSIGN_OR_RETURN(auto key, db.prepare("INSERT INTO space_footprint_keys(row_id, kind, value) VALUES(?, ?, ?)"));
  for (const auto& [kind, value] : row.keys) {
    key.reset();
    key.bind(1, row_id).bind(2, kind).bind(3, value);
    TRUSTPCF_RETURN_IF_ERROR(key.run());
  }
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto preceding, db.prepare("INSERT OR IGNORE INTO space_footprint_predecessors(pf_id, preceding_id) VALUES(?, ?)"));
  for (const std::string& id : row.preceding_ids) {
    preceding.reset();
    preceding.bind(1, row.id).bind(2, id);
    TRUSTPCF_RETURN_IF_ERROR(preceding.run());
  }
  return {};
}

// Records how a newly stored footprint version came to the node. Without
// --own or terms, any earlier record goes, so the companyIds rule of
// FootprintRelease decides.
util::Status record_origin(store::Database& db, const std::string& id, bool own,
                           const std::optional<UsageTerms>& terms) {
  if (own || terms) return record_footprint_terms(db, id, own, own ? std::nullopt : terms);
  TRUSTPCF_ASSIGN_OR_RETURN(auto forget, db.prepare("DELETE FROM space_footprint_terms WHERE pf_id = ?"));
  forget.bind(1, id);
  return forget.run();
}

}  // namespace

util::Result<std::vector<nlohmann::json>> footprints_from_json(const nlohmann::json& document) {
  if (document.is_array()) return document.get<std::vector<nlohmann::json>>();
  if (document.is_object() && document.contains("data") && !document.contains("pcf")) {
    const nlohmann::json& data = document["data"];
    if (data.is_array()) return data.get<std::vector<nlohmann::json>>();
    if (data.is_object()) return std::vector<nlohmann::json>{data};  // a GetFootprint response
    return make_error(ErrorCode::kInvalidInput, "'data' must be an array of product footprints");
  }
  if (document.is_object()) return std::vector<nlohmann::json>{document};
  return make_error(ErrorCode::kInvalidInput,
                    "expected a product footprint, an array of them or {{\"data\": [...]}}, got {}",
                    document.type_name());
}

util::Result<ImportSummary> import_footprints(store::Database& db, const std::vector<nlohmann::json>& footprints,
                                              const ImportOptions& options) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  std::vector<FootprintRow> rows;
  std::vector<std::optional<UsageTerms>> terms;
  rows.reserve(footprints.size());
  for (std::size_t i = 0; i < footprints.size(); ++i) {
    util::Status valid = validate_footprint(footprints[i]);
    if (!valid.ok()) return valid.error().with_context(fmt::format("item {} of {}", i + 1, footprints.size()));
    rows.push_back(index_footprint(footprints[i]));
    util::Result<std::optional<UsageTerms>> received = received_terms_from_footprint(footprints[i]);
    if (!received.ok()) return received.error().with_context(fmt::format("item {} of {}", i + 1, footprints.size()));
    terms.push_back(std::move(*received));
  }

  const std::int64_t now = to_unix(util::Clock::now());
  ImportSummary summary;
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto existing, db.prepare("SELECT row_id, version, updated_text, document "
                                                      "FROM space_footprints WHERE pf_id = ?"));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const FootprintRow& row = rows[i];
    summary.ids.push_back(row.id);
    existing.reset();
    existing.bind(1, row.id);
    TRUSTPCF_ASSIGN_OR_RETURN(bool found, existing.step());
    if (!found) {
      TRUSTPCF_RETURN_IF_ERROR(write_row(db, row, std::nullopt, now));
      TRUSTPCF_RETURN_IF_ERROR(record_origin(db, row.id, options.own, terms[i]));
      ++summary.added;
      continue;
    }
    std::int64_t row_id = existing.column_int(0);
    nlohmann::json stored = nlohmann::json::parse(existing.column_text(3), nullptr, false);
    if (!is_newer(row, existing.column_int(1), existing.column_text(2), time_or_zero(stored, "created"))) {
      ++summary.unchanged;
      continue;
    }
    TRUSTPCF_RETURN_IF_ERROR(write_row(db, row, row_id, now));
    TRUSTPCF_RETURN_IF_ERROR(record_origin(db, row.id, options.own, terms[i]));
    ++summary.replaced;
  }
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  spdlog::info("footprints imported added={} replaced={} unchanged={}", summary.added, summary.replaced,
               summary.unchanged);
  return summary;
}

util::Result<std::optional<StoredFootprint>> get_footprint(store::Database& db, const std::string& id) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT row_id, pf_id, document FROM space_footprints WHERE pf_id = ?"));
  query.bind(1, ascii_lower(id));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) return std::optional<StoredFootprint>();
  StoredFootprint footprint;
  footprint.row_id = query.column_int(0);
  footprint.id = query.column_text(1);
  footprint.document = query.column_text(2);
  return std::optional<StoredFootprint>(std::move(footprint));
}

util::Result<std::vector<StoredFootprint>> list_visible_footprints(store::Database& db, const std::string& partner_id,
                                                                   const FootprintFilter& filter,
                                                                   std::int64_t after_row_id, std::size_t limit,
                                                                   std::int64_t now) {
  std::string sql = std::string("SELECT row_id, pf_id, document, policy_id FROM (SELECT f.row_id, f.pf_id, f.document, ") +
                    kPolicyCoveringSql +
                    " AS policy_id FROM space_footprints f WHERE f.row_id > :after"
                    " AND NOT EXISTS (SELECT 1 FROM space_footprint_predecessors pp WHERE pp.preceding_id = f.pf_id)";
  std::vector<std::string> texts;  // bound in order to the positional ?s below
  auto add_key_criterion = [&](const char* kind, const std::vector<std::string>& values) {
    if (values.empty()) return;
    // An IN over the key index lets SQLite start from the matching rows
    // instead of testing every footprint.
    sql += " AND f.row_id IN (SELECT k.row_id FROM space_footprint_keys k WHERE k.kind = '";
    sql += kind;
    sql += "' AND k.value IN (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      texts.push_back(values[i]);
    }
    sql += "))";
  };
  add_key_criterion("productId", filter.product_ids);
  add_key_criterion("companyId", filter.company_ids);
  add_key_criterion("geography", filter.geographies);
  add_key_criterion("classification", filter.classifications);
  if (filter.status) {
    sql += " AND f.status = ?";
    texts.push_back(*filter.status);
  }
  if (filter.valid_on) sql += " AND f.validity_start <= :valid_on AND f.validity_end >= :valid_on";
  if (filter.valid_after) sql += " AND f.validity_start > :valid_after";
  if (filter.valid_before) sql += " AND f.validity_end < :valid_before";
  sql += ") WHERE policy_id IS NOT NULL ORDER BY row_id LIMIT :limit";

  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(sql));
  // Parameters are numbered in order of first appearance: :partner, :now,
  // :after, the positional ?s, then the validity bounds and :limit.
  int index = 1;
  query.bind(index++, partner_id);  // :partner
  query.bind(index++, now);         // :now
  query.bind(index++, after_row_id);
  for (const std::string& text : texts) query.bind(index++, text);
  if (filter.valid_on) query.bind(index++, *filter.valid_on);
  if (filter.valid_after) query.bind(index++, *filter.valid_after);
  if (filter.valid_before) query.bind(index++, *filter.valid_before);
  query.bind(index++, static_cast<std::int64_t>(limit));

  std::vector<StoredFootprint> footprints;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    StoredFootprint footprint;
    footprint.row_id = query.column_int(0);
    footprint.id = query.column_text(1);
    footprint.document = query.column_text(2);
    footprint.policy_id = query.column_text(3);
    footprints.push_back(std::move(footprint));
  }
  return footprints;
}

util::Result<std::optional<std::string>> policy_covering(store::Database& db, const std::string& partner_id,
                                                         const std::string& id, std::int64_t now) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(std::string("SELECT ") + kPolicyCoveringSql +
                                                   " FROM space_footprints f WHERE f.pf_id = :id"));
  query.bind(1, partner_id).bind(2, now).bind(3, ascii_lower(id));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found || query.is_null(0)) return std::optional<std::string>();
  return std::optional<std::string>(query.column_text(0));
}

util::Result<std::int64_t> count_footprints(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT count(*) FROM space_footprints"));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  return found ? query.column_int(0) : 0;
}

}  // namespace trustpcf::space
