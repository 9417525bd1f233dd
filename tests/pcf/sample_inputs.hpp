#pragma once

// Footprint inputs shared by the builder and schema tests.

#include <string>
#include <vector>

#include "pcf/footprint_builder.hpp"

namespace trustpcf::pcf::testing {

inline CharacterizedFlow ghg(std::string name, double kg, std::string gas,
                             lca::GasOrigin origin, double factor) {
  return CharacterizedFlow{"id-" + name, name, kg, std::move(gas), origin, factor};
}

inline FootprintInput base_input() {
  FootprintInput input;
  input.id = "0c6a5a8e-8f4b-4c1a-9a55-3a9b8c7d6e5f";
  input.created = "2026-02-01T00:00:00Z";
  input.company_name = "Example Windows Ltd";
  input.company_ids = {"urn:uuid:0b7e1c6e-2f41-4d8a-9f7a-6a8d2b1c0e9f"};
  input.product_name = "Window frame";
  input.product_description = "Aluminium window frame, 1.2 m x 1.5 m";
  input.product_ids = {"urn:uuid:5d2a9c1e-8b7f-4e3a-a1c2-3b4d5e6f7a8b"};
  input.declared_unit = DeclaredUnit{"kilogram", 1.0, true};
  input.declared_unit_amount = 2.0;
  input.reference_period_start = "2025-01-01T00:00:00Z";
  input.reference_period_end = "2026-01-01T00:00:00Z";
  input.geography.country = "CN";
  input.secondary_emission_factor_sources = {EmissionFactorSource{"USLCI", "2015 openLCA 1.5"}};
  input.allocation_rules_description = "Physical allocation by mass";
  return input;
}

// The inventory of the hand calculation in docs/pcf-rules.md (AR6):
//   fossil = 10*1 + 0.1*29.8 + 0.01*273 = 15.71
//   land-use change = 0.5, biogenic non-CO2 = 0.2*27.0 = 5.4
//   biogenic CO2 released 3 kg, taken up 5 kg: product uptake -2
//   excluding = 15.71 + 0.5 + 5.4 = 21.61, including = 21.61 - 2 = 19.61
inline std::vector<CharacterizedFlow> mixed_inventory() {
  return {
      ghg("Carbon dioxide, fossil", 10.0, "co2", lca::GasOrigin::kFossil, 1.0),
      ghg("Methane, fossil", 0.1, "ch4-fossil", lca::GasOrigin::kFossil, 29.8),
      ghg("Dinitrogen monoxide", 0.01, "n2o", lca::GasOrigin::kUnspecified, 273.0),
      ghg("Methane, biogenic", 0.2, "ch4-non-fossil", lca::GasOrigin::kBiogenic, 27.0),
      ghg("Carbon dioxide, biogenic", 3.0, "co2", lca::GasOrigin::kBiogenic, 1.0),
      ghg("Carbon dioxide, in air", 5.0, "co2", lca::GasOrigin::kAirUptake, -1.0),
      ghg("Carbon dioxide, land transformation", 0.5, "co2", lca::GasOrigin::kLandUseChange, 1.0),
  };
}

}  // namespace trustpcf::pcf::testing
