// Writing ProductFootprint as JSON (to_json, write_product_footprint).

#include "pcf/footprint_fields.hpp"
#include "pcf/footprint_json.hpp"

namespace trustpcf::pcf {

namespace {

using nlohmann::json;

void put(json& object, const char* key, const std::optional<std::string>& value) {
  if (value) object[key] = *value;
}

void put(json& object, const char* key, const std::optional<bool>& value) {
  if (value) object[key] = *value;
}

void put(json& object, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) object[key] = values;
}

// Adds the properties of `extra` that `object` does not already have.
void merge_extra(json& object, const json& extra) {
  if (!extra.is_object()) return;
  for (const auto& [key, value] : extra.items()) {
    if (!object.contains(key)) object[key] = value;
  }
}

json carbon_footprint_json(const CarbonFootprint& pcf) {
  json out = json::object();
  out["declaredUnitOfMeasurement"] = pcf.declared_unit_of_measurement;
  out["referencePeriodStart"] = pcf.reference_period_start;
  out["referencePeriodEnd"] = pcf.reference_period_end;
  put(out, "geographyRegionOrSubregion", pcf.geography_region_or_subregion);
  put(out, "geographyCountry", pcf.geography_country);
  put(out, "geographyCountrySubdivision", pcf.geography_country_subdivision);
  put(out, "boundaryProcessesDescription", pcf.boundary_processes_description);

  for (const auto& field : detail::kRequiredDecimals) out[field.key] = pcf.*field.member;
  for (const auto& field : detail::kOptionalDecimals) put(out, field.key, pcf.*field.member);

  put(out, "packagingEmissionsIncluded", pcf.packaging_emissions_included);
  put(out, "ccsTechnologicalCO2CaptureIncluded", pcf.ccs_technological_co2_capture_included);
  put(out, "technologicalCO2CaptureOrigin", pcf.technological_co2_capture_origin);
  put(out, "ccuCalculationApproach", pcf.ccu_calculation_approach);
  put(out, "ccuCreditCertification", pcf.ccu_credit_certification);
  out["ipccCharacterizationFactors"] = pcf.ipcc_characterization_factors;
  out["crossSectoralStandards"] = pcf.cross_sectoral_standards;

  if (!pcf.product_or_sector_specific_rules.empty()) {
    json rules = json::array();
    for (const auto& rule : pcf.product_or_sector_specific_rules) {
      json item = {{"operator", rule.operator_name}, {"ruleNames", rule.rule_names}};
      put(item, "otherOperatorName", rule.other_operator_name);
      merge_extra(item, rule.extra);
      rules.push_back(std::move(item));
    }
    out["productOrSectorSpecificRules"] = std::move(rules);
  }

  put(out, "exemptedEmissionsDescription", pcf.exempted_emissions_description);
  put(out, "allocationRulesDescription", pcf.allocation_rules_description);

  if (!pcf.secondary_emission_factor_sources.empty()) {
    json sources = json::array();
    for (const auto& source : pcf.secondary_emission_factor_sources) {
      json item = {{"name", source.name}, {"version", source.version}};
      merge_extra(item, source.extra);
      sources.push_back(std::move(item));
    }
    out["secondaryEmissionFactorSources"] = std::move(sources);
  }

  if (pcf.dqi) {
    json dqi = {{"technologicalDQR", pcf.dqi->technological_dqr},
                {"geographicalDQR", pcf.dqi->geographical_dqr},
                {"temporalDQR", pcf.dqi->temporal_dqr}};
    merge_extra(dqi, pcf.dqi->extra);
    out["dqi"] = std::move(dqi);
  }

  if (pcf.verification) {
    json verification = json::object();
    put(verification, "coverage", pcf.verification->coverage);
    put(verification, "providerName", pcf.verification->provider_name);
    put(verification, "completedAt", pcf.verification->completed_at);
    put(verification, "standardName", pcf.verification->standard_name);
    put(verification, "comments", pcf.verification->comments);
    merge_extra(verification, pcf.verification->extra);
    out["verification"] = std::move(verification);
  }

  merge_extra(out, pcf.extra);
  return out;
}

}  // namespace

nlohmann::json to_json(const ProductFootprint& footprint) {
  json out = json::object();
  out["id"] = footprint.id;
  out["specVersion"] = footprint.spec_version;
  put(out, "precedingPfIds", footprint.preceding_pf_ids);
  out["created"] = footprint.created;
  out["status"] = footprint.status;
  put(out, "validityPeriodStart", footprint.validity_period_start);
  put(out, "validityPeriodEnd", footprint.validity_period_end);
  out["companyName"] = footprint.company_name;
  out["companyIds"] = footprint.company_ids;
  out["productDescription"] = footprint.product_description;
  out["productIds"] = footprint.product_ids;
  put(out, "productClassifications", footprint.product_classifications);
  out["productNameCompany"] = footprint.product_name_company;
  put(out, "comment", footprint.comment);
  out["pcf"] = carbon_footprint_json(footprint.pcf);
  if (!footprint.extensions.empty()) out["extensions"] = footprint.extensions;
  merge_extra(out, footprint.extra);
  return out;
}

std::string write_product_footprint(const ProductFootprint& footprint) {
  return to_json(footprint).dump(2) + "\n";
}

}  // namespace trustpcf::pcf
