// POST /auth/token (OAuth 2.0 client credentials, RFC 6749 section 4.4) and
// GET /.well-known/openid-configuration, plus the bearer-token check that
// every other API route runs first.

#include <chrono>

#include <spdlog/spdlog.h>

#include "server/api_response.hpp"
#include "server/node_state.hpp"
#include "space/partners.hpp"
#include "space/secrets.hpp"

namespace trustpcf::server {

namespace {

// Path of the node's JWKS (RFC 7517 section 5), named by jwks_uri.
constexpr const char* kJwksPath = "/.well-known/jwks.json";

// Decodes "Basic base64(id:secret)"; false when malformed.
bool parse_basic_auth(const std::string& header, std::string& client_id, std::string& client_secret) {
  constexpr std::string_view kPrefix = "Basic ";
  if (header.size() <= kPrefix.size() || header.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  std::string decoded;
  // Basic credentials use standard base64 with padding; map it to base64url.
  std::string text = header.substr(kPrefix.size());
  while (!text.empty() && text.back() == '=') text.pop_back();
  for (char& c : text) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  util::Result<std::string> bytes = space::base64url_decode(text);
  if (!bytes.ok()) return false;
  std::size_t colon = bytes->find(':');
  if (colon == std::string::npos) return false;
  // RFC 6749 section 2.3.1: the id and secret are form-urlencoded first.
  client_id = httplib::detail::decode_url(bytes->substr(0, colon), true);
  client_secret = httplib::detail::decode_url(bytes->substr(colon + 1), true);
  return true;
}

void handle_token(NodeState& state, const httplib::Request& request, httplib::Response& response) {
  if (media_type(request.get_header_value("Content-Type")) != "application/x-www-form-urlencoded") {
    write_oauth_error(response, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
    return;
  }
  httplib::Params form;
  httplib::detail::parse_query_text(request.body, form);
  auto grant = form.find("grant_type");
  if (grant == form.end()) {
    write_oauth_error(response, 400, "invalid_request", "grant_type is missing");
    return;
  }
  if (grant->second != "client_credentials") {
    write_oauth_error(response, 400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    return;
  }
  std::string client_id;
  std::string client_secret;
  if (!parse_basic_auth(request.get_header_value("Authorization"), client_id, client_secret)) {
    spdlog::warn("token request rejected remote={} reason=no_basic_credentials", request.remote_addr);
    write_oauth_error(response, 400, "invalid_client", "authentication failed: HTTP Basic credentials are required");
    return;
  }

  util::Result<ConnectionPool::Lease> db = state.pool->acquire();
  if (!db.ok()) {
    spdlog::error("token request failed error={}", db.error().message());
    write_oauth_error(response, 500, "server_error", "the store is unavailable");
    return;
  }
  util::Result<std::optional<space::Partner>> partner = space::authenticate_partner(**db, client_id, client_secret);
  if (!partner.ok()) {
    spdlog::error("token request failed client_id={} error={}", client_id, partner.error().message());
    write_oauth_error(response, 500, "server_error", "the store is unavailable");
    return;
  }
  if (!partner->has_value()) {
    spdlog::warn("token request rejected remote={} client_id={} reason=invalid_client", request.remote_addr, client_id);
    state.audit->append({0, "", "", "token", client_id, "deny", "", "invalid client credentials"});
    write_oauth_error(response, 400, "invalid_client", "authentication failed");
    return;
  }

  const space::Partner& caller = **partner;
  std::string token = state.issuer->issue(caller.id, caller.client_id, std::chrono::system_clock::now());
  state.audit->append({0, "", caller.id, "token", caller.client_id, "allow", "", "access token issued"});
  spdlog::info("access token issued partner_id={} client_id={}", caller.id, caller.client_id);
  response.set_header("Cache-Control", "no-store");
  write_json(response, {{"access_token", token},
                        {"token_type", "bearer"},
                        {"expires_in", space::kAccessTokenLifetime.count()}});
}

}  // namespace

std::string base_url(const httplib::Request& request) {
  return "https://" + request.get_header_value("Host");
}

std::optional<Caller> authenticate(NodeState& state, const httplib::Request& request, httplib::Response& response,
                                   const char* action) {
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kPrefix = "Bearer ";
  std::string token;
  if (header.size() > kPrefix.size() && header.compare(0, kPrefix.size(), kPrefix) == 0) {
    token = header.substr(kPrefix.size());
  }
  space::TokenVerdict verdict = state.issuer->verify(token, std::chrono::system_clock::now());
  if (verdict.check == space::TokenCheck::kValid) return Caller{verdict.claims.partner_id, verdict.claims.client_id};

  if (verdict.check == space::TokenCheck::kExpired) {
    spdlog::info("request rejected path={} partner_id={} reason=token_expired", request.path, verdict.claims.partner_id);
    state.audit->append({0, "", verdict.claims.partner_id, action, request.path, "deny", "", "access token expired"});
    write_api_error(response, ApiError::kTokenExpired, "the access token has expired; request a new one at /auth/token");
    return std::nullopt;
  }
  spdlog::info("request rejected path={} remote={} reason=invalid_token", request.path, request.remote_addr);
  state.audit->append({0, "", "", action, request.path, "deny", "", token.empty() ? "no bearer token" : "invalid access token"});
  write_api_error(response, ApiError::kInvalidToken,
                  token.empty() ? "a bearer access token is required (Authorization: Bearer ...)"
                                : "the access token is invalid");
  return std::nullopt;
}

void register_auth_routes(NodeState& state) {
  state.http->Post("/auth/token", [&state](const httplib::Request& request, httplib::Response& response) {
    handle_token(state, request, response);
  });
  state.http->Get("/.well-known/openid-configuration", [](const httplib::Request& request, httplib::Response& response) {
    const std::string base = base_url(request);
    write_json(response, {{"issuer", base},
                          {"token_endpoint", base + "/auth/token"},
                          {"jwks_uri", base + kJwksPath},
                          {"grant_types_supported", {"client_credentials"}},
                          {"token_endpoint_auth_methods_supported", {"client_secret_basic"}},
                          {"response_types_supported", {"token"}}});
  });
  // The node's public key, so that partners can check its access tokens.
  state.http->Get(kJwksPath, [&state](const httplib::Request&, httplib::Response& response) {
    response.set_header("Cache-Control", "max-age=3600");
    response.status = 200;
    response.set_content(state.issuer->jwks().dump(), "application/jwk-set+json");
  });
}

}  // namespace trustpcf::server
