// The four links end to end on the bundled sample: footprint compute
// --bundle, certify (which repeats the calculation), publish, and verify
// --recompute; then recomputation after the background database changed.

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
constexpr const char* kCompute =
    "footprint compute --process 'Window frame assembly' --company-id urn:lei:5493001KJTIIGC8Y1R12 "
    "--created 2026-01-15T08:00:00Z";

class CredibleFootprint : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run("-q db import '" + kSample + "'").exit_code, 0);
    ASSERT_EQ(run("keys new verifier").exit_code, 0);
    bundle_ = (home_.path() / "bundle.json").string();
    auto computed = run(std::string(kCompute) + " --bundle '" + bundle_ + "'");
    ASSERT_EQ(computed.exit_code, 0) << computed.errors;
  }

  testing::CommandResult run(const std::string& arguments) { return run_trustpcf(home_.path(), arguments); }

  std::string trust_arguments() {
    std::string verifier = run("keys show verifier --json").output;
    std::string log_key = run("log key").output;
    while (!log_key.empty() && log_key.back() == '\n') log_key.pop_back();
    return "--trust verifier --trust '" + log_key + "'";
  }

  TempDir home_;
  std::string bundle_;
};

TEST_F(CredibleFootprint, ComputeCertifyPublishVerifyPass) {
  auto certified = run("certify '" + bundle_ + "' --as verifier");
  ASSERT_EQ(certified.exit_code, 0) << certified.output << certified.errors;
  EXPECT_NE(certified.output.find("PASS  recomputation"), std::string::npos) << certified.output;

  auto published = run("publish '" + bundle_ + "' --as node");
  ASSERT_EQ(published.exit_code, 0) << published.output << published.errors;

  auto verified = run("verify '" + bundle_ + "' --recompute " + trust_arguments());
  EXPECT_EQ(verified.exit_code, 0) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("verdict: PASS"), std::string::npos) << verified.output;
}

TEST_F(CredibleFootprint, RecomputeNamesChangedDatabase) {
  // Import the sample again with one exchange amount changed, under the
  // same name in a fresh node, so the store contains other content for it.
  TempDir changed_copy;
  std::filesystem::copy(kSample, changed_copy.path() / "window-frame", std::filesystem::copy_options::recursive);
  bool changed = false;
  for (const auto& entry : std::filesystem::directory_iterator(changed_copy.path() / "window-frame/processes")) {
    nlohmann::json process = nlohmann::json::parse(util::read_file(entry.path()).value());
    if (process.value("name", "").find("Window frame assembly") == std::string::npos) continue;
    for (auto& exchange : process["exchanges"]) {
      if (exchange.value("isInput", false) && exchange.contains("amount")) {
        exchange["amount"] = exchange["amount"].get<double>() * 1.01;
        changed = true;
        break;
      }
    }
    ASSERT_TRUE(util::write_file_atomic(entry.path(), process.dump(2)).ok());
  }
  ASSERT_TRUE(changed);

  TempDir other_node;
  ASSERT_EQ(run_trustpcf(other_node.path(),
                         "-q db import '" + (changed_copy.path() / "window-frame").string() + "' --name window-frame")
                .exit_code,
            0);
  auto verified = run_trustpcf(other_node.path(), "verify '" + bundle_ + "' --recompute --json");
  EXPECT_EQ(verified.exit_code, 11) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("background database 'window-frame' differs"), std::string::npos)
      << verified.output;
}

TEST_F(CredibleFootprint, RecomputeWithoutDatabaseFails) {
  TempDir empty_node;
  auto verified = run_trustpcf(empty_node.path(), "verify '" + bundle_ + "' --recompute --json");
  EXPECT_EQ(verified.exit_code, 11) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("not in this node's store"), std::string::npos) << verified.output;
}

TEST_F(CredibleFootprint, FailedCertifyWritesNothing) {
  ASSERT_EQ(run("certify '" + bundle_ + "' --as verifier").exit_code, 0);
  // One changed digit in the footprint after certification.
  nlohmann::json footprint = nlohmann::json::parse(util::read_file(bundle_).value());
  std::string total = footprint["pcf"]["pcfExcludingBiogenicUptake"];
  total.back() = total.back() == '1' ? '2' : '1';
  footprint["pcf"]["pcfExcludingBiogenicUptake"] = total;
  const std::string tampered = (home_.path() / "tampered.json").string();
  const std::string out = (home_.path() / "recertified.json").string();
  ASSERT_TRUE(util::write_file_atomic(tampered, footprint.dump(2)).ok());

  auto certified = run("certify '" + tampered + "' --as verifier --out '" + out + "'");
  EXPECT_EQ(certified.exit_code, 6) << certified.output << certified.errors;
  EXPECT_NE(certified.output.find("FAIL"), std::string::npos) << certified.output;
  EXPECT_EQ(certified.output.find("certified:"), std::string::npos) << certified.output;
  EXPECT_FALSE(std::filesystem::exists(out));

  auto as_json = run("certify '" + tampered + "' --as verifier --out '" + out + "' --json");
  nlohmann::json result = nlohmann::json::parse(as_json.output);
  EXPECT_EQ(result["verdict"], "FAIL");
  EXPECT_FALSE(result.contains("credentialId")) << as_json.output;
  EXPECT_FALSE(result.contains("bundle")) << as_json.output;
}

TEST_F(CredibleFootprint, CertifyAfterPublishWarns) {
  ASSERT_EQ(run("certify '" + bundle_ + "' --as verifier").exit_code, 0);
  ASSERT_EQ(run("publish '" + bundle_ + "' --as node").exit_code, 0);
  const std::string out = (home_.path() / "recertified.json").string();

  auto certified = run("certify '" + bundle_ + "' --as verifier --out '" + out + "'");
  ASSERT_EQ(certified.exit_code, 0) << certified.output << certified.errors;
  EXPECT_NE(certified.errors.find("warning: "), std::string::npos) << certified.errors;
  EXPECT_NE(certified.errors.find("trustpcf publish"), std::string::npos) << certified.errors;

  // The warning is right: the new credential is not in the log until the
  // bundle is published again.
  auto before = run("verify '" + out + "' " + trust_arguments());
  EXPECT_EQ(before.exit_code, 13) << before.output;
  ASSERT_EQ(run("publish '" + out + "' --as node").exit_code, 0);
  auto after = run("verify '" + out + "' " + trust_arguments());
  EXPECT_EQ(after.exit_code, 0) << after.output;
}

}  // namespace
}  // namespace trustpcf
