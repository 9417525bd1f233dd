#include "proof/methodology.hpp"

#include <regex>
#include <set>

#include <fmt/format.h>

#include "util/numbers.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {
namespace {

// Declared units of PACT v3 CarbonFootprint.declaredUnitOfMeasurement.
const std::set<std::string> kDeclaredUnits = {
    "liter", "kilogram", "cubic meter", "kilowatt hour", "megajoule",
    "ton kilometer", "square meter", "piece", "hour", "megabit second"};

// Required members of ProductFootprint and CarbonFootprint in PACT v3.
const char* const kRequiredFootprintFields[] = {
    "id", "specVersion", "created", "status", "companyName", "companyIds",
    "productDescription", "productIds", "productNameCompany", "pcf"};
const char* const kRequiredPcfFields[] = {
    "declaredUnitOfMeasurement", "declaredUnitAmount", "productMassPerDeclaredUnit",
    "referencePeriodStart", "referencePeriodEnd", "pcfExcludingBiogenicUptake",
    "pcfIncludingBiogenicUptake", "fossilGhgEmissions", "fossilCarbonContent",
    "ipccCharacterizationFactors", "crossSectoralStandards", "exemptedEmissionsPercent"};

bool is_decimal(const nlohmann::json& value) {
  static const std::regex pattern(R"(^[+-]?\d+(\.\d+)?$)");
  return value.is_string() && std::regex_match(value.get<std::string>(), pattern);
}

CheckResult pass(std::string name, std::string reason) { return {std::move(name), true, std::move(reason)}; }
CheckResult fail(std::string name, std::string reason) { return {std::move(name), false, std::move(reason)}; }

CheckResult check_required(const nlohmann::json& footprint) {
  std::vector<std::string> missing;
  for (const char* field : kRequiredFootprintFields) {
    if (!footprint.contains(field)) missing.emplace_back(field);
  }
  const nlohmann::json pcf = footprint.value("pcf", nlohmann::json::object());
  for (const char* field : kRequiredPcfFields) {
    if (!pcf.contains(field)) missing.push_back(std::string("pcf.") + field);
  }
  if (!missing.empty()) {
    return fail("required fields", fmt::format("missing {}", fmt::join(missing, ", ")));
  }
  return pass("required fields", "every field PACT v3 requires is present");
}

CheckResult check_period(const nlohmann::json& pcf) {
  const char* name = "reference period";
  auto start_text = pcf.value("referencePeriodStart", "");
  auto end_text = pcf.value("referencePeriodEnd", "");
  auto start = util::parse_rfc3339(start_text);
  auto end = util::parse_rfc3339(end_text);
  if (!start.ok()) return fail(name, "referencePeriodStart '" + start_text + "' is not a date-time");
  if (!end.ok()) return fail(name, "referencePeriodEnd '" + end_text + "' is not a date-time");
  if (!(*start < *end)) {
    return fail(name, fmt::format("referencePeriodEnd {} is not after referencePeriodStart {}",
                                  end_text, start_text));
  }
  return pass(name, fmt::format("{} to {} (end exclusive)", start_text, end_text));
}

CheckResult check_declared_unit(const nlohmann::json& pcf) {
  const char* name = "declared unit";
  std::string unit = pcf.value("declaredUnitOfMeasurement", "");
  if (!kDeclaredUnits.count(unit)) {
    return fail(name, fmt::format("declaredUnitOfMeasurement '{}' is not a PACT v3 declared unit",
                                  unit));
  }
  const nlohmann::json amount = pcf.value("declaredUnitAmount", nlohmann::json());
  if (!is_decimal(amount) || util::parse_double(amount.get<std::string>()).value() <= 0) {
    return fail(name, fmt::format("declaredUnitAmount {} is not a decimal above 0", amount.dump()));
  }
  const nlohmann::json mass = pcf.value("productMassPerDeclaredUnit", nlohmann::json());
  if (!is_decimal(mass) || util::parse_double(mass.get<std::string>()).value() < 0) {
    return fail(name, fmt::format("productMassPerDeclaredUnit {} is not a decimal of 0 or more",
                                  mass.dump()));
  }
  return pass(name, fmt::format("{} {}", amount.get<std::string>(), unit));
}

CheckResult check_range(const nlohmann::json& object, const char* field, const char* name,
                        double low, double high, bool required) {
  if (!object.contains(field)) {
    if (required) return fail(name, fmt::format("{} is missing", field));
    return pass(name, fmt::format("{} is not given", field));
  }
  const nlohmann::json& value = object[field];
  if (!is_decimal(value)) {
    return fail(name, fmt::format("{} {} is not a PACT decimal", field, value.dump()));
  }
  double number = util::parse_double(value.get<std::string>()).value();
  if (number < low || number > high) {
    return fail(name, fmt::format("{} {} is outside {} to {}", field, value.get<std::string>(),
                                  util::format_decimal(low), util::format_decimal(high)));
  }
  return pass(name, fmt::format("{} {} is within {} to {}", field, value.get<std::string>(),
                                util::format_decimal(low), util::format_decimal(high)));
}

CheckResult check_dqi(const nlohmann::json& pcf) {
  const char* name = "data quality ratings";
  if (!pcf.contains("dqi")) return pass(name, "dqi is not given (required from 2027)");
  const nlohmann::json& dqi = pcf["dqi"];
  for (const char* field : {"technologicalDQR", "geographicalDQR", "temporalDQR"}) {
    CheckResult result = check_range(dqi, field, name, 1, 5, true);
    if (!result.passed) return result;
  }
  return pass(name, "technological, geographical and temporal DQR are within 1 to 5");
}

CheckResult check_geography(const nlohmann::json& pcf) {
  const char* name = "geography";
  int given = 0;
  for (const char* field : {"geographyRegionOrSubregion", "geographyCountry",
                            "geographyCountrySubdivision"}) {
    if (pcf.contains(field)) ++given;
  }
  if (given > 1) {
    return fail(name, "more than one of geographyRegionOrSubregion, geographyCountry and "
                      "geographyCountrySubdivision is given");
  }
  return pass(name, given == 0 ? "global" : "one geographic granularity is given");
}

CheckResult check_totals(const nlohmann::json& pcf) {
  const char* name = "emission values";
  for (const char* field : {"pcfExcludingBiogenicUptake", "pcfIncludingBiogenicUptake",
                            "fossilGhgEmissions", "fossilCarbonContent"}) {
    if (!is_decimal(pcf.value(field, nlohmann::json()))) {
      return fail(name, fmt::format("{} {} is not a PACT decimal", field,
                                    pcf.value(field, nlohmann::json()).dump()));
    }
  }
  double fossil = util::parse_double(pcf["fossilCarbonContent"].get<std::string>()).value();
  if (fossil < 0) return fail(name, "fossilCarbonContent is below 0");
  return pass(name, "pcfExcludingBiogenicUptake " + pcf["pcfExcludingBiogenicUptake"].get<std::string>() +
                        " kgCO2e per declared unit");
}

}  // namespace

std::vector<CheckResult> check_pact_methodology(const nlohmann::json& footprint) {
  std::vector<CheckResult> results;
  results.push_back(check_required(footprint));
  if (!footprint.is_object() || !footprint.contains("pcf") || !footprint["pcf"].is_object()) {
    return results;
  }
  const nlohmann::json& pcf = footprint["pcf"];
  results.push_back(check_period(pcf));
  results.push_back(check_declared_unit(pcf));
  results.push_back(check_totals(pcf));
  // PACT v3 removed the 5% upper bound of v2; a percentage stays within 0 to 100.
  results.push_back(check_range(pcf, "exemptedEmissionsPercent", "exempted emissions", 0, 100, true));
  results.push_back(check_range(pcf, "primaryDataShare", "primary data share", 0, 100, false));
  results.push_back(check_dqi(pcf));
  results.push_back(check_geography(pcf));
  return results;
}

}  // namespace trustpcf::proof
