#include "pcf/footprint_builder.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <fmt/format.h>

#include "pcf/decimal.hpp"
#include "pcf/footprint_json.hpp"
#include "pcf/ids.hpp"
#include "util/numbers.hpp"

namespace trustpcf::pcf {

namespace {

using lca::GasOrigin;

// Sums of the inventory by the class each PACT property is built from.
struct Sums {
  double fossil = 0.0;  // fossil and unspecified origin, all gases
  double land_use_change = 0.0;
  double biogenic_non_co2 = 0.0;
  double biogenic_co2_released = 0.0;  // kg CO2 = kg CO2e
  double biogenic_co2_taken_up = 0.0;  // kg CO2 taken from air, as a positive number
  bool has_land_use_change = false;
  bool has_biogenic_non_co2 = false;
  bool has_biogenic_co2 = false;
};

Sums sum_inventory(const std::vector<CharacterizedFlow>& flows, FootprintBreakdown& breakdown) {
  Sums sums;
  for (const CharacterizedFlow& flow : flows) {
    double co2e = flow.amount_kg * flow.factor;
    breakdown.by_gas[flow.gas_id] += co2e;
    bool co2 = flow.gas_id == "co2";
    switch (flow.origin) {
      case GasOrigin::kFossil:
      case GasOrigin::kUnspecified:
        sums.fossil += co2e;
        break;
      case GasOrigin::kLandUseChange:
        sums.land_use_change += co2e;
        sums.has_land_use_change = true;
        break;
      case GasOrigin::kBiogenic:
        if (co2) {
          sums.biogenic_co2_released += co2e;
          sums.has_biogenic_co2 = true;
        } else {
          sums.biogenic_non_co2 += co2e;
          sums.has_biogenic_non_co2 = true;
        }
        break;
      case GasOrigin::kAirUptake:
        sums.biogenic_co2_taken_up -= co2e;  // co2e is negative for uptake
        sums.has_biogenic_co2 = true;
        break;
    }
  }
  return sums;
}

// Returns the decimal text of `value`, or a kModel error when a property that
// PACT requires to be non-negative comes out negative.
util::Result<std::string> non_negative(double value, const char* field) {
  // Sums of thousands of terms can miss zero by rounding; anything within
  // this relative width of zero at six significant digits prints as 0.
  if (value < 0.0 && format_footprint_decimal(value) != "0") {
    return util::make_error(util::ErrorCode::kModel,
                            "{} is {} kg CO2e, but PACT v3 requires it to be zero or positive; "
                            "negative values come from avoided products or negative emission "
                            "amounts in the inventory, so check those",
                            field, util::format_decimal(value, kFootprintSignificantDigits));
  }
  return format_footprint_decimal(std::max(value, 0.0));
}

std::string describe_cutoffs(const std::vector<Cutoff>& cutoffs) {
  std::vector<const Cutoff*> sorted;
  for (const Cutoff& cutoff : cutoffs) sorted.push_back(&cutoff);
  std::sort(sorted.begin(), sorted.end(), [](const Cutoff* a, const Cutoff* b) {
    return std::tie(a->flow_name, a->process_name) < std::tie(b->flow_name, b->process_name);
  });

  std::string text = fmt::format(
      "Cut-offs: {} product input(s) have no provider in the database and are outside the "
      "system boundary, so their emissions are not in this footprint:",
      cutoffs.size());
  for (size_t i = 0; i < sorted.size() && i < kMaxCutoffsListed; ++i) {
    const Cutoff& cutoff = *sorted[i];
    text += fmt::format(" {} ({} {}, input of {});", cutoff.flow_name,
                        format_footprint_decimal(cutoff.amount), cutoff.unit, cutoff.process_name);
  }
  if (sorted.size() > kMaxCutoffsListed) {
    text += fmt::format(" and {} more.", sorted.size() - kMaxCutoffsListed);
  } else {
    text.back() = '.';
  }
  return text;
}

util::Status check_input(const FootprintInput& input) {
  auto invalid = [](std::string message) {
    return util::Error(util::ErrorCode::kInvalidInput, std::move(message));
  };
  if (!input.id.empty() && !is_uuid(input.id)) {
    return invalid(fmt::format("footprint id '{}' is not a UUID", input.id));
  }
  if (!(input.declared_unit_amount > 0.0) || !std::isfinite(input.declared_unit_amount)) {
    return invalid(fmt::format("declared unit amount {} must be a finite number above zero",
                               input.declared_unit_amount));
  }
  for (const CharacterizedFlow& flow : input.inventory) {
    if (!std::isfinite(flow.amount_kg) || !std::isfinite(flow.factor)) {
      return invalid(fmt::format("inventory amount of flow '{}' ({}) is not a finite number",
                                 flow.flow_name, flow.flow_id));
    }
  }
  if (input.product_mass_kg && !(*input.product_mass_kg >= 0.0)) {
    return invalid(fmt::format("product mass {} kg must be zero or positive",
                               *input.product_mass_kg));
  }
  if (input.cross_sectoral_standards.empty()) {
    return invalid("crossSectoralStandards needs at least one standard; name the standards "
                   "the calculation follows (ISO14040-44, ISO14067, GHGP-Product, PACT-3.0)");
  }
  return util::Status();
}

// productMassPerDeclaredUnit: the declared amount itself for kilogram, 0 where
// mass is not relevant, else the caller's value.
util::Result<std::string> product_mass(const FootprintInput& input) {
  if (input.declared_unit.name == "kilogram") {
    return format_footprint_decimal(input.declared_unit_amount);
  }
  if (!input.declared_unit.mass_relevant) return std::string("0");
  if (!input.product_mass_kg) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "the declared unit is {} {}, so PACT v3 needs the product mass per "
                            "declared unit, which the LCA model does not contain; pass the "
                            "mass in kg",
                            format_footprint_decimal(input.declared_unit_amount),
                            input.declared_unit.name);
  }
  return format_footprint_decimal(*input.product_mass_kg);
}

}  // namespace

CharacterizedInventory characterize_inventory(const std::vector<InventoryFlow>& inventory,
                                              lca::GwpMethod method) {
  CharacterizedInventory out;
  for (const InventoryFlow& item : inventory) {
    const lca::Flow& flow = *item.flow;
    if (auto characterization = lca::characterize(flow)) {
      bool resource = characterization->origin == GasOrigin::kAirUptake;
      double amount = item.is_input == resource ? item.amount : -item.amount;
      out.flows.push_back(CharacterizedFlow{flow.id, flow.name, amount,
                                            characterization->gas->id, characterization->origin,
                                            characterization->factor(method)});
    } else if (lca::looks_like_ghg_without_factor(flow)) {
      out.without_factor.push_back(&flow);
    }
  }
  return out;
}

util::Result<BuiltFootprint> build_product_footprint(const FootprintInput& input) {
  TRUSTPCF_RETURN_IF_ERROR(check_input(input));

  BuiltFootprint built;
  Sums sums = sum_inventory(input.inventory, built.breakdown);
  built.breakdown.biogenic_co2_released_kg = sums.biogenic_co2_released;
  built.breakdown.biogenic_co2_taken_up_kg = sums.biogenic_co2_taken_up;
  std::vector<std::string> notes;

  ProductFootprint& footprint = built.footprint;
  footprint.id = input.id.empty() ? new_uuid_v4() : input.id;
  footprint.created = input.created;
  footprint.company_name = input.company_name;
  footprint.company_ids = input.company_ids;
  footprint.product_description = input.product_description;
  footprint.product_ids = input.product_ids;
  footprint.product_classifications = input.product_classifications;
  footprint.product_name_company = input.product_name;

  CarbonFootprint& pcf = footprint.pcf;
  pcf.declared_unit_of_measurement = input.declared_unit.name;
  pcf.declared_unit_amount = format_footprint_decimal(input.declared_unit_amount);
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.product_mass_per_declared_unit, product_mass(input));
  pcf.reference_period_start = input.reference_period_start;
  pcf.reference_period_end = input.reference_period_end;
  pcf.geography_region_or_subregion = input.geography.region_or_subregion;
  pcf.geography_country = input.geography.country;
  pcf.geography_country_subdivision = input.geography.country_subdivision;
  if (input.geography.unknown) {
    built.warnings.push_back("the process location names no geography, so the footprint has "
                             "none, which PACT reads as global");
  }

  // Emissions by origin. Gases whose flow names state no origin count as
  // fossil, and unspecified methane carries the fossil factor.
  TRUSTPCF_ASSIGN_OR_RETURN(pcf.fossil_ghg_emissions,
                            non_negative(sums.fossil, "fossilGhgEmissions"));
  built.breakdown.by_field["fossilGhgEmissions"] = sums.fossil;
  if (sums.has_land_use_change) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.land_use_change_ghg_emissions,
                              non_negative(sums.land_use_change, "landUseChangeGhgEmissions"));
    built.breakdown.by_field["landUseChangeGhgEmissions"] = sums.land_use_change;
  }
  if (sums.has_biogenic_non_co2) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.biogenic_non_co2_emissions,
                              non_negative(sums.biogenic_non_co2, "biogenicNonCO2Emissions"));
    built.breakdown.by_field["biogenicNonCO2Emissions"] = sums.biogenic_non_co2;
  }

  // Biogenic CO2 that biomass took up and released again inside the system
  // is neutral. The uptake that is not released again is taken as the carbon
  // stored in the product, and only that is credited.
  double net_uptake = sums.biogenic_co2_taken_up - sums.biogenic_co2_released;
  double product_uptake = -std::max(0.0, net_uptake);
  if (sums.has_biogenic_co2) {
    pcf.biogenic_co2_uptake = format_footprint_decimal(product_uptake);
    built.breakdown.by_field["biogenicCO2Uptake"] = product_uptake;
    if (product_uptake < 0.0) {
      notes.push_back("biogenicCO2Uptake is the CO2 taken up from air less the biogenic CO2 "
                      "released in the inventory, taken as the carbon stored in the product");
    }
    if (net_uptake < 0.0) {
      built.warnings.push_back(fmt::format(
          "the inventory releases {} kg more biogenic CO2 than it records as taken up from "
          "air; the excess is counted as neutral biogenic carbon",
          format_footprint_decimal(-net_uptake)));
    }
  }

  double excluding = sums.fossil + sums.land_use_change + sums.biogenic_non_co2;
  pcf.pcf_excluding_biogenic_uptake = format_footprint_decimal(excluding);
  pcf.pcf_including_biogenic_uptake = format_footprint_decimal(excluding + product_uptake);
  built.breakdown.by_field["pcfExcludingBiogenicUptake"] = excluding;
  built.breakdown.by_field["pcfIncludingBiogenicUptake"] = excluding + product_uptake;

  // Carbon contents describe the product itself, which an emission inventory
  // does not. fossilCarbonContent is required, so without data it is 0 and
  // the comment states that it is not a measured value.
  if (input.fossil_carbon_content_kg) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.fossil_carbon_content,
                              non_negative(*input.fossil_carbon_content_kg, "fossilCarbonContent"));
  } else {
    pcf.fossil_carbon_content = "0";
    notes.push_back("fossilCarbonContent is 0 because the model has no carbon content data "
                    "for the product; it is not a measured value");
    built.warnings.push_back("fossilCarbonContent written as 0 without data");
  }
  if (input.biogenic_carbon_content_kg) {
    TRUSTPCF_ASSIGN_OR_RETURN(pcf.biogenic_carbon_content,
                              non_negative(*input.biogenic_carbon_content_kg,
                                           "biogenicCarbonContent"));
  }

  pcf.ipcc_characterization_factors = {lca::ipcc_report_name(input.method)};
  pcf.cross_sectoral_standards = input.cross_sectoral_standards;
  pcf.packaging_emissions_included = input.packaging_emissions_included;
  pcf.secondary_emission_factor_sources = input.secondary_emission_factor_sources;
  if (input.secondary_emission_factor_sources.empty()) {
    built.warnings.push_back("no secondary emission factor source named; name the databases "
                             "the calculation used");
  }
  if (input.primary_data_share_percent) {
    pcf.primary_data_share = format_footprint_decimal(*input.primary_data_share_percent);
  }
  if (!input.allocation_rules_description.empty()) {
    pcf.allocation_rules_description = input.allocation_rules_description;
  }

  // Cut-offs: described, and the exemption percentage claims only what the
  // caller states or, with no cut-offs, that nothing was excluded.
  std::string boundary = input.boundary_processes_description;
  if (!input.cutoffs.empty()) {
    std::string cutoffs = describe_cutoffs(input.cutoffs);
    boundary = boundary.empty() ? cutoffs : boundary + "\n" + cutoffs;
  }
  if (!boundary.empty()) pcf.boundary_processes_description = boundary;

  if (input.exempted_emissions_percent) {
    pcf.exempted_emissions_percent = format_footprint_decimal(*input.exempted_emissions_percent);
    pcf.exempted_emissions_description = input.exempted_emissions_description;
  } else {
    pcf.exempted_emissions_percent = "0";
    if (input.cutoffs.empty()) {
      pcf.exempted_emissions_description = "";
    } else {
      pcf.exempted_emissions_description = fmt::format(
          "No emissions were exempted by choice. {} product input(s) without a provider in the "
          "database are cut off (see boundaryProcessesDescription); their emissions are unknown "
          "and are not included in this percentage.",
          input.cutoffs.size());
      built.warnings.push_back(fmt::format(
          "exemptedEmissionsPercent is 0 but does not cover {} cut-off input(s) of unknown "
          "emissions; pass an estimate if one exists",
          input.cutoffs.size()));
    }
  }

  std::string comment = input.comment;
  std::string generated = fmt::format(
      "Calculated by trustpcf with IPCC {} GWP100 factors; the rule for every property is in "
      "docs/pcf-rules.md of trustpcf.",
      lca::ipcc_report_name(input.method));
  for (const std::string& note : notes) generated += " " + note + ".";
  comment = comment.empty() ? generated : comment + "\n" + generated;
  footprint.comment = comment;

  TRUSTPCF_RETURN_IF_ERROR(check_product_footprint(footprint));
  return built;
}

}  // namespace trustpcf::pcf
