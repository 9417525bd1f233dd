#pragma once

// The decimal properties of CarbonFootprint with their JSON names and types,
// shared by the writer and the parser so that both handle the same set.

#include <optional>
#include <string>

#include "pcf/decimal.hpp"
#include "pcf/product_footprint.hpp"

namespace trustpcf::pcf::detail {

struct RequiredDecimalField {
  const char* key;
  std::string CarbonFootprint::*member;
  DecimalKind kind;
};

struct OptionalDecimalField {
  const char* key;
  std::optional<std::string> CarbonFootprint::*member;
  DecimalKind kind;
};

inline constexpr RequiredDecimalField kRequiredDecimals[] = {
    {"declaredUnitAmount", &CarbonFootprint::declared_unit_amount, DecimalKind::kPositiveNonZero},
    {"productMassPerDeclaredUnit", &CarbonFootprint::product_mass_per_declared_unit,
     DecimalKind::kAny},
    {"pcfExcludingBiogenicUptake", &CarbonFootprint::pcf_excluding_biogenic_uptake,
     DecimalKind::kAny},
    {"pcfIncludingBiogenicUptake", &CarbonFootprint::pcf_including_biogenic_uptake,
     DecimalKind::kAny},
    {"fossilCarbonContent", &CarbonFootprint::fossil_carbon_content, DecimalKind::kPositiveOrZero},
    {"fossilGhgEmissions", &CarbonFootprint::fossil_ghg_emissions, DecimalKind::kPositiveOrZero},
    {"exemptedEmissionsPercent", &CarbonFootprint::exempted_emissions_percent, DecimalKind::kAny},
};

inline constexpr OptionalDecimalField kOptionalDecimals[] = {
    {"biogenicCarbonContent", &CarbonFootprint::biogenic_carbon_content,
     DecimalKind::kPositiveOrZero},
    {"recycledCarbonContent", &CarbonFootprint::recycled_carbon_content,
     DecimalKind::kPositiveOrZero},
    {"landUseChangeGhgEmissions", &CarbonFootprint::land_use_change_ghg_emissions,
     DecimalKind::kPositiveOrZero},
    {"landCarbonLeakage", &CarbonFootprint::land_carbon_leakage, DecimalKind::kPositiveOrZero},
    {"landManagementFossilGhgEmissions", &CarbonFootprint::land_management_fossil_ghg_emissions,
     DecimalKind::kPositiveOrZero},
    {"landManagementBiogenicCO2Emissions",
     &CarbonFootprint::land_management_biogenic_co2_emissions, DecimalKind::kPositiveOrZero},
    {"landManagementBiogenicCO2Removals", &CarbonFootprint::land_management_biogenic_co2_removals,
     DecimalKind::kNegativeOrZero},
    {"biogenicCO2Uptake", &CarbonFootprint::biogenic_co2_uptake, DecimalKind::kNegativeOrZero},
    {"biogenicNonCO2Emissions", &CarbonFootprint::biogenic_non_co2_emissions,
     DecimalKind::kPositiveOrZero},
    {"landAreaOccupation", &CarbonFootprint::land_area_occupation, DecimalKind::kPositiveOrZero},
    {"aircraftGhgEmissions", &CarbonFootprint::aircraft_ghg_emissions,
     DecimalKind::kPositiveOrZero},
    {"packagingGhgEmissions", &CarbonFootprint::packaging_ghg_emissions,
     DecimalKind::kPositiveOrZero},
    {"packagingBiogenicCarbonContent", &CarbonFootprint::packaging_biogenic_carbon_content,
     DecimalKind::kPositiveOrZero},
    {"outboundLogisticsGhgEmissions", &CarbonFootprint::outbound_logistics_ghg_emissions,
     DecimalKind::kPositiveOrZero},
    {"ccsTechnologicalCO2Capture", &CarbonFootprint::ccs_technological_co2_capture,
     DecimalKind::kNegativeOrZero},
    {"technologicalCO2Removals", &CarbonFootprint::technological_co2_removals,
     DecimalKind::kNegativeOrZero},
    {"ccuCarbonContent", &CarbonFootprint::ccu_carbon_content, DecimalKind::kPositiveOrZero},
    {"primaryDataShare", &CarbonFootprint::primary_data_share, DecimalKind::kAny},
};

}  // namespace trustpcf::pcf::detail
