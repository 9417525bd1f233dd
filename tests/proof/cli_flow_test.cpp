// The trustpcf command on a proof bundle: certify, publish, verify and
// revoke, with the exit code of each failed link. The bundle is made with
// the library (footprint from the PACT examples, hand-made receipt) because
// it tests certify apart from the engine; certify runs with --no-recompute.

#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"
#include "proof/bundle.hpp"
#include "proof/receipt.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

std::filesystem::path binary() {
  return std::filesystem::path(TRUSTPCF_BINARY_DIR) / "src/cli/trustpcf";
}

CommandResult run_command(const std::string& arguments) {
  std::string command = binary().string() + " " + arguments + " 2>&1";
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class ProofCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(binary())) GTEST_SKIP() << "build the trustpcf target first";
    TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-1.json");
    auto text = util::read_file(example);
    ASSERT_TRUE(text.ok());

    home_ = dir_.path() / "home";
    crypto::KeyStore keys(home_);
    auto owner = keys.create("owner");
    ASSERT_TRUE(owner.ok());
    auto verifier = keys.create("verifier");
    ASSERT_TRUE(verifier.ok());
    verifier_did_ = crypto::did_key_of(verifier->public_key);

    Bundle bundle;
    bundle.footprint = nlohmann::json::parse(*text);
    ReceiptInputs inputs;
    inputs.background_database = std::string(64, 'a');
    inputs.characterization_method = "ipcc-ar6-gwp100";
    inputs.characterization_table = std::string(64, 'c');
    auto key = keys.load("owner");
    ASSERT_TRUE(key.ok());
    auto receipt = make_receipt(bundle.footprint, inputs, *key);
    ASSERT_TRUE(receipt.ok());
    bundle.receipt = std::move(receipt).value();
    bundle_path_ = dir_.path() / "bundle.json";
    ASSERT_TRUE(write_bundle(bundle_path_, bundle).ok());
  }

  std::string home() const { return "--home " + home_.string() + " "; }

  testing::TempDir dir_;
  std::filesystem::path home_;
  std::filesystem::path bundle_path_;
  std::string verifier_did_;
};

TEST_F(ProofCliTest, CertifyPublishVerifyPasses) {
  CommandResult certified = run_command(home() + "certify " + bundle_path_.string() + " --as verifier --no-recompute");
  ASSERT_EQ(certified.exit_code, 0) << certified.output;
  EXPECT_NE(certified.output.find("PASS  reference period"), std::string::npos) << certified.output;

  CommandResult published = run_command(home() + "publish " + bundle_path_.string() + " --as owner");
  ASSERT_EQ(published.exit_code, 0) << published.output;

  CommandResult verified = run_command(home() + "verify " + bundle_path_.string() +
                                       " --trust verifier --trust " + verifier_did_ +
                                       " --trust $(" + binary().string() + " " + home() +
                                       "log key)");
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_NE(verified.output.find("verdict: PASS"), std::string::npos) << verified.output;
}

TEST_F(ProofCliTest, UntrustedIssuerExitsWithCertificationCode) {
  ASSERT_EQ(run_command(home() + "certify " + bundle_path_.string() + " --as verifier --no-recompute").exit_code, 0);
  CommandResult verified = run_command(home() + "verify " + bundle_path_.string() + " --trust owner --json");
  EXPECT_EQ(verified.exit_code, 12) << verified.output;
  EXPECT_NE(verified.output.find("is not trusted"), std::string::npos) << verified.output;
}

TEST_F(ProofCliTest, ChangedFootprintExitsWithCalculationCode) {
  auto text = util::read_file(bundle_path_);
  ASSERT_TRUE(text.ok());
  std::string changed = *text;
  std::size_t at = changed.find("\"0.384\"");
  ASSERT_NE(at, std::string::npos);
  changed.replace(at, 7, "\"0.385\"");
  ASSERT_TRUE(util::write_file_atomic(bundle_path_, changed).ok());
  CommandResult verified = run_command(home() + "verify " + bundle_path_.string() + " --trust verifier");
  EXPECT_EQ(verified.exit_code, 11) << verified.output;
  EXPECT_NE(verified.output.find("FAIL  calculation: receipt: subject digest"), std::string::npos)
      << verified.output;
}

TEST_F(ProofCliTest, RevokedCredentialFailsWithFreshStatusList) {
  CommandResult certified =
      run_command(home() + "certify " + bundle_path_.string() + " --as verifier --no-recompute --json");
  ASSERT_EQ(certified.exit_code, 0) << certified.output;
  std::string id = nlohmann::json::parse(certified.output)["credentialId"];
  ASSERT_EQ(run_command(home() + "publish " + bundle_path_.string() + " --as owner").exit_code, 0);

  std::string status = (dir_.path() / "status.json").string();
  CommandResult revoked = run_command(home() + "certify --revoke " + id + " --out " + status);
  ASSERT_EQ(revoked.exit_code, 0) << revoked.output;
  CommandResult verified = run_command(home() + "verify " + bundle_path_.string() +
                                       " --trust verifier --status " + status);
  EXPECT_EQ(verified.exit_code, 12) << verified.output;
  EXPECT_NE(verified.output.find("is revoked"), std::string::npos) << verified.output;
}

}  // namespace
}  // namespace trustpcf::proof
