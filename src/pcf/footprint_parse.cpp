// Reading ProductFootprint from JSON (parse_product_footprint) and checking
// footprints built in memory (check_product_footprint).

#include <algorithm>
#include <cctype>
#include <set>

#include "pcf/footprint_fields.hpp"
#include "pcf/footprint_json.hpp"
#include "pcf/ids.hpp"
#include "util/numbers.hpp"
#include "util/time.hpp"

namespace trustpcf::pcf {

namespace {

using nlohmann::json;
using util::ErrorCode;
using util::Result;
using util::Status;

constexpr const char* kDeclaredUnits[] = {"liter",          "kilogram",    "cubic meter",
                                          "kilowatt hour",  "megajoule",   "ton kilometer",
                                          "square meter",   "piece",       "hour",
                                          "megabit second"};

constexpr const char* kRegions[] = {
    "Africa",          "Americas",        "Asia",
    "Europe",          "Oceania",         "Australia and New Zealand",
    "Central Asia",    "Eastern Asia",    "Eastern Europe",
    "Latin America and the Caribbean",    "Melanesia",
    "Micronesia",      "Northern Africa", "Northern America",
    "Northern Europe", "Polynesia",       "South-eastern Asia",
    "Southern Asia",   "Southern Europe", "Sub-Saharan Africa",
    "Western Asia",    "Western Europe"};

template <size_t N>
bool one_of(const std::string& value, const char* const (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

// RFC 3339 date-time: a full date, "T" and a time (util::parse_rfc3339 also
// accepts plain dates, which the date-time format does not).
bool is_date_time(const std::string& text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return false;
  return util::parse_rfc3339(text).ok();
}

bool is_country_code(const std::string& text) {
  return text.size() == 2 && std::isupper(static_cast<unsigned char>(text[0])) &&
         std::isupper(static_cast<unsigned char>(text[1]));
}

bool is_subdivision_code(const std::string& text) {
  if (text.size() < 4 || text.size() > 6 || text[2] != '-') return false;
  if (!is_country_code(text.substr(0, 2))) return false;
  for (size_t i = 3; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (!std::isupper(c) && !std::isdigit(c)) return false;
  }
  return true;
}

// Reads the properties of one JSON object, remembering which ones it read so
// that the rest can be kept as `extra`. Errors name the footprint id and the
// property path ("pcf.dqi.temporalDQR").
class ObjectReader {
 public:
  ObjectReader(const json& object, std::string path, const std::string& footprint_id)
      : object_(object), path_(std::move(path)), footprint_id_(footprint_id) {}

  template <typename... Args>
  util::Error error(std::string_view key, fmt::format_string<Args...> format, Args&&... args) const {
    return util::Error(ErrorCode::kInvalidInput,
                       fmt::format("footprint {}: {} ", footprint_id_.empty() ? "(no id)" : footprint_id_,
                                   where(key)) +
                           fmt::format(format, std::forward<Args>(args)...));
  }

  std::string where(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const json* find(const char* key) {
    read_.insert(key);
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  Result<std::optional<std::string>> optional_string(const char* key, bool non_empty = false) {
    const json* value = find(key);
    if (value == nullptr) return std::optional<std::string>();
    if (!value->is_string()) return error(key, "must be a string, not {}", value->dump());
    std::string text = value->get<std::string>();
    if (non_empty && text.empty()) return error(key, "must not be empty");
    return std::optional<std::string>(std::move(text));
  }

  Result<std::string> required_string(const char* key, bool non_empty = false) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto value, optional_string(key, non_empty));
    if (!value) return error(key, "is missing; it is a required property");
    return *value;
  }

  Result<std::optional<std::string>> optional_decimal(const char* key, DecimalKind kind) {
    const json* value = find(key);
    if (value == nullptr) return std::optional<std::string>();
    if (!value->is_string()) {
      return error(key, "must be a {} written as a JSON string, not {}", decimal_kind_name(kind),
                   value->dump());
    }
    std::string text = value->get<std::string>();
    if (!is_decimal(text, kind)) {
      return error(key, "'{}' is not a {}; write plain digits with an optional point{}", text,
                   decimal_kind_name(kind), sign_hint(kind));
    }
    return std::optional<std::string>(std::move(text));
  }

  Result<std::string> required_decimal(const char* key, DecimalKind kind) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto value, optional_decimal(key, kind));
    if (!value) return error(key, "is missing; it is a required property");
    return *value;
  }

  Result<std::optional<std::string>> optional_date_time(const char* key) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto value, optional_string(key));
    if (value && !is_date_time(*value)) {
      return error(key, "'{}' is not an RFC 3339 date-time such as 2025-01-31T00:00:00Z", *value);
    }
    return value;
  }

  Result<std::string> required_date_time(const char* key) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto value, optional_date_time(key));
    if (!value) return error(key, "is missing; it is a required property");
    return *value;
  }

  Result<std::optional<bool>> optional_bool(const char* key) {
    const json* value = find(key);
    if (value == nullptr) return std::optional<bool>();
    if (!value->is_boolean()) return error(key, "must be true or false, not {}", value->dump());
    return std::optional<bool>(value->get<bool>());
  }

  // Reads a list of strings; absent gives an empty list. A present list must
  // be non-empty and free of duplicates, and each item must pass `valid`.
  Result<std::vector<std::string>> string_list(const char* key, bool required,
                                               bool (*valid)(const std::string&),
                                               std::string_view item_rule) {
    const json* value = find(key);
    if (value == nullptr) {
      if (required) return error(key, "is missing; it is a required property");
      return std::vector<std::string>();
    }
    if (!value->is_array() || value->empty()) {
      return error(key, "must be a non-empty array, not {}", value->dump());
    }
    std::vector<std::string> items;
    std::set<std::string> seen;
    for (const json& item : *value) {
      if (!item.is_string() || !valid(item.get<std::string>())) {
        return error(key, "item {} is not {}", item.dump(), item_rule);
      }
      if (!seen.insert(item.get<std::string>()).second) {
        return error(key, "contains {} twice; list each item once", item.dump());
      }
      items.push_back(item.get<std::string>());
    }
    return items;
  }

  // Returns the properties that were not read.
  json extra() const {
    json out = json::object();
    for (const auto& [key, value] : object_.items()) {
      if (!read_.count(key)) out[key] = value;
    }
    return out;
  }

  const std::string& path() const { return path_; }

 private:
  static const char* sign_hint(DecimalKind kind) {
    switch (kind) {
      case DecimalKind::kPositiveNonZero:
        return " and a value above zero";
      case DecimalKind::kPositiveOrZero:
        return " and no minus sign";
      case DecimalKind::kNegativeOrZero:
        return ", a minus sign, or 0";
      case DecimalKind::kNegativeNonZero:
        return " and a minus sign";
      case DecimalKind::kAny:
        return "";
    }
    return "";
  }

  const json& object_;
  std::string path_;
  const std::string& footprint_id_;
  std::set<std::string> read_;
};

bool any_string(const std::string&) { return true; }
bool non_empty_string(const std::string& text) { return !text.empty(); }
bool urn_string(const std::string& text) { return is_urn(text); }
bool uuid_string(const std::string& text) { return is_uuid(text); }
bool ipcc_report_string(const std::string& text) {
  return text.size() > 2 && text.compare(0, 2, "AR") == 0 &&
         std::all_of(text.begin() + 2, text.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

Result<const json*> child_object(ObjectReader& reader, const char* key, bool required) {
  const json* value = reader.find(key);
  if (value == nullptr) {
    if (required) return reader.error(key, "is missing; it is a required property");
    return static_cast<const json*>(nullptr);
  }
  if (!value->is_object()) return reader.error(key, "must be a JSON object, not {}", value->dump());
  return value;
}

Result<DataQualityIndicators> parse_dqi(const json& object, const std::string& id) {
  ObjectReader reader(object, "pcf.dqi", id);
  DataQualityIndicators dqi;
  std::pair<const char*, std::string*> ratings[] = {{"technologicalDQR", &dqi.technological_dqr},
                                                    {"geographicalDQR", &dqi.geographical_dqr},
                                                    {"temporalDQR", &dqi.temporal_dqr}};
  for (auto& [key, member] : ratings) {
    TRUSTPCF_ASSIGN_OR_RETURN(*member, reader.required_decimal(key, DecimalKind::kAny));
    double rating = util::parse_double(*member).value();
    if (rating < 1.0 || rating > 5.0) {
      return reader.error(key, "'{}' is outside 1 to 5, the range of a data quality rating",
                          *member);
    }
  }
  dqi.extra = reader.extra();
  return dqi;
}

Result<Verification> parse_verification(const json& object, const std::string& id) {
  ObjectReader reader(object, "pcf.verification", id);
  Verification verification;
  TRUSTPCF_ASSIGN_OR_RETURN(verification.coverage, reader.optional_string("coverage"));
  if (verification.coverage && *verification.coverage != "PCF calculation model" &&
      *verification.coverage != "PCF program" && *verification.coverage != "product level") {
    return reader.error("coverage", "'{}' is not one of 'PCF calculation model', 'PCF program', "
                                    "'product level'",
                        *verification.coverage);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(verification.provider_name, reader.optional_string("providerName"));
  TRUSTPCF_ASSIGN_OR_RETURN(verification.completed_at, reader.optional_date_time("completedAt"));
  TRUSTPCF_ASSIGN_OR_RETURN(verification.standard_name, reader.optional_string("standardName"));
  TRUSTPCF_ASSIGN_OR_RETURN(verification.comments, reader.optional_string("comments"));
  verification.extra = reader.extra();
  return verification;
}

Result<std::vector<ProductOrSectorSpecificRule>> parse_rules(ObjectReader& parent,
                                                             const std::string& id) {
  const char* key = "productOrSectorSpecificRules";
  const json* value = parent.find(key);
  std::vector<ProductOrSectorSpecificRule> rules;
  if (value == nullptr) return rules;
  if (!value->is_array() || value->empty()) {
    return parent.error(key, "must be a non-empty array; leave it out when no rules were "
                             "followed");
  }
  for (size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    std::string path = "pcf." + std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_object()) return parent.error(key, "item {} is not a JSON object", i);
    ObjectReader reader(item, path, id);
    ProductOrSectorSpecificRule rule;
    TRUSTPCF_ASSIGN_OR_RETURN(rule.operator_name, reader.required_string("operator"));
    if (rule.operator_name != "PEF" && rule.operator_name != "EPD International" &&
        rule.operator_name != "Other") {
      return reader.error("operator", "'{}' is not one of PEF, EPD International, Other",
                          rule.operator_name);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(rule.rule_names,
                              reader.string_list("ruleNames", true, non_empty_string,
                                                 "a non-empty string"));
    TRUSTPCF_ASSIGN_OR_RETURN(rule.other_operator_name,
                              reader.optional_string("otherOperatorName", true));
    rule.extra = reader.extra();
    rules.push_back(std::move(rule));
  }
  return rules;
}

Result<std::vector<EmissionFactorSource>> parse_sources(ObjectReader& parent,
                                                        const std::string& id) {
  const char* key = "secondaryEmissionFactorSources";
  const json* value = parent.find(key);
  std::vector<EmissionFactorSource> sources;
  if (value == nullptr) return sources;
  if (!value->is_array() || value->empty()) {
    return parent.error(key, "must be a non-empty array; leave it out when no secondary data "
                             "was used");
  }
  for (size_t i = 0; i < value->size(); ++i) {
    const json& item = (*value)[i];
    if (!item.is_object()) return parent.error(key, "item {} is not a JSON object", i);
    ObjectReader reader(item, "pcf." + std::string(key) + "[" + std::to_string(i) + "]", id);
    EmissionFactorSource source;
    TRUSTPCF_ASSIGN_OR_RETURN(source.name, reader.required_string("name", true));
    TRUSTPCF_ASSIGN_OR_RETURN(source.version, reader.required_string("version", true));
    source.extra = reader.extra();
    sources.push_back(std::move(source));
  }
  return sources;
}

Result<CarbonFootprint> parse_carbon_footprint(const json& object, const std::string& id) {
  ObjectReader reader(object, "pcf", id);
  CarbonFootprint pcf;

  TRUSTPCF_ASSIGN_OR_RETURN(pcf.declared_unit_of_measurement,
                            reader.required_string("declaredUnitOfMeasurement"));
  if (!one_of(pcf.declared_unit_of_measurement, kDeclaredUnits)) {
    return reader.error("declaredUnitOfMeasurement",
                        "'{}' is not a v3 declared unit; use liter, kilogram, cubic meter, "
                        "kilowatt hour, megajoule, ton kilometer, square meter, piece, hour or "
                        "megabit second",
                        pcf.declared_unit_of_measurement);
  }
  for (const auto& field : detail::kRequiredDecimals) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.*field.member, reader.required_decimal(field.key, field.kind));
  }
  for (const auto& field : detail::kOptionalDecimals) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.*field.member, reader.optional_decimal(field.key, field.kind));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.reference_period_start,
                            reader.required_date_time("referencePeriodStart"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.reference_period_end,
                            reader.required_date_time("referencePeriodEnd"));

  TRUSTPCF_ASSIGN_OR_RETURN(pcf.geography_region_or_subregion,
                            reader.optional_string("geographyRegionOrSubregion"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.geography_country, reader.optional_string("geographyCountry"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.geography_country_subdivision,
                            reader.optional_string("geographyCountrySubdivision"));
  int geographies = (pcf.geography_region_or_subregion ? 1 : 0) +
                    (pcf.geography_country ? 1 : 0) + (pcf.geography_country_subdivision ? 1 : 0);
  if (geographies > 1) {
    return reader.error("geography*", "sets {} of geographyRegionOrSubregion, geographyCountry "
                                      "and geographyCountrySubdivision; set at most one",
                        geographies);
  }
  if (pcf.geography_region_or_subregion && !one_of(*pcf.geography_region_or_subregion, kRegions)) {
    return reader.error("geographyRegionOrSubregion",
                        "'{}' is not a UN region or subregion name of the v3 enumeration",
                        *pcf.geography_region_or_subregion);
  }
  if (pcf.geography_country && !is_country_code(*pcf.geography_country)) {
    return reader.error("geographyCountry", "'{}' is not an ISO 3166-1 alpha-2 code such as US",
                        *pcf.geography_country);
  }
  if (pcf.geography_country_subdivision &&
      !is_subdivision_code(*pcf.geography_country_subdivision)) {
    return reader.error("geographyCountrySubdivision",
                        "'{}' is not an ISO 3166-2 code such as US-CA",
                        *pcf.geography_country_subdivision);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(pcf.boundary_processes_description,
                            reader.optional_string("boundaryProcessesDescription"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.packaging_emissions_included,
                            reader.optional_bool("packagingEmissionsIncluded"));
  if (pcf.packaging_ghg_emissions && pcf.packaging_emissions_included != true) {
    return reader.error("packagingGhgEmissions",
                        "is set but packagingEmissionsIncluded is not true; the specification "
                        "allows packaging emissions only when they are included, so set "
                        "packagingEmissionsIncluded to true or remove packagingGhgEmissions");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.ccs_technological_co2_capture_included,
                            reader.optional_bool("ccsTechnologicalCO2CaptureIncluded"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.technological_co2_capture_origin,
                            reader.optional_string("technologicalCO2CaptureOrigin"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.ccu_calculation_approach,
                            reader.optional_string("ccuCalculationApproach"));
  if (pcf.ccu_calculation_approach && *pcf.ccu_calculation_approach != "Cut-off" &&
      *pcf.ccu_calculation_approach != "Credit") {
    return reader.error("ccuCalculationApproach", "'{}' is not Cut-off or Credit",
                        *pcf.ccu_calculation_approach);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.ccu_credit_certification,
                            reader.optional_string("ccuCreditCertification"));

  TRUSTPCF_ASSIGN_OR_RETURN(pcf.ipcc_characterization_factors,
                            reader.string_list("ipccCharacterizationFactors", true,
                                               ipcc_report_string, "of the form AR6"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.cross_sectoral_standards,
                            reader.string_list("crossSectoralStandards", true, any_string,
                                               "a string"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.product_or_sector_specific_rules, parse_rules(reader, id));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.exempted_emissions_description,
                            reader.optional_string("exemptedEmissionsDescription"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.allocation_rules_description,
                            reader.optional_string("allocationRulesDescription"));
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.secondary_emission_factor_sources, parse_sources(reader, id));

  TRUSTPCF_ASSIGN_OR_RETURN(const json* dqi, child_object(reader, "dqi", false));
  if (dqi != nullptr) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.dqi, parse_dqi(*dqi, id));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(const json* verification, child_object(reader, "verification", false));
  if (verification != nullptr) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.verification, parse_verification(*verification, id));
  }

  pcf.extra = reader.extra();
  return pcf;
}

}  // namespace

Result<ProductFootprint> parse_product_footprint(const json& object) {
  if (!object.is_object()) {
    return util::make_error(ErrorCode::kInvalidInput,
                            "a product footprint must be a JSON object, not {}",
                            object.type_name());
  }
  std::string id;
  if (auto it = object.find("id"); it != object.end() && it->is_string()) id = it->get<std::string>();

  ObjectReader reader(object, "", id);
  ProductFootprint footprint;
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.id, reader.required_string("id"));
  if (!is_uuid(footprint.id)) {
    return reader.error("id", "'{}' is not a UUID such as f4b1225a-bd44-4c8e-861d-079e4e1dfd69",
                        footprint.id);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(footprint.spec_version, reader.required_string("specVersion"));
  auto version = footprint.spec_version;
  bool version_form = !version.empty() && std::isdigit(static_cast<unsigned char>(version[0]));
  if (!version_form || version.compare(0, 2, "3.") != 0 ||
      std::count(version.begin(), version.end(), '.') < 2) {
    return reader.error("specVersion",
                        "'{}' is not a 3.x.y version; only PACT v3 footprints are read here",
                        version);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(footprint.preceding_pf_ids,
                            reader.string_list("precedingPfIds", false, uuid_string, "a UUID"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.created, reader.required_date_time("created"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.status, reader.required_string("status"));
  if (footprint.status != "Active" && footprint.status != "Deprecated") {
    return reader.error("status", "'{}' is not Active or Deprecated", footprint.status);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.validity_period_start,
                            reader.optional_date_time("validityPeriodStart"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.validity_period_end,
                            reader.optional_date_time("validityPeriodEnd"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.company_name, reader.required_string("companyName", true));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.company_ids,
                            reader.string_list("companyIds", true, urn_string,
                                               "a URN (urn:...)"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.product_description,
                            reader.required_string("productDescription"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.product_ids,
                            reader.string_list("productIds", true, urn_string, "a URN (urn:...)"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.product_classifications,
                            reader.string_list("productClassifications", false, urn_string,
                                               "a URN (urn:...)"));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.product_name_company,
                            reader.required_string("productNameCompany", true));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.comment, reader.optional_string("comment"));

  // "updated" is a 2.x property that 3.0 dropped; a value that is present must
  // still be the date-time 2.x defined, or the document is malformed.
  TRUSTPCF_ASSIGN_OR_RETURN(auto updated, reader.optional_date_time("updated"));

  TRUSTPCF_ASSIGN_OR_RETURN(const json* pcf, child_object(reader, "pcf", true));
  TRUSTPCF_ASSIGN_OR_RETURN(footprint.pcf, parse_carbon_footprint(*pcf, footprint.id));

  if (const json* extensions = reader.find("extensions")) {
    if (!extensions->is_array()) {
      return reader.error("extensions", "must be an array of data model extensions");
    }
    for (const json& extension : *extensions) {
      if (!extension.is_object()) {
        return reader.error("extensions", "item {} is not a JSON object", extension.dump());
      }
      footprint.extensions.push_back(extension);
    }
  }

  footprint.extra = reader.extra();
  if (updated) footprint.extra["updated"] = *updated;
  return footprint;
}

Result<ProductFootprint> parse_product_footprint(std::string_view text) {
  json object = json::parse(text, nullptr, false);
  if (object.is_discarded()) {
    return util::make_error(ErrorCode::kInvalidInput,
                            "the product footprint is not valid JSON; check the document for "
                            "syntax errors");
  }
  return parse_product_footprint(object);
}

Status check_product_footprint(const ProductFootprint& footprint) {
  return parse_product_footprint(to_json(footprint)).status();
}

}  // namespace trustpcf::pcf
