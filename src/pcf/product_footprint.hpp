#pragma once

// The PACT v3 data model (Technical Specification 3.0): ProductFootprint and
// the CarbonFootprint it contains, with the types they use. Field names
// follow the specification in snake case. Decimals are kept as their JSON
// text (see pcf/decimal.hpp) and timestamps as RFC 3339 text, so a parsed
// footprint is written back unchanged. std::nullopt or an empty list means
// the property is absent ("undefined" in the specification).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustpcf::pcf {

// The specification version trustpcf writes.
inline constexpr const char* kPactSpecVersion = "3.0.0";

struct ProductOrSectorSpecificRule {
  std::string operator_name;  // "operator": PEF, EPD International or Other
  std::vector<std::string> rule_names;
  std::optional<std::string> other_operator_name;
  nlohmann::json extra = nlohmann::json::object();  // properties v3 does not define
};

struct EmissionFactorSource {
  std::string name;
  std::string version;
  nlohmann::json extra = nlohmann::json::object();
};

struct DataQualityIndicators {
  std::string technological_dqr;  // Decimal in [1, 5]
  std::string geographical_dqr;
  std::string temporal_dqr;
  nlohmann::json extra = nlohmann::json::object();
};

struct Verification {
  std::optional<std::string> coverage;  // PCF calculation model, PCF program, product level
  std::optional<std::string> provider_name;
  std::optional<std::string> completed_at;  // RFC 3339
  std::optional<std::string> standard_name;
  std::optional<std::string> comments;
  nlohmann::json extra = nlohmann::json::object();
};

// Emissions are in kg CO2e, carbon contents in kg C, both per declared unit.
struct CarbonFootprint {
  std::string declared_unit_of_measurement;  // one of the v3 enumeration ("kilogram")
  std::string declared_unit_amount;          // PositiveNonZeroDecimal
  std::string product_mass_per_declared_unit;  // Decimal, kg; "0" where mass is not relevant
  std::string reference_period_start;  // RFC 3339, inclusive
  std::string reference_period_end;    // RFC 3339, exclusive
  // At most one of the three is set; none means global.
  std::optional<std::string> geography_region_or_subregion;
  std::optional<std::string> geography_country;              // ISO 3166-1 alpha-2
  std::optional<std::string> geography_country_subdivision;  // ISO 3166-2
  std::optional<std::string> boundary_processes_description;

  std::string pcf_excluding_biogenic_uptake;  // Decimal
  std::string pcf_including_biogenic_uptake;  // Decimal
  std::string fossil_carbon_content;          // PositiveOrZeroDecimal
  std::optional<std::string> biogenic_carbon_content;   // PositiveOrZeroDecimal
  std::optional<std::string> recycled_carbon_content;   // PositiveOrZeroDecimal
  std::string fossil_ghg_emissions;                     // PositiveOrZeroDecimal
  std::optional<std::string> land_use_change_ghg_emissions;          // PositiveOrZeroDecimal
  std::optional<std::string> land_carbon_leakage;                    // PositiveOrZeroDecimal
  std::optional<std::string> land_management_fossil_ghg_emissions;  // PositiveOrZeroDecimal
  std::optional<std::string> land_management_biogenic_co2_emissions;  // PositiveOrZeroDecimal
  std::optional<std::string> land_management_biogenic_co2_removals;   // NegativeOrZeroDecimal
  std::optional<std::string> biogenic_co2_uptake;                     // NegativeOrZeroDecimal
  std::optional<std::string> biogenic_non_co2_emissions;              // PositiveOrZeroDecimal
  std::optional<std::string> land_area_occupation;  // PositiveOrZeroDecimal, m2 a
  std::optional<std::string> aircraft_ghg_emissions;  // PositiveOrZeroDecimal
  std::optional<bool> packaging_emissions_included;
  std::optional<std::string> packaging_ghg_emissions;            // PositiveOrZeroDecimal
  std::optional<std::string> packaging_biogenic_carbon_content;  // PositiveOrZeroDecimal
  std::optional<std::string> outbound_logistics_ghg_emissions;   // PositiveOrZeroDecimal
  std::optional<bool> ccs_technological_co2_capture_included;
  std::optional<std::string> ccs_technological_co2_capture;  // NegativeOrZeroDecimal
  std::optional<std::string> technological_co2_capture_origin;
  std::optional<std::string> technological_co2_removals;  // NegativeOrZeroDecimal
  std::optional<std::string> ccu_carbon_content;          // PositiveOrZeroDecimal
  std::optional<std::string> ccu_calculation_approach;    // Cut-off or Credit
  std::optional<std::string> ccu_credit_certification;    // URI

  std::vector<std::string> ipcc_characterization_factors;  // "AR6"; at least one
  std::vector<std::string> cross_sectoral_standards;       // at least one
  std::vector<ProductOrSectorSpecificRule> product_or_sector_specific_rules;
  std::string exempted_emissions_percent;  // Decimal, percent
  std::optional<std::string> exempted_emissions_description;
  std::optional<std::string> allocation_rules_description;
  std::vector<EmissionFactorSource> secondary_emission_factor_sources;
  std::optional<std::string> primary_data_share;  // Decimal, percent
  std::optional<DataQualityIndicators> dqi;
  std::optional<Verification> verification;

  nlohmann::json extra = nlohmann::json::object();
};

struct ProductFootprint {
  std::string id;  // UUID
  std::string spec_version = kPactSpecVersion;
  std::vector<std::string> preceding_pf_ids;  // UUIDs
  std::string created;  // RFC 3339
  std::string status = "Active";  // Active or Deprecated
  std::optional<std::string> validity_period_start;  // RFC 3339
  std::optional<std::string> validity_period_end;    // RFC 3339
  std::string company_name;
  std::vector<std::string> company_ids;  // URNs, at least one
  std::string product_description;
  std::vector<std::string> product_ids;              // URNs, at least one
  std::vector<std::string> product_classifications;  // URNs
  std::string product_name_company;
  std::optional<std::string> comment;
  CarbonFootprint pcf;
  // Data model extensions, kept as published (each a JSON object).
  std::vector<nlohmann::json> extensions;

  nlohmann::json extra = nlohmann::json::object();
};

}  // namespace trustpcf::pcf
