#include "space/usage_terms.hpp"

#include <chrono>

#include "space/footprint_filter.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// One row per footprint whose origin was recorded at import. A footprint
// without a row is the node's own when its companyIds name the node's
// company, else one received without terms.
constexpr const char* kTermsSchemaV1 = R"sql(
CREATE TABLE space_footprint_terms (
  pf_id TEXT PRIMARY KEY,
  own INTEGER NOT NULL,
  has_terms INTEGER NOT NULL,
  policy_id TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  purpose TEXT NOT NULL,
  valid_until INTEGER,
  reshare INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
);
)sql";

bool is_terms_extension(const nlohmann::json& extension) {
  if (!extension.is_object() || !extension.contains("dataSchema") || !extension["dataSchema"].is_string()) return false;
  const std::string& schema = extension["dataSchema"].get_ref<const std::string&>();
  const std::string_view suffix = kUsageTermsSchemaPath;
  return schema.size() >= suffix.size() && schema.compare(schema.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

nlohmann::json usage_terms_extension(const UsageTerms& terms, const std::string& origin) {
  nlohmann::json data = {{"policyId", terms.policy_id},
                         {"grantedBy", terms.granted_by},
                         {"purpose", terms.purpose},
                         {"reshareAllowed", terms.reshare}};
  if (terms.valid_until) {
    data["validUntil"] = util::format_rfc3339(util::Clock::time_point(std::chrono::seconds(*terms.valid_until)));
  }
  return {{"specVersion", kDataModelExtensionSpecVersion},
          {"dataSchema", origin + kUsageTermsSchemaPath},
          {"data", std::move(data)}};
}

nlohmann::json usage_terms_schema() {
  return {
      {"$schema", "https://json-schema.org/draft/2020-12/schema"},
      {"title", "trustpcf usage policy terms 1.0.0"},
      {"description",
       "The usage policy under which the data owner passed this footprint on: who granted it, for which purpose, "
       "until when, and whether the recipient may pass it on to its own partners."},
      {"type", "object"},
      {"required", {"policyId", "grantedBy", "purpose", "reshareAllowed"}},
      {"properties",
       {{"policyId", {{"type", "string"}, {"description", "Id of the grantor's usage policy"}}},
        {"grantedBy", {{"type", "string"}, {"pattern", "^[uU][rR][nN]:"}, {"description", "Company id URN of the grantor"}}},
        {"purpose", {{"type", "string"}, {"minLength", 1}, {"description", "Purpose of use the grant allows"}}},
        {"validUntil",
         {{"type", "string"}, {"format", "date-time"}, {"description", "End of the grant (exclusive); absent: no end"}}},
        {"reshareAllowed",
         {{"type", "boolean"}, {"description", "Whether the recipient may pass the footprint on to its partners"}}}}},
  };
}

util::Result<std::optional<UsageTerms>> received_terms_from_footprint(const nlohmann::json& footprint) {
  if (!footprint.is_object() || !footprint.contains("extensions") || !footprint["extensions"].is_array()) {
    return std::optional<UsageTerms>();
  }
  const std::string id = footprint.value("id", "");
  for (const nlohmann::json& extension : footprint["extensions"]) {
    if (!is_terms_extension(extension)) continue;

    auto invalid = [&id](const char* field, const char* expected) {
      return make_error(ErrorCode::kInvalidInput,
                        "usage-terms extension of footprint {}: '{}' is missing or not {}; ask the supplier to "
                        "send the footprint again",
                        id, field, expected);
    };
    const nlohmann::json& data = extension.value("data", nlohmann::json());
    if (!data.is_object()) return invalid("data", "an object");
    UsageTerms terms;
    if (!data.contains("policyId") || !data["policyId"].is_string()) return invalid("policyId", "a string");
    if (!data.contains("grantedBy") || !data["grantedBy"].is_string()) return invalid("grantedBy", "a string");
    if (!data.contains("purpose") || !data["purpose"].is_string()) return invalid("purpose", "a string");
    if (!data.contains("reshareAllowed") || !data["reshareAllowed"].is_boolean()) {
      return invalid("reshareAllowed", "true or false");
    }
    terms.policy_id = data["policyId"].get<std::string>();
    terms.granted_by = data["grantedBy"].get<std::string>();
    terms.purpose = data["purpose"].get<std::string>();
    terms.reshare = data["reshareAllowed"].get<bool>();
    if (data.contains("validUntil")) {
      if (!data["validUntil"].is_string()) return invalid("validUntil", "an RFC 3339 date-time");
      util::Result<std::int64_t> until = parse_filter_time(data["validUntil"].get<std::string>());
      if (!until.ok()) return invalid("validUntil", "an RFC 3339 date-time");
      terms.valid_until = *until;
    }
    return std::optional<UsageTerms>(std::move(terms));
  }
  return std::optional<UsageTerms>();
}

std::string document_with_terms(const std::string& document, const UsageTerms& terms, const std::string& origin) {
  const std::string extension = usage_terms_extension(terms, origin).dump();
  // Fast path: without the text "extensions" anywhere, the document has no
  // such member, and the extension can be added before the closing brace.
  if (document.find("\"extensions\"") == std::string::npos && document.size() >= 2 && document.back() == '}') {
    return document.substr(0, document.size() - 1) + ",\"extensions\":[" + extension + "]}";
  }
  nlohmann::json footprint = nlohmann::json::parse(document);
  nlohmann::json extensions = nlohmann::json::array();
  if (footprint.contains("extensions") && footprint["extensions"].is_array()) {
    for (nlohmann::json& other : footprint["extensions"]) {
      if (!is_terms_extension(other)) extensions.push_back(std::move(other));
    }
  }
  extensions.push_back(nlohmann::json::parse(extension));
  footprint["extensions"] = std::move(extensions);
  return footprint.dump();
}

util::Status ensure_usage_terms_schema(store::Database& db) {
  return db.ensure_schema("space-terms", 1, kTermsSchemaV1);
}

util::Status record_footprint_terms(store::Database& db, const std::string& pf_id, bool own,
                                    const std::optional<UsageTerms>& terms) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_usage_terms_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto upsert,
                            db.prepare("INSERT OR REPLACE INTO space_footprint_terms(pf_id, own, has_terms, policy_id, "
                                       "granted_by, purpose, valid_until, reshare, recorded_at) "
                                       "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  const UsageTerms none;
  const UsageTerms& values = terms ? *terms : none;
  upsert.bind(1, ascii_lower(pf_id)).bind(2, std::int64_t{own}).bind(3, std::int64_t{terms.has_value()});
  upsert.bind(4, values.policy_id).bind(5, values.granted_by).bind(6, values.purpose);
  if (values.valid_until) {
    upsert.bind(7, *values.valid_until);
  } else {
    upsert.bind_null(7);
  }
  upsert.bind(8, std::int64_t{values.reshare}).bind(9, now_seconds());
  return upsert.run();
}

util::Status record_received_terms(store::Database& db, const nlohmann::json& footprint) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::optional<UsageTerms> terms, received_terms_from_footprint(footprint));
  return record_footprint_terms(db, footprint.value("id", ""), false, terms);
}

}  // namespace trustpcf::space
