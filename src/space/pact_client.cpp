#include "space/pact_client.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "space/partners.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// Per-call limits, so that a slow partner cannot stall the outbox for long.
constexpr time_t kConnectTimeoutSeconds = 5;
constexpr time_t kReadTimeoutSeconds = 10;

std::unique_ptr<httplib::SSLClient> make_client(const HttpsUrl& url, const std::filesystem::path& ca_file) {
  auto client = std::make_unique<httplib::SSLClient>(url.host, url.port);
  client->enable_server_certificate_verification(true);
  if (!ca_file.empty()) client->set_ca_cert_path(ca_file.c_str());
  client->set_connection_timeout(kConnectTimeoutSeconds, 0);
  client->set_read_timeout(kReadTimeoutSeconds, 0);
  return client;
}

std::string describe(const httplib::Result& result) {
  if (!result) return "transport error: " + httplib::to_string(result.error());
  return "HTTP " + std::to_string(result->status);
}

}  // namespace

util::Result<HttpsUrl> parse_https_url(const std::string& url) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string origin, https_origin(url));
  HttpsUrl parsed;
  std::string authority = origin.substr(std::string("https://").size());
  std::size_t path_start = std::string("https://").size() + authority.size();
  parsed.path = path_start < url.size() ? url.substr(path_start) : "/";
  if (parsed.path.empty() || parsed.path[0] != '/') parsed.path = "/" + parsed.path;
  if (!authority.empty() && authority[0] == '[') {  // [IPv6]:port
    std::size_t close = authority.find(']');
    parsed.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') parsed.port = std::atoi(authority.c_str() + close + 2);
  } else {
    std::size_t colon = authority.rfind(':');
    parsed.host = authority.substr(0, colon);
    if (colon != std::string::npos) parsed.port = std::atoi(authority.c_str() + colon + 1);
  }
  if (parsed.host.empty() || parsed.port <= 0 || parsed.port > 65535) {
    return make_error(ErrorCode::kInvalidInput, "'{}' has no valid host and port", url);
  }
  return parsed;
}

util::Result<std::string> fetch_access_token(const std::string& url, const ClientCredentials& credentials,
                                             const std::filesystem::path& ca_file) {
  TRUSTPCF_ASSIGN_OR_RETURN(HttpsUrl target, parse_https_url(url));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string origin, https_origin(url));
  auto client = make_client(target, ca_file);

  std::string token_endpoint = origin + "/auth/token";
  httplib::Result discovery = client->Get("/.well-known/openid-configuration");
  if (discovery && discovery->status == 200) {
    nlohmann::json document = nlohmann::json::parse(discovery->body, nullptr, false);
    if (document.is_object() && document.contains("token_endpoint") && document["token_endpoint"].is_string()) {
      token_endpoint = document["token_endpoint"].get<std::string>();
    }
  } else if (!discovery) {
    return make_error(ErrorCode::kNetwork, "cannot reach {}: {}", origin, describe(discovery));
  }

  TRUSTPCF_ASSIGN_OR_RETURN(HttpsUrl token_url, parse_https_url(token_endpoint));
  auto token_client = make_client(token_url, ca_file);
  token_client->set_basic_auth(credentials.client_id, credentials.client_secret);
  httplib::Result token_response = token_client->Post(token_url.path, "grant_type=client_credentials",
                                                      "application/x-www-form-urlencoded");
  if (!token_response) {
    return make_error(ErrorCode::kNetwork, "token request to {} failed: {}", token_endpoint, describe(token_response));
  }
  if (token_response->status != 200) {
    return make_error(ErrorCode::kDenied, "token request to {} was rejected with {}; check the partner's client credentials", token_endpoint,
                      describe(token_response));
  }
  nlohmann::json token = nlohmann::json::parse(token_response->body, nullptr, false);
  if (!token.is_object() || !token.contains("access_token") || !token["access_token"].is_string()) {
    return make_error(ErrorCode::kNetwork, "token response of {} has no access_token", token_endpoint);
  }
  return token["access_token"].get<std::string>();
}

util::Result<HttpsResponse> https_get(const std::string& url, const std::string& access_token,
                                      const std::filesystem::path& ca_file) {
  TRUSTPCF_ASSIGN_OR_RETURN(HttpsUrl target, parse_https_url(url));
  auto client = make_client(target, ca_file);
  if (!access_token.empty()) client->set_bearer_token_auth(access_token);
  httplib::Result result = client->Get(target.path);
  if (!result) return make_error(ErrorCode::kNetwork, "GET {} failed: {}", url, describe(result));
  HttpsResponse response;
  response.status = result->status;
  response.body = result->body;
  response.link = result->get_header_value("Link");
  return response;
}

util::Status post_event(const std::string& events_url, const ClientCredentials& credentials,
                        const nlohmann::json& event, const std::filesystem::path& ca_file) {
  TRUSTPCF_ASSIGN_OR_RETURN(HttpsUrl target, parse_https_url(events_url));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string access_token, fetch_access_token(events_url, credentials, ca_file));

  auto client = make_client(target, ca_file);
  client->set_bearer_token_auth(access_token);
  httplib::Result delivery = client->Post(target.path, event.dump(), "application/cloudevents+json");
  if (!delivery || delivery->status < 200 || delivery->status >= 300) {
    return make_error(ErrorCode::kNetwork, "posting event {} to {} failed: {}", event.value("id", ""), events_url,
                      describe(delivery));
  }
  return {};
}

}  // namespace trustpcf::space
