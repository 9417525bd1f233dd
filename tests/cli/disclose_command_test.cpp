// trustpcf disclose on the bundled sample: a copy that withholds the
// footprint comment and boundary description still verifies, names what it
// withholds, hides the values and cannot be certified with recomputation.

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
constexpr const char* kComment = "Confidential note for line 7";
constexpr const char* kCompute =
    "footprint compute --process 'Window frame assembly' --company-id urn:lei:5493001KJTIIGC8Y1R12 "
    "--created 2026-01-15T08:00:00Z --comment 'Confidential note for line 7'";

class DiscloseCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run("-q db import '" + kSample + "'").exit_code, 0);
    ASSERT_EQ(run("keys new verifier").exit_code, 0);
    bundle_ = (home_.path() / "bundle.json").string();
    withheld_ = (home_.path() / "withheld.json").string();
    auto computed = run(std::string(kCompute) + " --bundle '" + bundle_ + "'");
    ASSERT_EQ(computed.exit_code, 0) << computed.errors;
    auto certified = run("certify '" + bundle_ + "' --as verifier");
    ASSERT_EQ(certified.exit_code, 0) << certified.output << certified.errors;
    auto published = run("publish '" + bundle_ + "' --as node");
    ASSERT_EQ(published.exit_code, 0) << published.output << published.errors;
  }

  testing::CommandResult run(const std::string& arguments) { return run_trustpcf(home_.path(), arguments); }

  std::string trust_arguments() {
    std::string log_key = run("log key").output;
    while (!log_key.empty() && log_key.back() == '\n') log_key.pop_back();
    return "--trust verifier --trust '" + log_key + "'";
  }

  std::string boundary() {
    nlohmann::json full = nlohmann::json::parse(util::read_file(bundle_).value());
    return full["pcf"].value("boundaryProcessesDescription", "");
  }

  TempDir home_;
  std::string bundle_;
  std::string withheld_;
};

TEST_F(DiscloseCommand, WithheldCopyPassesAllLinks) {
  auto disclosed = run("disclose '" + bundle_ + "' --withhold comment,boundary --out '" + withheld_ + "'");
  ASSERT_EQ(disclosed.exit_code, 0) << disclosed.output << disclosed.errors;

  auto verified = run("verify '" + withheld_ + "' " + trust_arguments());
  EXPECT_EQ(verified.exit_code, 0) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("verdict: PASS"), std::string::npos) << verified.output;
  EXPECT_NE(verified.output.find("withheld: boundary, comment"), std::string::npos) << verified.output;
}

TEST_F(DiscloseCommand, WithheldCopyHidesValues) {
  ASSERT_FALSE(boundary().empty());
  std::string full = util::read_file(bundle_).value();
  ASSERT_NE(full.find(kComment), std::string::npos);
  ASSERT_NE(full.find(nlohmann::json(boundary()).dump()), std::string::npos);

  ASSERT_EQ(run("disclose '" + bundle_ + "' --withhold comment,boundary --out '" + withheld_ + "'").exit_code, 0);
  std::string copy = util::read_file(withheld_).value();
  EXPECT_EQ(copy.find(kComment), std::string::npos);
  EXPECT_EQ(copy.find(nlohmann::json(boundary()).dump()), std::string::npos);
}

TEST_F(DiscloseCommand, JsonNamesUnchangedDigest) {
  auto disclosed = run("disclose '" + bundle_ + "' --withhold comment --out '" + withheld_ + "' --json");
  ASSERT_EQ(disclosed.exit_code, 0) << disclosed.errors;
  nlohmann::json result = nlohmann::json::parse(disclosed.output);
  nlohmann::json full = nlohmann::json::parse(util::read_file(bundle_).value());
  std::string full_digest;
  for (const auto& extension : full["extensions"]) full_digest = extension["data"].value("footprintDigest", "");
  EXPECT_EQ(result["footprintDigest"], full_digest);
  EXPECT_EQ(result["withheld"], nlohmann::json::array({"comment"}));
}

TEST_F(DiscloseCommand, CertifyWithRecomputationNeedsFullBundle) {
  ASSERT_EQ(run("disclose '" + bundle_ + "' --withhold comment --out '" + withheld_ + "'").exit_code, 0);
  auto certified = run("certify '" + withheld_ + "' --as verifier");
  EXPECT_EQ(certified.exit_code, 3) << certified.output << certified.errors;
  EXPECT_NE(certified.errors.find("needs the full bundle"), std::string::npos) << certified.errors;
}

TEST_F(DiscloseCommand, AbsentFieldIsNamed) {
  // The sample bundle has no evidence, so there is no supplier to withhold.
  auto text = run("disclose '" + bundle_ + "' --withhold comment,supplier --out '" + withheld_ + "'");
  ASSERT_EQ(text.exit_code, 0) << text.errors;
  EXPECT_NE(text.output.find("withheld: comment\n"), std::string::npos) << text.output;
  EXPECT_NE(text.output.find("nothing to withhold: supplier"), std::string::npos) << text.output;

  auto as_json = run("disclose '" + bundle_ + "' --withhold comment,supplier --out '" + withheld_ + "' --json");
  ASSERT_EQ(as_json.exit_code, 0) << as_json.errors;
  nlohmann::json result = nlohmann::json::parse(as_json.output);
  EXPECT_EQ(result["absent"], nlohmann::json::array({"supplier"}));
  EXPECT_EQ(result["withheld"], nlohmann::json::array({"comment"}));
}

TEST_F(DiscloseCommand, UnknownFieldIsUsageError) {
  auto disclosed = run("disclose '" + bundle_ + "' --withhold quantity --out '" + withheld_ + "'");
  EXPECT_EQ(disclosed.exit_code, 2) << disclosed.errors;
}

TEST_F(DiscloseCommand, EvidenceShowPrintsDisclosedSite) {
  std::string csv = (home_.path() / "meter.csv").string();
  ASSERT_TRUE(util::write_file_atomic(csv,
                                      "activityType,quantity,unit,periodStart,periodEnd,site,supplier\n"
                                      "electricity,1250.5,kWh,2024-01-01,2024-02-01,Plant Lindenhof,Grid Inc\n")
                  .ok());
  ASSERT_EQ(run("keys new meter").exit_code, 0);
  auto added = run("evidence add '" + csv + "' --source meter --json");
  ASSERT_EQ(added.exit_code, 0) << added.errors;
  std::string batch = nlohmann::json::parse(added.output)["batchId"];

  auto shown = run("evidence show " + batch);
  EXPECT_EQ(shown.exit_code, 0) << shown.errors;
  EXPECT_NE(shown.output.find("Plant Lindenhof"), std::string::npos) << shown.output;
}

}  // namespace
}  // namespace trustpcf
