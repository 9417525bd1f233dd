// The whole path from an openLCA export to a PACT v3 footprint on the bundled
// window frame sample: import, calculation, characterization, footprint,
// schema. The totals must match data/sample/expected.json, which
// data/sample/expected.py computes without trustpcf.

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include "lca/jsonld_model.hpp"
#include "lca/jsonld_reader.hpp"
#include "lca/result.hpp"
#include "pcf/footprint_builder.hpp"
#include "pcf/footprint_json.hpp"
#include "pcf/ids.hpp"
#include "sample_inputs.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf::pcf {
namespace {

// Returns the name of the reference unit of the flow's reference flow
// property, or "" when the model lacks it.
std::string reference_unit_name(const lca::Database& database, const lca::Flow& flow) {
  for (const auto& factor : flow.flow_properties) {
    if (!factor.is_reference) continue;
    auto property = database.flow_properties.find(factor.flow_property_id);
    if (property == database.flow_properties.end()) return "";
    auto group = database.unit_groups.find(property->second.unit_group_id);
    if (group == database.unit_groups.end()) return "";
    for (const auto& unit : group->second.units) {
      if (unit.id == group->second.reference_unit_id) return unit.name;
    }
  }
  return "";
}

TEST(SampleFootprint, ImportCalculateAndBuild) {
  std::filesystem::path sample = ::trustpcf::testing::source_dir() / "data/sample";
  if (!std::filesystem::exists(sample / "window-frame")) {
    GTEST_SKIP() << "the bundled sample is absent";
  }
  auto expected_text = util::read_file(sample / "expected.json");
  ASSERT_TRUE(expected_text.ok()) << expected_text.error().message();
  nlohmann::json expected = nlohmann::json::parse(*expected_text);

  auto exported = lca::read_jsonld_export(sample / "window-frame");
  ASSERT_TRUE(exported.ok()) << exported.error().message();
  std::vector<lca::ImportWarning> warnings;
  auto database = lca::build_database(exported->entities, warnings);
  ASSERT_TRUE(database.ok()) << database.error().message();

  lca::CalculationRequest request;
  request.demand.process_id = expected["reference_process"]["@id"].get<std::string>();
  request.demand.flow_id = expected["reference_flow"]["@id"].get<std::string>();
  request.demand.amount = expected["declared_unit"]["amount"].get<double>();
  auto result = lca::calculate(*database, request, nullptr);
  ASSERT_TRUE(result.ok()) << result.error().message();

  std::vector<InventoryFlow> inventory;
  for (const lca::InventoryEntry& entry : result->inventory) {
    if (entry.kind != lca::InventoryFlowKind::kElementary) continue;
    inventory.push_back({&database->flows.at(entry.flow_id), entry.is_input, entry.amount});
  }
  CharacterizedInventory characterized =
      characterize_inventory(inventory, lca::GwpMethod::kIpccAr6Gwp100);
  EXPECT_EQ(characterized.flows.size(), expected["gases"].size());
  EXPECT_TRUE(characterized.without_factor.empty());

  const lca::Flow& product = database->flows.at(request.demand.flow_id);
  auto declared_unit = declared_unit_for(reference_unit_name(*database, product));
  ASSERT_TRUE(declared_unit.ok()) << declared_unit.error().message();
  const lca::Process& process = database->processes.at(request.demand.process_id);
  auto location = database->locations.find(process.location_id);
  ASSERT_NE(location, database->locations.end());
  auto geography = geography_for_location(location->second.code);
  ASSERT_TRUE(geography.ok()) << geography.error().message();

  FootprintInput input = testing::base_input();
  input.product_name = product.name;
  input.product_ids = {uuid_urn(product.id)};
  input.declared_unit = *declared_unit;
  input.declared_unit_amount = request.demand.amount;
  input.product_mass_kg = expected["declared_unit"]["product_mass_kg"].get<double>();
  input.geography = *geography;
  input.inventory = characterized.flows;
  input.allocation_rules_description = result->allocation_description;
  for (const lca::CutOff& cutoff : result->system.cut_offs) {
    const lca::Flow& flow = database->flows.at(cutoff.flow_id);
    input.cutoffs.push_back(Cutoff{flow.name, cutoff.amount, reference_unit_name(*database, flow),
                                   database->processes.at(cutoff.consumer_process_id).name});
  }
  auto built = build_product_footprint(input);
  ASSERT_TRUE(built.ok()) << built.error().message();

  const CarbonFootprint& pcf = built->footprint.pcf;
  EXPECT_EQ(pcf.declared_unit_of_measurement, "piece");
  EXPECT_EQ(pcf.geography_country, "CN");
  const auto& totals = expected["totals_kg_co2e"];
  double excluding = totals["excluding_biogenic_co2"].get<double>();
  double including = totals["including_biogenic_co2_emissions_and_uptake"].get<double>();
  EXPECT_NEAR(built->breakdown.by_field.at("pcfExcludingBiogenicUptake"), excluding,
              1e-9 * excluding);
  EXPECT_NEAR(built->breakdown.by_field.at("pcfIncludingBiogenicUptake"), including,
              1e-9 * including);

  // The written footprint reads back unchanged and passes the v3 schema.
  std::string text = write_product_footprint(built->footprint);
  if (std::getenv("TRUSTPCF_PRINT_SAMPLE_FOOTPRINT")) std::cout << text;
  auto reread = parse_product_footprint(std::string_view(text));
  ASSERT_TRUE(reread.ok()) << reread.error().message();
  EXPECT_EQ(write_product_footprint(*reread), text);

  std::filesystem::path spec = ::trustpcf::testing::shared_dir() / "pact/v3/openapi.yaml";
  if (!std::filesystem::exists(spec)) return;
  ::trustpcf::testing::TempDir work;
  std::filesystem::path file = work.path() / "sample.json";
  std::ofstream(file) << text;
  std::filesystem::path script = ::trustpcf::testing::source_dir() / "tests/pcf/validate_pact.py";
  std::string command = "python3 '" + script.string() + "' --spec '" + spec.string() + "' '" +
                        file.string() + "' > '" + (work.path() / "log").string() + "' 2>&1";
  int raw = std::system(command.c_str());
  int status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto log = util::read_file(work.path() / "log");
  if (status != 77) EXPECT_EQ(status, 0) << (log.ok() ? *log : "");
}

}  // namespace
}  // namespace trustpcf::pcf
