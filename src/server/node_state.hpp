#pragma once

// State shared by the route handlers of one NodeServer. Handlers run on
// cpp-httplib's worker threads; every member is safe to use from several
// threads (the pool lends one connection per thread).

#include <memory>
#include <optional>
#include <string>

#include <httplib.h>

#include "server/connection_pool.hpp"
#include "server/node_server.hpp"
#include "space/access_tokens.hpp"
#include "space/audit_log.hpp"
#include "space/event_outbox.hpp"
#include "space/node_config.hpp"
#include "tlog/http_routes.hpp"
#include "tlog/log.hpp"

namespace trustpcf::server {

struct NodeState {
  ServerOptions options;
  space::NodeConfig config;
  std::unique_ptr<space::AccessTokenIssuer> issuer;
  std::unique_ptr<ConnectionPool> pool;
  std::unique_ptr<space::AuditLog> audit;
  std::unique_ptr<space::EventOutbox> outbox;
  std::unique_ptr<httplib::SSLServer> http;
  // The node's transparency log, open while the server runs. It holds the
  // log's lock, so the owner's commands append through POST /log/add.
  std::unique_ptr<tlog::Log> log;
  std::unique_ptr<tlog::LogHttpRoutes> log_routes;
};

// The authenticated caller of an API request.
struct Caller {
  std::string partner_id;
  std::string client_id;
};

// Checks the Bearer token of `request`. On failure writes the PACT error
// (401 BadRequest for a missing or invalid token, 401 TokenExpired), audits
// the denial for `action` and returns nullopt.
std::optional<Caller> authenticate(NodeState& state, const httplib::Request& request,
                                   httplib::Response& response, const char* action);

// Returns "https://" + the request's Host header, the base of absolute URLs.
std::string base_url(const httplib::Request& request);

// Registration of each group of routes, one file each.
void register_auth_routes(NodeState& state);
void register_footprint_routes(NodeState& state);
void register_event_routes(NodeState& state);
void register_space_routes(NodeState& state);

// Opens the node's transparency log (creating its key on first use) and
// mounts its read-only routes under /log. Errors: those of tlog::Log::open.
util::Status open_node_log(NodeState& state);
void register_log_routes(NodeState& state);
// Mounts POST /log/add for the node owner (creating the admin token on
// first use). Errors: kStorage when the token cannot be written.
util::Status register_log_append_route(NodeState& state);
// Mounts POST /witness/add-checkpoint.
void register_witness_route(NodeState& state);

}  // namespace trustpcf::server
