#pragma once

// Builds a PACT v3 ProductFootprint from a characterized life-cycle
// inventory. Every CarbonFootprint property is computed by a rule stated in
// docs/pcf-rules.md. Properties the inventory cannot support are left out or
// taken from the caller.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lca/characterization.hpp"
#include "lca/model.hpp"
#include "pcf/footprint_scope.hpp"
#include "pcf/product_footprint.hpp"
#include "util/error.hpp"

namespace trustpcf::pcf {

// One greenhouse-gas flow of the inventory.
struct CharacterizedFlow {
  std::string flow_id;
  std::string flow_name;
  // kg of the flow for the declared unit, positive in the flow's own
  // direction (released for an emission, taken for a resource), as openLCA
  // inventories report them.
  double amount_kg = 0.0;
  std::string gas_id;  // lca::GreenhouseGas::id, "co2"
  lca::GasOrigin origin = lca::GasOrigin::kUnspecified;
  double factor = 0.0;  // kg CO2e per kg, signed (negative for air uptake)
};

// An elementary flow of the inventory and its amount, in the form of the
// engine's lca::InventoryEntry.
struct InventoryFlow {
  const lca::Flow* flow = nullptr;  // not owned, and must outlive the call
  bool is_input = false;
  // In the flow's reference unit (kg for gases), positive in the direction
  // `is_input` gives. characterize_inventory turns it into the flow's own
  // direction: an input of an emission flow or an output of a resource flow
  // counts as a negative amount.
  double amount = 0.0;
};

// The greenhouse-gas flows of an inventory, plus the flows that look like
// greenhouse gases but have no factor (for the summary).
struct CharacterizedInventory {
  std::vector<CharacterizedFlow> flows;
  std::vector<const lca::Flow*> without_factor;
};

// Characterizes each flow of `inventory` with the built-in tables under
// `method`, keeping the input order. Flows that are not greenhouse gases are
// dropped.
CharacterizedInventory characterize_inventory(const std::vector<InventoryFlow>& inventory,
                                              lca::GwpMethod method);

// A product input without a provider in the database, left out of the system.
struct Cutoff {
  std::string flow_name;
  double amount = 0.0;  // per declared unit, in `unit`
  std::string unit;
  std::string process_name;  // the process that consumes it
};

struct FootprintInput {
  std::string id;       // UUID; new_uuid_v4() when empty
  std::string created;  // RFC 3339; the caller passes the time, so tests can fix it
  std::string company_name;
  std::vector<std::string> company_ids;  // URNs
  std::string product_name;
  std::string product_description;
  std::vector<std::string> product_ids;  // URNs
  std::vector<std::string> product_classifications;

  DeclaredUnit declared_unit;          // see declared_unit_for
  // In declared_unit.name units (the demanded amount times
  // declared_unit.factor), above zero.
  double declared_unit_amount = 1.0;
  // kg of product per declared unit amount; needed unless the declared unit
  // is kilogram or mass_relevant is false.
  std::optional<double> product_mass_kg;
  std::string reference_period_start;  // RFC 3339
  std::string reference_period_end;    // RFC 3339
  Geography geography;

  lca::GwpMethod method = lca::kDefaultGwpMethod;
  std::vector<CharacterizedFlow> inventory;  // for declared_unit_amount units
  std::vector<Cutoff> cutoffs;

  std::string allocation_rules_description;
  std::string boundary_processes_description;  // what the system includes
  std::vector<std::string> cross_sectoral_standards = {"ISO14040-44"};
  std::vector<EmissionFactorSource> secondary_emission_factor_sources;  // the databases used
  // Values only the caller can know; left out or handled as docs/pcf-rules.md
  // states when absent.
  std::optional<double> exempted_emissions_percent;
  std::string exempted_emissions_description;
  std::optional<double> fossil_carbon_content_kg;
  std::optional<double> biogenic_carbon_content_kg;
  std::optional<double> primary_data_share_percent;
  std::optional<bool> packaging_emissions_included;
  std::string comment;
};

// Sums that explain the footprint, in kg CO2e per declared unit amount.
struct FootprintBreakdown {
  std::map<std::string, double> by_gas;    // gas id
  std::map<std::string, double> by_field;  // PACT property name
  double biogenic_co2_released_kg = 0.0;
  double biogenic_co2_taken_up_kg = 0.0;
};

struct BuiltFootprint {
  ProductFootprint footprint;
  FootprintBreakdown breakdown;
  // Statements the caller should show: values written without data behind
  // them, cut-offs that the exemption percentage does not cover.
  std::vector<std::string> warnings;
};

// Maximum number of cut-offs named in the footprint's descriptions; the rest
// are counted. Keeps the descriptions readable for databases like USLCI with
// thousands of unlinked inputs.
inline constexpr size_t kMaxCutoffsListed = 20;

// Builds the footprint and checks it with check_product_footprint.
// Errors: kInvalidInput for missing or malformed input (ids, dates, declared
// unit, product mass). kModel when a property that must not be negative comes
// out negative, such as fossil emissions after avoided-product credits.
util::Result<BuiltFootprint> build_product_footprint(const FootprintInput& input);

}  // namespace trustpcf::pcf
