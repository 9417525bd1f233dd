// The owner's write path into the running node's transparency log:
// POST /log/add with the entry's bytes as the body and the node's admin
// token (owner_access.hpp) as Bearer token. It returns {"index": N} once
// the entry, its tiles and the new tree size are durable. Concurrent
// requests run on separate worker threads and share the log's batches, so
// they share its fsyncs.

#include <spdlog/spdlog.h>

#include "server/node_state.hpp"
#include "server/owner_access.hpp"
#include "space/secrets.hpp"

namespace trustpcf::server {

namespace {

constexpr const char* kTextType = "text/plain; charset=utf-8";

void reject(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  response.set_content(message + "\n", kTextType);
}

}  // namespace

util::Status register_log_append_route(NodeState& state) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string token, load_or_create_admin_token(state.options.home));

  state.http->Post("/log/add", [&state, token](const httplib::Request& request, httplib::Response& response) {
    const std::string authorization = request.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (authorization.rfind(prefix, 0) != 0) {
      spdlog::warn("log append rejected remote={} reason=no_token", request.remote_addr);
      response.set_header("WWW-Authenticate", "Bearer");
      reject(response, 401, "appending to the log needs the node's admin token as Bearer token");
      return;
    }
    if (!space::constant_time_equal(authorization.substr(prefix.size()), token)) {
      spdlog::warn("log append rejected remote={} reason=wrong_token", request.remote_addr);
      reject(response, 403, "the Bearer token is not this node's admin token");
      return;
    }
    if (request.body.size() > tlog::kMaxEntrySize) {
      reject(response, 413,
             fmt::format("log entry of {} bytes is larger than the {} bytes an entry can hold",
                         request.body.size(), tlog::kMaxEntrySize));
      return;
    }

    tlog::HttpResponse answer = state.log_routes->handle("POST", "/add", request.body);
    response.status = answer.status;
    for (const auto& [name, value] : answer.headers) response.set_header(name, value);
    response.set_content(answer.body, answer.content_type);
    if (answer.status >= 500) spdlog::error("log append failed error={}", answer.body);
  });
  return {};
}

}  // namespace trustpcf::server
