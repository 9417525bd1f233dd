// `trustpcf supplier add` and `trustpcf request` against a supplier node
// that the test runs as a `trustpcf serve` child process on loopback: the
// supplier computes, certifies and publishes a footprint of the bundled
// sample with the command line, and the buyer requests it.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

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
constexpr auto kServeStartTimeout = std::chrono::seconds(20);

// `trustpcf serve` on a free loopback port, stopped with SIGTERM.
class ServeProcess {
 public:
  ServeProcess(const std::filesystem::path& home) {
    const std::filesystem::path errors = home / ".serve-stderr";
    pid_ = ::fork();
    if (pid_ == 0) {
      FILE* redirected = std::freopen(errors.c_str(), "w", stderr);
      (void)redirected;
      ::execl(TRUSTPCF_BINARY, TRUSTPCF_BINARY, "--home", home.c_str(), "serve", "--listen", "127.0.0.1:0",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // The command prints "serving https://127.0.0.1:PORT" once it listens.
    auto deadline = std::chrono::steady_clock::now() + kServeStartTimeout;
    std::regex serving("serving (https://127\\.0\\.0\\.1:[0-9]+)");
    while (url_.empty() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      auto text = util::read_file(errors);
      std::smatch match;
      if (text.ok() && std::regex_search(*text, match, serving)) url_ = match[1].str();
    }
  }
  ~ServeProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }

  const std::string& url() const { return url_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
};

class RequestCommand : public ::testing::Test {
 protected:
  // The supplier computes, certifies, publishes and offers its footprint
  // once; every test starts from a copy of that home.
  static void SetUpTestSuite() {
    template_home_ = new TempDir();
    auto run = [](const std::string& arguments) { return run_trustpcf(template_home_->path(), arguments); };
    ASSERT_EQ(run("init --name 'Aluminium Supplier' --company-id urn:trustpcf:example:supplier").exit_code, 0);
    ASSERT_EQ(run("-q db import '" + kSample + "'").exit_code, 0);
    ASSERT_EQ(run("keys new verifier").exit_code, 0);
    const std::string bundle = (template_home_->path() / "bundle.json").string();
    auto computed = run("footprint compute --process 'Powder coating of aluminium profiles' --bundle '" + bundle + "'");
    ASSERT_EQ(computed.exit_code, 0) << computed.errors;
    ASSERT_EQ(run("certify '" + bundle + "' --as verifier").exit_code, 0);
    ASSERT_EQ(run("publish '" + bundle + "' --as node").exit_code, 0);
    auto imported = run("footprint import '" + bundle + "' --own --json");
    ASSERT_EQ(imported.exit_code, 0) << imported.errors;

    auto footprint = nlohmann::json::parse(util::read_file(bundle).value());
    product_ = footprint["productIds"][0].get<std::string>();
    verifier_did_ = nlohmann::json::parse(run("keys show verifier --json").output)["did"].get<std::string>();
    log_key_ = run("log key").output;
    while (!log_key_.empty() && log_key_.back() == '\n') log_key_.pop_back();
  }
  static void TearDownTestSuite() {
    delete template_home_;
    template_home_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(template_home_, nullptr);
    ASSERT_FALSE(product_.empty()) << "the supplier's set-up failed";
    std::filesystem::copy(template_home_->path(), supplier_home_.path(),
                          std::filesystem::copy_options::recursive | std::filesystem::copy_options::overwrite_existing);
    ASSERT_EQ(buyer("init --name 'Window Maker' --company-id urn:trustpcf:example:window-maker").exit_code, 0);
  }

  testing::CommandResult supplier(const std::string& arguments) {
    return run_trustpcf(supplier_home_.path(), arguments);
  }
  testing::CommandResult buyer(const std::string& arguments) { return run_trustpcf(buyer_home_.path(), arguments); }

  // Issues credentials at the supplier and registers them at the buyer
  // under `name`, with `secret` in place of the issued one when given.
  void register_supplier(const std::string& url, const std::string& name, const std::string& secret = "") {
    auto added = supplier("partner add " + name + " --url https://127.0.0.1:1 --json");
    ASSERT_EQ(added.exit_code, 0) << added.errors;
    auto partner = nlohmann::json::parse(added.output);
    const std::filesystem::path secret_file = buyer_home_.path() / (name + ".secret");
    std::string issued = partner["clientSecret"].get<std::string>();
    ASSERT_TRUE(util::write_file_atomic(secret_file, (secret.empty() ? issued : secret) + "\n", 0600).ok());
    auto registered = buyer("supplier add " + name + " --url " + url + " --client-id " +
                            partner["clientId"].get<std::string>() + " --client-secret-file '" +
                            secret_file.string() + "' --ca '" +
                            (supplier_home_.path() / "tls/certificate.pem").string() + "'");
    ASSERT_EQ(registered.exit_code, 0) << registered.errors;
  }

  static std::string trust() { return " --trust " + verifier_did_ + " --trust '" + log_key_ + "'"; }

  static TempDir* template_home_;
  static std::string product_;
  static std::string verifier_did_;
  static std::string log_key_;
  TempDir supplier_home_;
  TempDir buyer_home_;
};

TempDir* RequestCommand::template_home_ = nullptr;
std::string RequestCommand::product_;
std::string RequestCommand::verifier_did_;
std::string RequestCommand::log_key_;

TEST_F(RequestCommand, GrantedBuyerStoresVerifiedFootprint) {
  ServeProcess node(supplier_home_.path());
  ASSERT_FALSE(node.url().empty()) << "trustpcf serve did not start";
  register_supplier(node.url(), "alu");
  ASSERT_EQ(supplier("policy grant alu --product " + product_ + " --purpose 'PCF calculation'").exit_code, 0);

  auto requested = buyer("request --from alu --product " + product_ + trust());
  EXPECT_EQ(requested.exit_code, 0) << requested.output << requested.errors;
  for (const char* link :
       {"PASS  original data\n", "PASS  calculation\n", "PASS  certification\n", "PASS  disclosure\n"}) {
    EXPECT_NE(requested.output.find(link), std::string::npos) << link << "\n" << requested.output;
  }
  EXPECT_NE(requested.output.find("stored as evidence"), std::string::npos) << requested.output;
}

TEST_F(RequestCommand, RequestByUrlPrintsJson) {
  ServeProcess node(supplier_home_.path());
  ASSERT_FALSE(node.url().empty()) << "trustpcf serve did not start";
  register_supplier(node.url(), "alu");
  ASSERT_EQ(supplier("policy grant alu --product " + product_ + " --purpose 'PCF calculation'").exit_code, 0);

  auto requested = buyer("request --from " + node.url() + " --product " + product_ + trust() + " --json");
  ASSERT_EQ(requested.exit_code, 0) << requested.output << requested.errors;
  auto output = nlohmann::json::parse(requested.output);
  EXPECT_EQ(output["supplier"], "alu");
  ASSERT_EQ(output["footprints"].size(), 1u);
  EXPECT_EQ(output["footprints"][0]["outcome"], "stored");
  EXPECT_EQ(output["footprints"][0]["verification"]["verdict"], "PASS");
}

TEST_F(RequestCommand, UntrustedIssuerFailsVerification) {
  ServeProcess node(supplier_home_.path());
  ASSERT_FALSE(node.url().empty()) << "trustpcf serve did not start";
  register_supplier(node.url(), "alu");
  ASSERT_EQ(supplier("policy grant alu --product " + product_ + " --purpose 'PCF calculation'").exit_code, 0);

  auto requested = buyer("request --from alu --product " + product_ + " --trust '" + log_key_ + "'");
  EXPECT_EQ(requested.exit_code, 6) << requested.output << requested.errors;
  EXPECT_NE(requested.output.find("FAIL  certification"), std::string::npos) << requested.output;
}

TEST_F(RequestCommand, BuyerWithoutPolicyGetsNotFound) {
  ServeProcess node(supplier_home_.path());
  ASSERT_FALSE(node.url().empty()) << "trustpcf serve did not start";
  register_supplier(node.url(), "alu");

  auto requested = buyer("request --from alu --product " + product_ + trust());
  EXPECT_EQ(requested.exit_code, 4) << requested.output << requested.errors;
}

TEST_F(RequestCommand, WrongSecretIsDenied) {
  ServeProcess node(supplier_home_.path());
  ASSERT_FALSE(node.url().empty()) << "trustpcf serve did not start";
  register_supplier(node.url(), "alu", "not-the-issued-secret");
  ASSERT_EQ(supplier("policy grant alu --product " + product_ + " --purpose 'PCF calculation'").exit_code, 0);

  auto requested = buyer("request --from alu --product " + product_ + trust());
  EXPECT_EQ(requested.exit_code, 9) << requested.output << requested.errors;
}

TEST_F(RequestCommand, UnknownSupplierIsNotFound) {
  auto requested = buyer("request --from nobody --product " + product_);
  EXPECT_EQ(requested.exit_code, 4) << requested.errors;
  EXPECT_NE(requested.errors.find("supplier add"), std::string::npos) << requested.errors;
}

TEST_F(RequestCommand, SupplierListHidesSecret) {
  register_supplier("https://127.0.0.1:1", "alu");
  auto listed = buyer("supplier list --json");
  ASSERT_EQ(listed.exit_code, 0) << listed.errors;
  auto output = nlohmann::json::parse(listed.output);
  ASSERT_EQ(output["suppliers"].size(), 1u);
  EXPECT_FALSE(output["suppliers"][0].contains("clientSecret"));
  EXPECT_EQ(output["suppliers"][0]["name"], "alu");
}

}  // namespace
}  // namespace trustpcf

namespace trustpcf {
namespace {

TEST_F(RequestCommand, AsyncWithoutCallbackIsUsageError) {
  register_supplier("https://127.0.0.1:1", "alu");
  auto requested = buyer("request --from alu --product " + product_ + " --async");
  EXPECT_EQ(requested.exit_code, 2) << requested.errors;
}

TEST_F(RequestCommand, AsyncResponseArrivesAtBuyerNode) {
  // The buyer's node issues credentials to the supplier for the response event.
  auto issued = buyer("partner add alu --url https://127.0.0.1:1 --json");
  ASSERT_EQ(issued.exit_code, 0) << issued.errors;
  auto supplier_at_buyer = nlohmann::json::parse(issued.output);
  ServeProcess buyer_node(buyer_home_.path());
  ASSERT_FALSE(buyer_node.url().empty()) << "the buyer's trustpcf serve did not start";

  // The supplier registers the buyer's node with those credentials and
  // trusts its certificate for outgoing events.
  auto added = supplier("partner add window-maker --url " + buyer_node.url() + " --remote-client-id " +
                        supplier_at_buyer["clientId"].get<std::string>() + " --remote-client-secret " +
                        supplier_at_buyer["clientSecret"].get<std::string>() + " --json");
  ASSERT_EQ(added.exit_code, 0) << added.errors;
  auto buyer_at_supplier = nlohmann::json::parse(added.output);
  ASSERT_EQ(supplier("policy grant window-maker --product " + product_ + " --purpose 'PCF calculation'").exit_code, 0);
  const std::filesystem::path config_file = supplier_home_.path() / "node.json";
  auto config = nlohmann::json::parse(util::read_file(config_file).value());
  config["outboundCaFile"] = (buyer_home_.path() / "tls/certificate.pem").string();
  ASSERT_TRUE(util::write_file_atomic(config_file, config.dump(), 0600).ok());
  ServeProcess supplier_node(supplier_home_.path());
  ASSERT_FALSE(supplier_node.url().empty()) << "the supplier's trustpcf serve did not start";

  const std::filesystem::path secret_file = buyer_home_.path() / "alu.secret";
  ASSERT_TRUE(util::write_file_atomic(secret_file, buyer_at_supplier["clientSecret"].get<std::string>(), 0600).ok());
  auto registered = buyer("supplier add alu --url " + supplier_node.url() + " --client-id " +
                          buyer_at_supplier["clientId"].get<std::string>() + " --client-secret-file '" +
                          secret_file.string() + "' --ca '" +
                          (supplier_home_.path() / "tls/certificate.pem").string() + "'");
  ASSERT_EQ(registered.exit_code, 0) << registered.errors;

  auto requested = buyer("request --from alu --product " + product_ + trust() + " --async --callback " +
                         buyer_node.url() + " --timeout 30");
  EXPECT_EQ(requested.exit_code, 0) << requested.output << requested.errors;
  EXPECT_NE(requested.output.find("stored as evidence"), std::string::npos) << requested.output;
}

}  // namespace
}  // namespace trustpcf
