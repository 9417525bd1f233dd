#include "space/footprint_validation.hpp"

#include "space/secrets.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// Required properties of ProductFootprint and CarbonFootprint in PACT
// Technical Specification 3.0.
constexpr const char* kRequiredFootprint[] = {"id", "specVersion", "created", "status", "companyName",
                                              "companyIds", "productDescription", "productIds",
                                              "productNameCompany", "pcf"};
constexpr const char* kRequiredPcf[] = {"declaredUnitOfMeasurement", "declaredUnitAmount",
                                        "productMassPerDeclaredUnit", "referencePeriodStart",
                                        "referencePeriodEnd", "pcfExcludingBiogenicUptake",
                                        "pcfIncludingBiogenicUptake", "fossilGhgEmissions",
                                        "fossilCarbonContent", "ipccCharacterizationFactors",
                                        "crossSectoralStandards", "exemptedEmissionsPercent"};

bool is_urn(const nlohmann::json& value) {
  if (!value.is_string()) return false;
  const std::string& text = value.get_ref<const std::string&>();
  return text.size() > 4 && (text[0] == 'u' || text[0] == 'U') && (text[1] == 'r' || text[1] == 'R') &&
         (text[2] == 'n' || text[2] == 'N') && text[3] == ':';
}

util::Status check_urn_list(const nlohmann::json& footprint, const std::string& label,
                            const char* property, bool required) {
  if (!footprint.contains(property)) {
    if (!required) return {};
    return make_error(ErrorCode::kInvalidInput, "{}: required property '{}' is missing", label, property);
  }
  const nlohmann::json& list = footprint[property];
  if (!list.is_array() || list.empty()) {
    return make_error(ErrorCode::kInvalidInput, "{}: '{}' must be a non-empty array of URNs", label,
                      property);
  }
  for (const nlohmann::json& item : list) {
    if (!is_urn(item)) {
      return make_error(ErrorCode::kInvalidInput, "{}: '{}' contains {}, which is not a URN (urn:...)",
                        label, property, item.dump());
    }
  }
  return {};
}

util::Status check_date_time(const nlohmann::json& object, const std::string& label,
                             const char* property) {
  if (!object.contains(property)) return {};
  const nlohmann::json& value = object[property];
  if (!value.is_string() || !util::parse_rfc3339(value.get<std::string>()).ok()) {
    return make_error(ErrorCode::kInvalidInput, "{}: '{}' is {}, expected an RFC 3339 date-time", label,
                      property, value.dump());
  }
  return {};
}

}  // namespace

util::Status validate_footprint(const nlohmann::json& footprint) {
  if (!footprint.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "a product footprint must be a JSON object, got {}",
                      footprint.type_name());
  }
  std::string label = footprint.contains("id") && footprint["id"].is_string()
                          ? "footprint " + footprint["id"].get<std::string>()
                          : std::string("footprint without id");
  for (const char* property : kRequiredFootprint) {
    if (!footprint.contains(property)) {
      return make_error(ErrorCode::kInvalidInput, "{}: required property '{}' is missing", label,
                        property);
    }
  }
  if (!footprint["id"].is_string() || !is_uuid(footprint["id"].get<std::string>())) {
    return make_error(ErrorCode::kInvalidInput, "{}: 'id' must be a UUID string", label);
  }
  const nlohmann::json& status = footprint["status"];
  if (status != "Active" && status != "Deprecated") {
    return make_error(ErrorCode::kInvalidInput, "{}: 'status' is {}, expected \"Active\" or \"Deprecated\"",
                      label, status.dump());
  }
  for (const char* property : {"specVersion", "companyName", "productDescription", "productNameCompany"}) {
    if (!footprint[property].is_string()) {
      return make_error(ErrorCode::kInvalidInput, "{}: '{}' must be a string", label, property);
    }
  }
  TRUSTPCF_RETURN_IF_ERROR(check_urn_list(footprint, label, "companyIds", true));
  TRUSTPCF_RETURN_IF_ERROR(check_urn_list(footprint, label, "productIds", true));
  TRUSTPCF_RETURN_IF_ERROR(check_urn_list(footprint, label, "productClassifications", false));
  for (const char* property : {"created", "updated", "validityPeriodStart", "validityPeriodEnd"}) {
    TRUSTPCF_RETURN_IF_ERROR(check_date_time(footprint, label, property));
  }
  if (footprint.contains("precedingPfIds")) {
    const nlohmann::json& preceding = footprint["precedingPfIds"];
    if (!preceding.is_array() || preceding.empty()) {
      return make_error(ErrorCode::kInvalidInput, "{}: 'precedingPfIds' must be a non-empty array of UUIDs",
                        label);
    }
    for (const nlohmann::json& item : preceding) {
      if (!item.is_string() || !is_uuid(item.get<std::string>())) {
        return make_error(ErrorCode::kInvalidInput, "{}: 'precedingPfIds' contains {}, which is not a UUID",
                          label, item.dump());
      }
    }
  }

  const nlohmann::json& pcf = footprint["pcf"];
  if (!pcf.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "{}: 'pcf' must be a CarbonFootprint object", label);
  }
  for (const char* property : kRequiredPcf) {
    if (!pcf.contains(property)) {
      return make_error(ErrorCode::kInvalidInput, "{}: required property 'pcf.{}' is missing", label,
                        property);
    }
  }
  for (const char* property : {"referencePeriodStart", "referencePeriodEnd"}) {
    TRUSTPCF_RETURN_IF_ERROR(check_date_time(pcf, label + " pcf", property));
  }
  return {};
}

}  // namespace trustpcf::space
