// `trustpcf init` (node identity and TLS certificate) and `trustpcf serve`
// (the HTTPS node).

#include <csignal>
#include <iostream>

#include <nlohmann/json.hpp>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include "cli/context.hpp"
#include "server/node_server.hpp"
#include "tlog/log_access.hpp"
#include "server/node_state.hpp"
#include "space/audit_digests.hpp"
#include "space/node_config.hpp"
#include "util/home.hpp"

namespace trustpcf::cli {

namespace {

struct InitArguments {
  space::InitOptions init;
  bool json = false;
};

struct ServeArguments {
  std::string listen;
  std::string tls_certificate;
  std::string tls_private_key;
  int audit_digest_minutes = static_cast<int>(space::kDefaultAuditDigestInterval.count());
};

// Publishes the audit digest through the log the running node holds, on its
// own store connection; failures are logged and retried at the next period.
void publish_digest_logged(server::NodeServer& node, const std::filesystem::path& home) {
  server::NodeState& state = node.state();
  state.audit->flush();
  util::Result<std::unique_ptr<store::Database>> db = store::Database::open(home / util::kStoreFileName);
  tlog::LocalLogAccess log(*state.log);
  util::Result<std::optional<space::PublishedAuditDigest>> published =
      db.ok() ? space::publish_audit_digest(log, **db, state.config.company_id, util::Clock::now())
              : util::Result<std::optional<space::PublishedAuditDigest>>(db.error());
  if (!published.ok()) spdlog::error("audit digest not published error={}", published.error().message());
}

util::Status run_init(Context& context, const InitArguments& arguments) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  TRUSTPCF_ASSIGN_OR_RETURN(space::NodeConfig config, space::init_node(home, arguments.init));
  if (arguments.json) {
    std::cout << nlohmann::json{{"home", home.string()},
                                {"name", config.name},
                                {"companyId", config.company_id},
                                {"tlsCertificate", config.tls_certificate.string()},
                                {"tlsPrivateKey", config.tls_private_key.string()}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "node '" << config.name << "' (" << config.company_id << ") initialised in " << home.string() << "\n"
              << "TLS certificate: " << config.tls_certificate.string() << "\n";
  }
  return {};
}

// Splits "HOST:PORT" or "[IPv6]:PORT". Errors: kUsage.
util::Status parse_listen(const std::string& text, server::ServerOptions& options) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return util::make_error(util::ErrorCode::kUsage, "--listen '{}' is not HOST:PORT", text);
  }
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  char* end = nullptr;
  long port = std::strtol(text.c_str() + colon + 1, &end, 10);
  if (*end != '\0' || port < 0 || port > 65535 || host.empty()) {
    return util::make_error(util::ErrorCode::kUsage, "--listen '{}' is not HOST:PORT with a port 0-65535", text);
  }
  options.host = host;
  options.port = static_cast<int>(port);
  return {};
}

util::Status run_serve(Context& context, const ServeArguments& arguments) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  server::ServerOptions options;
  options.home = home;
  options.host = space::kDefaultListenHost;
  options.port = space::kDefaultListenPort;
  if (!arguments.listen.empty()) TRUSTPCF_RETURN_IF_ERROR(parse_listen(arguments.listen, options));
  options.tls_certificate = arguments.tls_certificate;
  options.tls_private_key = arguments.tls_private_key;

  // SIGINT and SIGTERM are blocked before any server thread starts, so that
  // only this thread receives them, through sigwait.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  TRUSTPCF_ASSIGN_OR_RETURN(auto node, server::NodeServer::create(options));
  TRUSTPCF_ASSIGN_OR_RETURN(int port, node->start());
  std::cerr << "serving https://" << options.host << ":" << port << " (Ctrl-C stops)\n";
  std::unique_ptr<space::PeriodicTask> digests;
  if (arguments.audit_digest_minutes > 0) {
    digests = std::make_unique<space::PeriodicTask>(std::chrono::minutes(arguments.audit_digest_minutes),
                                                    [&node, &home] { publish_digest_logged(*node, home); });
  }

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("stop requested signal={}", received);
  if (digests) digests->stop();
  node->stop();
  // The records of the last period, so that a stop leaves none undigested.
  publish_digest_logged(*node, home);
  return {};
}

}  // namespace

void add_serve_commands(CLI::App& app, Context& context) {
  auto init_arguments = std::make_shared<InitArguments>();
  CLI::App* init = app.add_subcommand("init", "Create the node: identity, access-token key and TLS certificate");
  init->add_option("--name", init_arguments->init.name, "Company name of the data owner")->required();
  init->add_option("--company-id", init_arguments->init.company_id, "Company id URN, e.g. urn:pact:company:acme")
      ->required();
  init->add_option("--tls-cert", init_arguments->init.tls_certificate,
                   "PEM certificate to serve in place of a new self-signed one");
  init->add_option("--tls-key", init_arguments->init.tls_private_key, "PEM private key of --tls-cert");
  init->add_flag("--force", init_arguments->init.force, "Replace an existing node's configuration and keys");
  init->add_flag("--json", init_arguments->json, "Print the result as JSON");
  init->callback(run(context, [&context, init_arguments] { return run_init(context, *init_arguments); }));

  auto serve_arguments = std::make_shared<ServeArguments>();
  CLI::App* serve = app.add_subcommand("serve", "Serve the PACT v3 API and data-space routes over HTTPS");
  serve->add_option("--listen", serve_arguments->listen,
                    "Address HOST:PORT to listen on (default 127.0.0.1:8443, loopback only)");
  serve->add_option("--tls-cert", serve_arguments->tls_certificate, "PEM certificate overriding node.json");
  serve->add_option("--tls-key", serve_arguments->tls_private_key, "PEM private key overriding node.json");
  serve->add_option("--audit-digest-interval", serve_arguments->audit_digest_minutes,
                    "Minutes between audit digests appended to the transparency log; 0 publishes only at stop")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  serve->callback(run(context, [&context, serve_arguments] { return run_serve(context, *serve_arguments); }));
}

}  // namespace trustpcf::cli
