#include "pcf/footprint_builder.hpp"

#include <gtest/gtest.h>

#include "pcf/decimal.hpp"
#include "pcf/footprint_json.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"
#include "sample_inputs.hpp"

namespace trustpcf::pcf {
namespace {

using lca::GasOrigin;
using testing::base_input;
using testing::ghg;
using testing::mixed_inventory;

TEST(BuildProductFootprint, HandCalculatedFields) {
  FootprintInput input = base_input();
  input.inventory = mixed_inventory();
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok()) << built.error().message();
  const CarbonFootprint& pcf = built->footprint.pcf;
  EXPECT_EQ(pcf.fossil_ghg_emissions, "15.71");
  EXPECT_EQ(pcf.land_use_change_ghg_emissions, "0.5");
  EXPECT_EQ(pcf.biogenic_non_co2_emissions, "5.4");
  EXPECT_EQ(pcf.biogenic_co2_uptake, "-2");
  EXPECT_EQ(pcf.pcf_excluding_biogenic_uptake, "21.61");
  EXPECT_EQ(pcf.pcf_including_biogenic_uptake, "19.61");
  EXPECT_EQ(pcf.declared_unit_of_measurement, "kilogram");
  EXPECT_EQ(pcf.declared_unit_amount, "2");
  EXPECT_EQ(pcf.product_mass_per_declared_unit, "2");
  EXPECT_EQ(pcf.ipcc_characterization_factors, std::vector<std::string>{"AR6"});
  EXPECT_EQ(pcf.exempted_emissions_percent, "0");
  EXPECT_EQ(pcf.exempted_emissions_description, "");
  EXPECT_FALSE(pcf.boundary_processes_description.has_value());
  EXPECT_FALSE(pcf.land_management_biogenic_co2_removals.has_value());
  EXPECT_FALSE(pcf.primary_data_share.has_value());
}

TEST(BuildProductFootprint, BreakdownByGasAndField) {
  FootprintInput input = base_input();
  input.inventory = mixed_inventory();
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  const FootprintBreakdown& breakdown = built->breakdown;
  EXPECT_NEAR(breakdown.by_gas.at("co2"), 10.0 + 3.0 - 5.0 + 0.5, 1e-12);
  EXPECT_NEAR(breakdown.by_gas.at("ch4-fossil"), 2.98, 1e-12);
  EXPECT_NEAR(breakdown.by_field.at("fossilGhgEmissions"), 15.71, 1e-12);
  EXPECT_NEAR(breakdown.biogenic_co2_released_kg, 3.0, 1e-12);
  EXPECT_NEAR(breakdown.biogenic_co2_taken_up_kg, 5.0, 1e-12);
}

TEST(BuildProductFootprint, Ar5FactorsNameAr5) {
  FootprintInput input = base_input();
  input.method = lca::GwpMethod::kIpccAr5Gwp100;
  input.inventory = {ghg("Methane, fossil", 0.1, "ch4-fossil", GasOrigin::kFossil, 30.0)};
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->footprint.pcf.fossil_ghg_emissions, "3");
  EXPECT_EQ(built->footprint.pcf.ipcc_characterization_factors, std::vector<std::string>{"AR5"});
}

TEST(BuildProductFootprint, BiogenicReleaseAboveUptakeIsNeutral) {
  FootprintInput input = base_input();
  input.inventory = {ghg("Carbon dioxide, fossil", 1.0, "co2", GasOrigin::kFossil, 1.0),
                     ghg("Carbon dioxide, biogenic", 4.0, "co2", GasOrigin::kBiogenic, 1.0),
                     ghg("Carbon dioxide, in air", 1.0, "co2", GasOrigin::kAirUptake, -1.0)};
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->footprint.pcf.biogenic_co2_uptake, "0");
  EXPECT_EQ(built->footprint.pcf.pcf_excluding_biogenic_uptake, "1");
  EXPECT_EQ(built->footprint.pcf.pcf_including_biogenic_uptake, "1");
  bool warned = false;
  for (const auto& warning : built->warnings) {
    if (warning.find("3 kg more biogenic CO2") != std::string::npos) warned = true;
  }
  EXPECT_TRUE(warned);
}

TEST(BuildProductFootprint, AbsentOriginsLeavePropertiesOut) {
  FootprintInput input = base_input();
  input.inventory = {ghg("Carbon dioxide, fossil", 1.0, "co2", GasOrigin::kFossil, 1.0)};
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  const CarbonFootprint& pcf = built->footprint.pcf;
  EXPECT_FALSE(pcf.biogenic_co2_uptake.has_value());
  EXPECT_FALSE(pcf.land_use_change_ghg_emissions.has_value());
  EXPECT_FALSE(pcf.biogenic_non_co2_emissions.has_value());
  EXPECT_EQ(pcf.pcf_including_biogenic_uptake, "1");
}

TEST(BuildProductFootprint, NegativeFossilEmissionsAreModelError) {
  FootprintInput input = base_input();
  input.inventory = {ghg("Carbon dioxide, fossil", -2.0, "co2", GasOrigin::kFossil, 1.0)};
  auto built = build_product_footprint(input);
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(built.error().message().find("fossilGhgEmissions is -2"), std::string::npos)
      << built.error().message();
}

TEST(BuildProductFootprint, RoundingNoiseBelowZeroPrintsZero) {
  FootprintInput input = base_input();
  input.inventory = {ghg("Carbon dioxide, fossil", 0.1, "co2", GasOrigin::kFossil, 1.0),
                     ghg("Carbon dioxide, fossil", -0.1 - 1e-18, "co2", GasOrigin::kFossil, 1.0)};
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok()) << built.error().message();
  EXPECT_EQ(built->footprint.pcf.fossil_ghg_emissions, "0");
}

TEST(BuildProductFootprint, ProductMassByDeclaredUnit) {
  FootprintInput piece = base_input();
  piece.declared_unit = DeclaredUnit{"piece", 1.0, true};
  auto missing = build_product_footprint(piece);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(missing.error().message().find("product mass"), std::string::npos);

  piece.product_mass_kg = 12.5;
  auto with_mass = build_product_footprint(piece);
  ASSERT_TRUE(with_mass.ok()) << with_mass.error().message();
  EXPECT_EQ(with_mass->footprint.pcf.product_mass_per_declared_unit, "12.5");

  FootprintInput energy = base_input();
  energy.declared_unit = DeclaredUnit{"megajoule", 1.0, false};
  auto energy_built = build_product_footprint(energy);
  ASSERT_TRUE(energy_built.ok());
  EXPECT_EQ(energy_built->footprint.pcf.product_mass_per_declared_unit, "0");
}

TEST(BuildProductFootprint, CutoffsDescribedAndNotClaimed) {
  FootprintInput input = base_input();
  for (int i = 0; i < 25; ++i) {
    char letter = static_cast<char>('a' + i);
    input.cutoffs.push_back(Cutoff{std::string("input ") + letter, 1.5, "kg", "Extrusion"});
  }
  input.boundary_processes_description = "Extrusion, anodizing and assembly";
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok()) << built.error().message();
  const CarbonFootprint& pcf = built->footprint.pcf;
  ASSERT_TRUE(pcf.boundary_processes_description.has_value());
  const std::string& boundary = *pcf.boundary_processes_description;
  EXPECT_EQ(boundary.rfind("Extrusion, anodizing and assembly\nCut-offs: 25", 0), 0u) << boundary;
  EXPECT_NE(boundary.find("input a (1.5 kg, input of Extrusion);"), std::string::npos);
  EXPECT_NE(boundary.find("input t (1.5 kg"), std::string::npos);
  EXPECT_EQ(boundary.find("input u (1.5 kg"), std::string::npos);
  EXPECT_NE(boundary.find("and 5 more."), std::string::npos);
  EXPECT_EQ(pcf.exempted_emissions_percent, "0");
  EXPECT_NE(pcf.exempted_emissions_description->find("not included in this percentage"),
            std::string::npos);
  bool warned = false;
  for (const auto& warning : built->warnings) {
    if (warning.find("25 cut-off") != std::string::npos) warned = true;
  }
  EXPECT_TRUE(warned);
}

TEST(BuildProductFootprint, StatedExemptionIsUsed) {
  FootprintInput input = base_input();
  input.cutoffs.push_back(Cutoff{"Sealant", 0.2, "kg", "Assembly"});
  input.exempted_emissions_percent = 1.5;
  input.exempted_emissions_description = "Sealant estimated from a screening";
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->footprint.pcf.exempted_emissions_percent, "1.5");
  EXPECT_EQ(built->footprint.pcf.exempted_emissions_description,
            "Sealant estimated from a screening");
}

TEST(BuildProductFootprint, CarbonContentWithoutDataIsStated) {
  FootprintInput input = base_input();
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->footprint.pcf.fossil_carbon_content, "0");
  EXPECT_FALSE(built->footprint.pcf.biogenic_carbon_content.has_value());
  ASSERT_TRUE(built->footprint.comment.has_value());
  EXPECT_NE(built->footprint.comment->find("not a measured value"), std::string::npos);

  input.fossil_carbon_content_kg = 0.8;
  input.biogenic_carbon_content_kg = 0.1;
  auto stated = build_product_footprint(input);
  ASSERT_TRUE(stated.ok());
  EXPECT_EQ(stated->footprint.pcf.fossil_carbon_content, "0.8");
  EXPECT_EQ(stated->footprint.pcf.biogenic_carbon_content, "0.1");
}

TEST(BuildProductFootprint, SameInputSameBytes) {
  FootprintInput input = base_input();
  input.inventory = mixed_inventory();
  auto first = build_product_footprint(input);
  auto second = build_product_footprint(input);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(write_product_footprint(first->footprint), write_product_footprint(second->footprint));
}

TEST(BuildProductFootprint, EmptyIdGetsNewUuid) {
  FootprintInput input = base_input();
  input.id.clear();
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  EXPECT_EQ(built->footprint.id.size(), 36u);
  EXPECT_EQ(built->footprint.id[14], '4');
}

TEST(BuildProductFootprint, InvalidInputsAreNamed) {
  FootprintInput bad_date = base_input();
  bad_date.reference_period_end = "2026";
  auto date = build_product_footprint(bad_date);
  ASSERT_FALSE(date.ok());
  EXPECT_NE(date.error().message().find("referencePeriodEnd"), std::string::npos);

  FootprintInput no_company = base_input();
  no_company.company_ids.clear();
  EXPECT_FALSE(build_product_footprint(no_company).ok());

  FootprintInput zero = base_input();
  zero.declared_unit_amount = 0.0;
  EXPECT_FALSE(build_product_footprint(zero).ok());

  FootprintInput no_standard = base_input();
  no_standard.cross_sectoral_standards.clear();
  EXPECT_FALSE(build_product_footprint(no_standard).ok());
}

TEST(BuildProductFootprint, UnknownGeographyWarns) {
  FootprintInput input = base_input();
  input.geography = Geography{};
  input.geography.unknown = true;
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok());
  EXPECT_FALSE(built->footprint.pcf.geography_country.has_value());
  ASSERT_FALSE(built->warnings.empty());
  EXPECT_NE(built->warnings.front().find("global"), std::string::npos);
}

TEST(CharacterizeInventory, SplitsFactorsAndFlaggedFlows) {
  lca::Flow co2{.id = "f1", .name = "Carbon dioxide, fossil",
                .category_path = {"Elementary flows", "air", "unspecified"}};
  lca::Flow mixture{.id = "f2", .name = "HFCs and HCFCs, unspecified",
                    .category_path = {"air", "unspecified"}};
  lca::Flow water{.id = "f3", .name = "Nitrate", .category_path = {"water", "unspecified"}};
  lca::Flow methane{.id = "f4", .name = "Methane, biogenic", .category_path = {"air"}};

  auto result = characterize_inventory(
      {{&co2, false, 2.0}, {&mixture, false, 1.0}, {&water, false, 5.0}, {&methane, false, 0.5}},
      lca::GwpMethod::kIpccAr6Gwp100);
  ASSERT_EQ(result.flows.size(), 2u);
  EXPECT_EQ(result.flows[0].flow_id, "f1");
  EXPECT_DOUBLE_EQ(result.flows[0].factor, 1.0);
  EXPECT_EQ(result.flows[1].origin, GasOrigin::kBiogenic);
  EXPECT_DOUBLE_EQ(result.flows[1].factor, 27.0);
  ASSERT_EQ(result.without_factor.size(), 1u);
  EXPECT_EQ(result.without_factor[0]->id, "f2");
}

TEST(CharacterizeInventory, DirectionSetsTheSign) {
  lca::Flow uptake{.id = "u", .name = "Carbon dioxide, in air",
                   .category_path = {"resource", "in air"}};
  lca::Flow emission{.id = "e", .name = "Carbon dioxide, fossil", .category_path = {"air"}};

  auto result = characterize_inventory({{&uptake, true, 3.0},
                                        {&uptake, false, 1.0},
                                        {&emission, false, 2.0},
                                        {&emission, true, 0.5}},
                                       lca::GwpMethod::kIpccAr6Gwp100);
  ASSERT_EQ(result.flows.size(), 4u);
  EXPECT_DOUBLE_EQ(result.flows[0].amount_kg, 3.0);
  EXPECT_DOUBLE_EQ(result.flows[1].amount_kg, -1.0);
  EXPECT_DOUBLE_EQ(result.flows[2].amount_kg, 2.0);
  EXPECT_DOUBLE_EQ(result.flows[3].amount_kg, -0.5);
}

// The bundled window frame sample has an expected result computed without
// trustpcf (data/sample/expected.py). Characterizing its gas flows with the
// built-in tables and building the footprint must give the same totals.
TEST(BuildProductFootprint, SampleTotalsMatchIndependentCalculation) {
  auto text = util::read_file(::trustpcf::testing::source_dir() / "data/sample/expected.json");
  if (!text.ok()) GTEST_SKIP() << "the bundled sample's expected.json is absent";
  nlohmann::json expected = nlohmann::json::parse(*text);

  std::vector<lca::Flow> flows;
  flows.reserve(expected["gases"].size());
  std::vector<InventoryFlow> inventory;
  for (const auto& gas : expected["gases"]) {
    lca::Flow flow;
    flow.id = gas["@id"].get<std::string>();
    flow.name = gas["flow"].get<std::string>();
    std::string category = gas["category"].get<std::string>();
    for (size_t start = 0, end; start <= category.size(); start = end + 1) {
      end = category.find('/', start);
      if (end == std::string::npos) end = category.size();
      flow.category_path.push_back(category.substr(start, end - start));
    }
    flows.push_back(flow);
  }
  for (size_t i = 0; i < flows.size(); ++i) {
    const auto& gas = expected["gases"][i];
    inventory.push_back({&flows[i], gas["direction"] == "input", gas["amount_kg"].get<double>()});
  }

  CharacterizedInventory characterized =
      characterize_inventory(inventory, lca::GwpMethod::kIpccAr6Gwp100);
  EXPECT_EQ(characterized.flows.size(), flows.size());
  EXPECT_TRUE(characterized.without_factor.empty());

  FootprintInput input = base_input();
  input.declared_unit = DeclaredUnit{"piece", 1.0, true};
  input.declared_unit_amount = 1.0;
  input.product_mass_kg = 10.0;
  input.inventory = characterized.flows;
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok()) << built.error().message();

  const auto& totals = expected["totals_kg_co2e"];
  double excluding = totals["excluding_biogenic_co2"].get<double>();
  double including = totals["including_biogenic_co2_emissions_and_uptake"].get<double>();
  EXPECT_NEAR(built->breakdown.by_field.at("pcfExcludingBiogenicUptake"), excluding,
              1e-9 * excluding);
  EXPECT_NEAR(built->breakdown.by_field.at("pcfIncludingBiogenicUptake"), including,
              1e-9 * including);
  EXPECT_EQ(built->footprint.pcf.pcf_excluding_biogenic_uptake,
            format_footprint_decimal(excluding));
}

}  // namespace
}  // namespace trustpcf::pcf
