#include "server/node_server.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>

#include "server/api_response.hpp"
#include "server/node_state.hpp"
#include "server/owner_access.hpp"
#include "space/schema.hpp"
#include "util/home.hpp"

namespace trustpcf::server {

using util::ErrorCode;
using util::make_error;

util::Result<std::unique_ptr<NodeServer>> NodeServer::create(const ServerOptions& options) {
  auto state = std::make_unique<NodeState>();
  state->options = options;
  TRUSTPCF_ASSIGN_OR_RETURN(state->config, space::load_node_config(options.home));
  if (!options.tls_certificate.empty()) state->config.tls_certificate = options.tls_certificate;
  if (!options.tls_private_key.empty()) state->config.tls_private_key = options.tls_private_key;
  TRUSTPCF_ASSIGN_OR_RETURN(std::string cursor_key, space::load_token_key(options.home));
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair signing_key, space::load_or_create_node_key(options.home));
  state->issuer = std::make_unique<space::AccessTokenIssuer>(std::move(signing_key), std::move(cursor_key),
                                                             state->config.company_id);

  const std::filesystem::path store_path = options.home / util::kStoreFileName;
  {
    TRUSTPCF_ASSIGN_OR_RETURN(auto db, store::Database::open(store_path));
    TRUSTPCF_RETURN_IF_ERROR(space::ensure_space_schema(*db));
  }
  state->pool = std::make_unique<ConnectionPool>(store_path, state->config.company_id);
  TRUSTPCF_ASSIGN_OR_RETURN(state->audit, space::AuditLog::open(store_path));
  space::OutboxOptions outbox_options;
  outbox_options.initial_backoff = options.outbox_initial_backoff;
  outbox_options.ca_file = state->config.outbound_ca_file;
  TRUSTPCF_ASSIGN_OR_RETURN(state->outbox, space::EventOutbox::open(store_path, outbox_options));

  state->http = std::make_unique<httplib::SSLServer>(state->config.tls_certificate.c_str(),
                                                     state->config.tls_private_key.c_str());
  if (!state->http->is_valid()) {
    return make_error(ErrorCode::kInvalidInput,
                      "cannot load TLS certificate '{}' or private key '{}'; check both are PEM files that match",
                      state->config.tls_certificate.string(), state->config.tls_private_key.string());
  }
  httplib::SSLServer& http = *state->http;
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout.count(), 0);
  http.set_keep_alive_max_count(kKeepAliveMaxRequests);
  // A response leaves in several TLS records. With Nagle's algorithm the
  // later ones wait for the client's delayed ACK (40 ms on Linux), which
  // measured as a 48 ms floor per request on one keep-alive connection.
  http.set_tcp_nodelay(true);
  // cpp-httplib uses one worker thread per open connection, and the default pool
  // (8 threads in 0.11.4) would queue a ninth keep-alive client.
  http.new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };

  // Errors cpp-httplib raises itself (unknown route, body too large) get the
  // PACT error body too.
  http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    if (response.status == 413) {
      spdlog::warn("request rejected path={} remote={} reason=body_too_large", request.path, request.remote_addr);
      write_api_error(response, ApiError::kBadRequest, "request body is larger than this node accepts");
    } else if (response.status == 404) {
      write_api_error(response, ApiError::kNotFound, "no such route: " + request.method + " " + request.path);
    } else if (response.status == 405) {
      write_api_error(response, ApiError::kBadRequest, "method " + request.method + " is not allowed on " + request.path);
    } else if (response.status >= 400) {
      int status = response.status;
      write_api_error(response, status >= 500 ? ApiError::kInternalError : ApiError::kBadRequest,
                      "request failed with HTTP " + std::to_string(status));
      response.status = status;
    }
  });
  http.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& exception) {
      what = exception.what();
    } catch (...) {
    }
    spdlog::error("request failed path={} remote={} error={}", request.path, request.remote_addr, what);
    write_api_error(response, ApiError::kInternalError, "an internal error occurred");
  });

  register_auth_routes(*state);
  register_footprint_routes(*state);
  register_event_routes(*state);
  register_space_routes(*state);
  TRUSTPCF_RETURN_IF_ERROR(open_node_log(*state));
  register_log_routes(*state);
  TRUSTPCF_RETURN_IF_ERROR(register_log_append_route(*state));
  register_witness_route(*state);
  return std::unique_ptr<NodeServer>(new NodeServer(std::move(state)));
}

NodeServer::NodeServer(std::unique_ptr<NodeState> state) : state_(std::move(state)) {}

NodeServer::~NodeServer() { stop(); }

// Polls of 1 ms while waiting for the listen loop to start (5 s in all).
constexpr int kListenStartPolls = 5000;

util::Result<int> NodeServer::start() {
  httplib::SSLServer& http = *state_->http;
  const ServerOptions& options = state_->options;
  if (options.port == 0) {
    port_ = http.bind_to_any_port(options.host);
  } else {
    port_ = http.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (port_ <= 0) {
    return make_error(ErrorCode::kNetwork, "cannot listen on {}:{}; is the port in use?", options.host, options.port);
  }
  listener_ = std::thread([&http] { http.listen_after_bind(); });
  // httplib's stop() does nothing before the listen loop runs, so a stop()
  // right after start() would hang; wait (bounded) until the loop runs.
  for (int poll = 0; poll < kListenStartPolls && !http.is_running(); ++poll) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (options.run_outbox) state_->outbox->start();
  // Lets the owner's commands find the node while it has the log locked.
  util::Status recorded = write_serve_address(options.home, {options.host, port_, static_cast<long>(::getpid())});
  if (!recorded.ok()) spdlog::warn("cannot record the listen address error={}", recorded.error().message());
  spdlog::info("node started listen=https://{}:{} company_id={}", options.host, port_, state_->config.company_id);
  return port_;
}

void NodeServer::wait() {
  if (listener_.joinable()) listener_.join();
}

void NodeServer::stop() {
  if (stopped_) return;
  stopped_ = true;
  remove_serve_address(state_->options.home);
  state_->http->stop();
  if (listener_.joinable()) listener_.join();
  state_->outbox->stop();
  state_->audit->flush();
  spdlog::info("node stopped port={}", port_);
}

}  // namespace trustpcf::server
