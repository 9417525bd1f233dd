#pragma once

// A node started in-process on an ephemeral loopback port, with its own home,
// and an HTTPS client that verifies the node's self-signed certificate.

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include "server/node_server.hpp"
#include "space/footprint_store.hpp"
#include "space/node_config.hpp"
#include "space/partners.hpp"
#include "space/usage_policies.hpp"
#include "store/database.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"
#include "util/home.hpp"

namespace trustpcf::testing {

class TestNode {
 public:
  explicit TestNode(const std::string& name, std::chrono::milliseconds outbox_backoff = std::chrono::milliseconds(100)) {
    space::InitOptions init;
    init.name = name;
    init.company_id = "urn:pact:company:" + name;
    EXPECT_TRUE(space::init_node(home(), init).ok());
    options_.home = home();
    options_.outbox_initial_backoff = outbox_backoff;
    db_ = store::Database::open(home() / util::kStoreFileName).value();
  }

  // Starts the server; call after set-up that must precede it.
  void start(int port = 0) {
    options_.port = port;
    auto created = server::NodeServer::create(options_);
    ASSERT_TRUE(created.ok()) << created.error().message();
    server_ = std::move(created).value();
    auto bound = server_->start();
    ASSERT_TRUE(bound.ok()) << bound.error().message();
    port_ = *bound;
  }
  void stop() {
    if (server_) server_->stop();
    server_.reset();
  }

  const std::filesystem::path& home() const { return dir_.path(); }
  std::filesystem::path certificate() const { return home() / space::kTlsCertificateFileName; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  store::Database& db() { return *db_; }
  server::NodeServer& server() { return *server_; }
  server::ServerOptions& options() { return options_; }

  // Trusts `other`'s certificate for outgoing calls (event delivery).
  void trust(const TestNode& other) {
    auto text = util::read_file(home() / space::kNodeConfigFileName).value();
    auto config = nlohmann::json::parse(text);
    config["outboundCaFile"] = other.certificate().string();
    ASSERT_TRUE(util::write_file_atomic(home() / space::kNodeConfigFileName, config.dump(), 0600).ok());
  }

  std::unique_ptr<httplib::SSLClient> client() const {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port_);
    client->enable_server_certificate_verification(true);
    client->set_ca_cert_path(certificate().c_str());
    return client;
  }

  // Fetches an access token with client credentials; empty on failure.
  std::string token(const space::NewPartner& partner) const {
    auto http = client();
    http->set_basic_auth(partner.partner.client_id, partner.client_secret);
    auto response = http->Post("/auth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded");
    if (!response || response->status != 200) return {};
    return nlohmann::json::parse(response->body).value("access_token", "");
  }

  httplib::Result get(const std::string& path, const std::string& token) const {
    auto http = client();
    if (!token.empty()) http->set_bearer_token_auth(token);
    return http->Get(path);
  }

 private:
  TempDir dir_;
  server::ServerOptions options_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<server::NodeServer> server_;
  int port_ = 0;
};

// Reads one PACT example footprint from the shared reference data.
inline nlohmann::json read_example(const std::filesystem::path& examples, const std::string& name) {
  return nlohmann::json::parse(util::read_file(examples / name).value());
}

}  // namespace trustpcf::testing

namespace trustpcf::testing {

// Exit status of tests/pcf/validate_pact.py when python3-jsonschema or
// python3-yaml is missing.
inline constexpr int kSchemaCheckSkipped = 77;

// Writes each response body to a file in `work` and validates the footprints
// in them against the ProductFootprint schema of the PACT v3 OpenAPI
// description with tests/pcf/validate_pact.py. Returns its exit status
// (0 valid, 1 invalid, 77 skipped) and its output.
inline std::pair<int, std::string> validate_against_openapi(const std::vector<std::string>& bodies,
                                                             const std::filesystem::path& work) {
  const std::filesystem::path spec = shared_dir() / "pact/v3/openapi.yaml";
  const std::filesystem::path script = source_dir() / "tests/pcf/validate_pact.py";
  std::string command = "python3 '" + script.string() + "' --spec '" + spec.string() + "'";
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    std::filesystem::path file = work / ("response-" + std::to_string(i) + ".json");
    EXPECT_TRUE(util::write_file_atomic(file, bodies[i]).ok());
    command += " '" + file.string() + "'";
  }
  const std::filesystem::path log = work / "validate.log";
  command += " > '" + log.string() + "' 2>&1";
  int raw = std::system(command.c_str());
  auto output = util::read_file(log);
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, output.ok() ? *output : ""};
}

}  // namespace trustpcf::testing
