// Validation of footprints against the ProductFootprint schema of the PACT v3
// OpenAPI description, with python3-jsonschema (Draft 2020-12) run through
// tests/pcf/validate_pact.py. The specification's own examples are the
// positive control, and a footprint broken on purpose the negative one.

#include <cstdlib>
#include <fstream>
#include <sys/wait.h>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "pact_examples.hpp"
#include "pcf/footprint_json.hpp"
#include "sample_inputs.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf::pcf {
namespace {

// Exit status of validate_pact.py when a Python module is missing.
constexpr int kSkippedStatus = 77;

struct Validation {
  int status = -1;
  std::string output;
};

Validation run_validator(const std::filesystem::path& spec,
                         const std::vector<std::filesystem::path>& files,
                         const std::filesystem::path& work) {
  std::filesystem::path script = ::trustpcf::testing::source_dir() / "tests/pcf/validate_pact.py";
  std::filesystem::path log = work / "validate.log";
  std::string command = "python3 '" + script.string() + "' --spec '" + spec.string() + "'";
  for (const auto& file : files) command += " '" + file.string() + "'";
  command += " > '" + log.string() + "' 2>&1";

  Validation validation;
  int raw = std::system(command.c_str());
  validation.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto text = util::read_file(log);
  validation.output = text.ok() ? *text : "";
  return validation;
}

std::filesystem::path write_json(const std::filesystem::path& folder, const std::string& name,
                                 const std::string& text) {
  std::filesystem::path path = folder / name;
  std::ofstream(path) << text;
  return path;
}

TEST(FootprintSchema, SpecificationExamplesAreValid) {
  TRUSTPCF_REQUIRE_SHARED(spec, "pact/v3/openapi.yaml");
  TRUSTPCF_REQUIRE_SHARED(folder, "pact/v3/examples");
  ::trustpcf::testing::TempDir work;
  std::vector<std::filesystem::path> files;
  for (const std::string& file : testing::kValidExampleFiles) files.push_back(folder / file);

  Validation validation = run_validator(spec, files, work.path());
  if (validation.status == kSkippedStatus) GTEST_SKIP() << validation.output;
  EXPECT_EQ(validation.status, 0) << validation.output;
}

TEST(FootprintSchema, BuiltFootprintsAreValid) {
  TRUSTPCF_REQUIRE_SHARED(spec, "pact/v3/openapi.yaml");
  ::trustpcf::testing::TempDir work;

  std::vector<FootprintInput> inputs;
  inputs.push_back(testing::base_input());
  inputs.back().inventory = testing::mixed_inventory();

  inputs.push_back(testing::base_input());
  inputs.back().method = lca::GwpMethod::kIpccAr5Gwp100;
  inputs.back().declared_unit = DeclaredUnit{"piece", 1.0, true};
  inputs.back().product_mass_kg = 12.5;
  inputs.back().cutoffs.push_back(Cutoff{"Sealant", 0.2, "kg", "Assembly"});

  inputs.push_back(testing::base_input());
  inputs.back().declared_unit = DeclaredUnit{"megajoule", 1.0, false};
  inputs.back().geography = Geography{};
  inputs.back().geography.unknown = true;
  inputs.back().inventory = {testing::ghg("Carbon dioxide, biogenic", 4.0, "co2",
                                          lca::GasOrigin::kBiogenic, 1.0)};

  std::vector<std::filesystem::path> files;
  for (size_t i = 0; i < inputs.size(); ++i) {
    auto built = build_product_footprint(inputs[i]);
    ASSERT_TRUE(built.ok()) << built.error().message();
    files.push_back(write_json(work.path(), "built-" + std::to_string(i) + ".json",
                               write_product_footprint(built->footprint)));
  }

  Validation validation = run_validator(spec, files, work.path());
  if (validation.status == kSkippedStatus) GTEST_SKIP() << validation.output;
  EXPECT_EQ(validation.status, 0) << validation.output;
}

TEST(FootprintSchema, BrokenFootprintIsInvalid) {
  TRUSTPCF_REQUIRE_SHARED(spec, "pact/v3/openapi.yaml");
  ::trustpcf::testing::TempDir work;
  auto built = build_product_footprint(testing::base_input());
  ASSERT_TRUE(built.ok());
  nlohmann::json broken = to_json(built->footprint);
  broken["pcf"]["fossilGhgEmissions"] = "-1";
  broken["pcf"].erase("exemptedEmissionsPercent");
  std::filesystem::path file = write_json(work.path(), "broken.json", broken.dump());

  Validation validation = run_validator(spec, {file}, work.path());
  if (validation.status == kSkippedStatus) GTEST_SKIP() << validation.output;
  EXPECT_EQ(validation.status, 1) << validation.output;
  EXPECT_NE(validation.output.find("exemptedEmissionsPercent"), std::string::npos)
      << validation.output;
  EXPECT_NE(validation.output.find("pcf/fossilGhgEmissions"), std::string::npos)
      << validation.output;
}

}  // namespace
}  // namespace trustpcf::pcf
