// Runs `trustpcf db import` and `trustpcf footprint compute|tree` on the
// bundled window-frame sample and checks the figures against the sample's
// independently solved expectation (data/sample/expected.json).

#include <cmath>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/command.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf {
namespace {

using testing::run_trustpcf;
using testing::TempDir;

const std::string kSample = (testing::source_dir() / "data/sample/window-frame").string();
constexpr const char* kCompany = "--company-name 'Example Windows Co.' --company-id urn:lei:5493001KJTIIGC8Y1R12";
constexpr const char* kCreated = "--created 2026-01-15T08:00:00Z";

nlohmann::json expected_sample() {
  return nlohmann::json::parse(util::read_file(testing::source_dir() / "data/sample/expected.json").value());
}

class SampleFootprint : public ::testing::Test {
 protected:
  void SetUp() override {
    auto imported = run_trustpcf(home_.path(), "-q db import '" + kSample + "'");
    ASSERT_EQ(imported.exit_code, 0) << imported.errors;
  }

  nlohmann::json compute_json(const std::string& extra = "") {
    auto result = run_trustpcf(home_.path(), std::string("footprint compute --process 'Window frame assembly' ") +
                                                 kCompany + " " + kCreated + " --json " + extra);
    EXPECT_EQ(result.exit_code, 0) << result.errors;
    return nlohmann::json::parse(result.output);
  }

  TempDir home_;
};

TEST_F(SampleFootprint, TotalMatchesIndependentSolve) {
  nlohmann::json summary = compute_json();
  nlohmann::json expected = expected_sample();
  // pcfExcludingBiogenicUptake counts biogenic CO2 as neutral, the sum the
  // expectation names "excluding_biogenic_co2".
  double want = expected["totals_kg_co2e"]["excluding_biogenic_co2"].get<double>();
  double got = summary["total"].get<double>();
  EXPECT_NEAR(got, want, 1e-9 * std::abs(want));
  EXPECT_NEAR(summary["byField"]["pcfExcludingBiogenicUptake"].get<double>(), want, 1e-9 * std::abs(want));
}

TEST_F(SampleFootprint, ContributionsAddUpToTotal) {
  nlohmann::json summary = compute_json();
  double sum = 0.0;
  for (const auto& contribution : summary["contributions"]) sum += contribution["amount"].get<double>();
  EXPECT_EQ(summary["contributions"].size(), 15u);
  EXPECT_NEAR(sum, summary["total"].get<double>(), 1e-9 * summary["total"].get<double>());
}

TEST_F(SampleFootprint, ReportsCutOffsOfSample) {
  nlohmann::json summary = compute_json();
  std::vector<std::string> names;
  for (const auto& cut_off : summary["cutOffs"]) names.push_back(cut_off["flowName"]);
  EXPECT_FALSE(names.empty());
}

TEST_F(SampleFootprint, RerunGivesIdenticalBytes) {
  auto first = home_.path() / "first.json";
  auto second = home_.path() / "second.json";
  compute_json("--out '" + first.string() + "'");
  compute_json("--out '" + second.string() + "'");
  std::string first_bytes = util::read_file(first).value();
  EXPECT_FALSE(first_bytes.empty());
  EXPECT_EQ(first_bytes, util::read_file(second).value());
}

TEST_F(SampleFootprint, FootprintValidatesAgainstPactSchema) {
  TRUSTPCF_REQUIRE_SHARED(spec, "pact/v3/openapi.yaml");
  auto out = home_.path() / "pcf.json";
  compute_json("--out '" + out.string() + "'");
  std::string command = "python3 '" + (testing::source_dir() / "tests/pcf/validate_pact.py").string() +
                        "' --spec '" + spec.string() + "' '" + out.string() + "'";
  int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "python3-jsonschema or python3-yaml is missing";
  EXPECT_EQ(WEXITSTATUS(status), 0) << util::read_file(out).value();
}

TEST_F(SampleFootprint, InventoryMarksBoundaryFlows) {
  auto inventory_path = home_.path() / "inventory.json";
  compute_json("--inventory-out '" + inventory_path.string() + "'");
  nlohmann::json inventory = nlohmann::json::parse(util::read_file(inventory_path).value());
  int elementary = 0;
  int boundary = 0;
  for (const auto& flow : inventory["flows"]) {
    if (flow["kind"] == "elementary") ++elementary;
    else ++boundary;
    EXPECT_TRUE(flow.contains("unit"));
    EXPECT_TRUE(flow.contains("compartment"));
  }
  EXPECT_GT(elementary, 0);
  EXPECT_GT(boundary, 0);
}

TEST_F(SampleFootprint, TreeRootHoldsWholeTotal) {
  auto result = run_trustpcf(home_.path(), "footprint tree --process 'Window frame assembly' --depth 3 --cutoff 0.5 --json");
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  nlohmann::json tree = nlohmann::json::parse(result.output);
  ASSERT_FALSE(tree["nodes"].empty());
  EXPECT_DOUBLE_EQ(tree["nodes"][0]["share"].get<double>(), 1.0);
  EXPECT_NEAR(tree["total"].get<double>(), compute_json()["total"].get<double>(), 1e-9 * tree["total"].get<double>());
}

TEST_F(SampleFootprint, UnknownProcessIsNotFound) {
  auto result = run_trustpcf(home_.path(), std::string("footprint compute --process 'no such process' ") + kCompany);
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_NE(result.errors.find("no such process"), std::string::npos) << result.errors;
}

TEST_F(SampleFootprint, MissingCompanyIdIsUsageError) {
  auto result = run_trustpcf(home_.path(), "footprint compute --process 'Window frame assembly'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.errors.find("--company-id"), std::string::npos) << result.errors;
}

TEST_F(SampleFootprint, ReimportIsNoOp) {
  auto result = run_trustpcf(home_.path(), "-q db import '" + kSample + "' --json");
  ASSERT_EQ(result.exit_code, 0) << result.errors;
  EXPECT_TRUE(nlohmann::json::parse(result.output)["alreadyImported"].get<bool>());
}

}  // namespace
}  // namespace trustpcf
