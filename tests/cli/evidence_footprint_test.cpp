// Footprints computed from evidence, end to end with the trustpcf command on
// the bundled sample. The chain is evidence add, footprint compute
// --evidence --bundle, certify, publish and verify --recompute. Further
// cases: a tampered disclosed record, recomputation on a node without the
// batch, and the coating line's certified bundle linked as a supplier
// footprint in place of its provider.
// Expected figures come from data/sample/expected.json (expected.py).

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

const std::filesystem::path kSampleDir = testing::source_dir() / "data/sample";
const std::string kSample = (kSampleDir / "window-frame").string();
const std::string kEvidence = (kSampleDir / "evidence/window-frame-2025.csv").string();
constexpr const char* kCompute =
    "footprint compute --process 'Window frame assembly' --company-id urn:lei:5493001KJTIIGC8Y1R12 "
    "--created 2026-01-15T08:00:00Z";
// Relative tolerance for figures both sides compute in doubles from the same decimal inputs.
constexpr double kSameDouble = 1e-9;

class EvidenceFootprint : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(run("-q db import '" + kSample + "'").exit_code, 0);
    ASSERT_EQ(run("keys new meter").exit_code, 0);
    ASSERT_EQ(run("keys new verifier").exit_code, 0);
    auto added = run("evidence add '" + kEvidence + "' --source meter --json");
    ASSERT_EQ(added.exit_code, 0) << added.errors;
    batch_ = nlohmann::json::parse(added.output)["batchId"].get<std::string>();
    bundle_ = (home_.path() / "bundle.json").string();
    expected_ = nlohmann::json::parse(util::read_file(kSampleDir / "expected.json").value());
  }

  testing::CommandResult run(const std::string& arguments) { return run_trustpcf(home_.path(), arguments); }

  testing::CommandResult compute_with_evidence() {
    return run(std::string(kCompute) + " --evidence " + batch_.substr(0, 12) + " --bundle '" + bundle_ + "' --json");
  }

  std::string trust_arguments() {
    std::string log_key = run("log key").output;
    while (!log_key.empty() && log_key.back() == '\n') log_key.pop_back();
    return "--trust verifier --trust '" + log_key + "'";
  }

  TempDir home_;
  std::string batch_;
  std::string bundle_;
  nlohmann::json expected_;
};

TEST_F(EvidenceFootprint, ComputeCertifyPublishVerifyPass) {
  auto computed = compute_with_evidence();
  ASSERT_EQ(computed.exit_code, 0) << computed.errors;
  nlohmann::json summary = nlohmann::json::parse(computed.output);
  double expected_total = expected_["with_evidence_2025"]["excluding_biogenic_co2"].get<double>();
  EXPECT_NEAR(summary["total"].get<double>(), expected_total, expected_total * kSameDouble);

  auto certified = run("certify '" + bundle_ + "' --as verifier");
  ASSERT_EQ(certified.exit_code, 0) << certified.output << certified.errors;
  EXPECT_NE(certified.output.find("PASS  recomputation"), std::string::npos) << certified.output;
  auto published = run("publish '" + bundle_ + "' --as node");
  ASSERT_EQ(published.exit_code, 0) << published.output << published.errors;

  auto verified = run("verify '" + bundle_ + "' --recompute " + trust_arguments());
  EXPECT_EQ(verified.exit_code, 0) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("verdict: PASS"), std::string::npos) << verified.output;
  EXPECT_NE(verified.output.find("24 records signed by"), std::string::npos) << verified.output;
}

TEST_F(EvidenceFootprint, BundleCarriesPrimaryDataShareAndRecords) {
  ASSERT_EQ(compute_with_evidence().exit_code, 0);
  nlohmann::json bundle = nlohmann::json::parse(util::read_file(bundle_).value());
  double share = std::stod(bundle["pcf"]["primaryDataShare"].get<std::string>());
  double expected = expected_["with_evidence_2025"]["primary_data_share_percent"].get<double>();
  EXPECT_NEAR(share, expected, expected * 1e-5);  // six significant digits in the footprint
  const nlohmann::json& evidence = bundle["extensions"][0]["data"]["evidence"];
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_EQ(evidence[0]["records"].size(), 24u);
}

TEST_F(EvidenceFootprint, DiscloseNoneKeepsOnlyCommitment) {
  auto computed = run(std::string(kCompute) + " --evidence " + batch_ + " --disclose none --bundle '" + bundle_ + "'");
  ASSERT_EQ(computed.exit_code, 0) << computed.errors;
  nlohmann::json bundle = nlohmann::json::parse(util::read_file(bundle_).value());
  const nlohmann::json& evidence = bundle["extensions"][0]["data"]["evidence"];
  ASSERT_EQ(evidence.size(), 1u);
  EXPECT_TRUE(evidence[0].value("records", nlohmann::json::array()).empty());
  auto verified = run("verify '" + bundle_ + "' --recompute --json");
  nlohmann::json report = nlohmann::json::parse(verified.output);
  EXPECT_EQ(report["links"][0]["result"], "PASS") << verified.output;
  EXPECT_EQ(report["links"][1]["result"], "PASS") << verified.output;
}

TEST_F(EvidenceFootprint, TamperedRecordQuantityFailsOriginalData) {
  ASSERT_EQ(compute_with_evidence().exit_code, 0);
  nlohmann::json bundle = nlohmann::json::parse(util::read_file(bundle_).value());
  nlohmann::json& content = bundle["extensions"][0]["data"]["evidence"][0]["records"][3]["record"]["content"];
  ASSERT_EQ(content["activityType"], "electricity");
  content["quantity"] = "1000";
  ASSERT_TRUE(util::write_file_atomic(bundle_, bundle.dump(2)).ok());

  auto verified = run("verify '" + bundle_ + "' --json");
  EXPECT_EQ(verified.exit_code, 10) << verified.output << verified.errors;
  nlohmann::json report = nlohmann::json::parse(verified.output);
  EXPECT_EQ(report["links"][0]["result"], "FAIL");
  EXPECT_NE(report["links"][0]["reason"].get<std::string>().find("content digest"), std::string::npos)
      << verified.output;
}

TEST_F(EvidenceFootprint, RecomputeWithoutBatchNamesIt) {
  ASSERT_EQ(compute_with_evidence().exit_code, 0);
  TempDir other_node;
  ASSERT_EQ(run_trustpcf(other_node.path(), "-q db import '" + kSample + "'").exit_code, 0);
  auto verified = run_trustpcf(other_node.path(), "verify '" + bundle_ + "' --recompute --json");
  EXPECT_EQ(verified.exit_code, 11) << verified.output << verified.errors;
  EXPECT_NE(verified.output.find("evidence batch " + batch_), std::string::npos) << verified.output;
}

TEST_F(EvidenceFootprint, RecordOfUnknownFlowIsRejected) {
  std::filesystem::path file = home_.path() / "diesel.csv";
  ASSERT_TRUE(util::write_file_atomic(file,
                                      "activityType,flowName,quantity,unit,periodStart,periodEnd,site\n"
                                      "diesel,\"Diesel, burned\",40,kg,2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,A\n"
                                      "production,\"Window frame, aluminium, powder coated, packed\",100,Item(s),"
                                      "2025-01-01T00:00:00Z,2025-02-01T00:00:00Z,A\n")
                  .ok());
  auto added = run("evidence add '" + file.string() + "' --source meter --json");
  ASSERT_EQ(added.exit_code, 0) << added.errors;
  std::string batch = nlohmann::json::parse(added.output)["batchId"];
  auto computed = run(std::string(kCompute) + " --evidence " + batch);
  EXPECT_EQ(computed.exit_code, 3) << computed.output << computed.errors;
  EXPECT_NE(computed.errors.find("'Diesel, burned' matches no exchange"), std::string::npos) << computed.errors;
}

TEST_F(EvidenceFootprint, SupplierFootprintReplacesCoatingChain) {
  std::string supplier_bundle = (home_.path() / "coating.json").string();
  auto supplier = run(
      "footprint compute --process 'Powder coating of aluminium profiles' --company-name 'Coating Co' "
      "--company-id urn:lei:COATINGCO00000000000 --created 2026-01-15T08:00:00Z --bundle '" +
      supplier_bundle + "'");
  ASSERT_EQ(supplier.exit_code, 0) << supplier.errors;
  ASSERT_EQ(run("certify '" + supplier_bundle + "' --as verifier").exit_code, 0);

  auto added = run("evidence add-footprint '" + supplier_bundle + "' --trust verifier --json");
  ASSERT_EQ(added.exit_code, 0) << added.output << added.errors;
  nlohmann::json stored = nlohmann::json::parse(added.output);
  std::string digest = stored["footprintDigest"];
  double supplier_pcf = std::stod(stored["pcfExcludingBiogenicUptake"].get<std::string>());

  auto listed = run("evidence list --json");
  EXPECT_EQ(nlohmann::json::parse(listed.output)["supplierFootprints"].size(), 1u);

  auto computed = run(std::string(kCompute) + " --supplier-footprint " + digest.substr(0, 10) + " --bundle '" +
                      bundle_ + "' --json");
  ASSERT_EQ(computed.exit_code, 0) << computed.errors;
  const nlohmann::json& parts = expected_["with_supplier_coated_profile"];
  double expected = supplier_pcf * parts["coated_profile_kg_per_frame"].get<double>() +
                    parts["rest_kg_co2e"].get<double>();
  EXPECT_NEAR(nlohmann::json::parse(computed.output)["total"].get<double>(), expected, expected * kSameDouble);

  auto verified = run("verify '" + bundle_ + "' --recompute --json");
  nlohmann::json report = nlohmann::json::parse(verified.output);
  EXPECT_EQ(report["links"][1]["result"], "PASS") << verified.output;
  EXPECT_NE(verified.output.find("supplier footprint sha256:" + digest), std::string::npos) << verified.output;
}

TEST_F(EvidenceFootprint, SupplierBundleWithUntrustedIssuerIsRejected) {
  std::string supplier_bundle = (home_.path() / "coating.json").string();
  ASSERT_EQ(run("footprint compute --process 'Powder coating of aluminium profiles' "
                "--company-id urn:lei:COATINGCO00000000000 --created 2026-01-15T08:00:00Z --bundle '" +
                supplier_bundle + "'")
                .exit_code,
            0);
  ASSERT_EQ(run("certify '" + supplier_bundle + "' --as verifier").exit_code, 0);
  auto added = run("evidence add-footprint '" + supplier_bundle + "'");
  EXPECT_EQ(added.exit_code, 6) << added.output << added.errors;
  EXPECT_NE(added.errors.find("certification link fails"), std::string::npos) << added.errors;
}

}  // namespace
}  // namespace trustpcf
