#pragma once

// A minimal PACT v3 client: OpenID discovery of the token endpoint, the
// client-credentials grant and POST /3/events, over HTTPS with certificate
// verification. Footprint lists are fetched by supplier_request.hpp.

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace trustpcf::space {

struct HttpsUrl {
  std::string host;
  int port = 443;
  std::string path;  // starts with '/'
};

// Splits an absolute https URL. Errors: kInvalidInput.
util::Result<HttpsUrl> parse_https_url(const std::string& url);

struct ClientCredentials {
  std::string client_id;
  std::string client_secret;
};

// Discovers the token endpoint at the origin of `url`
// (/.well-known/openid-configuration, else /auth/token) and returns an
// access token for `credentials` (client credentials, HTTP Basic).
// `ca_file` lists the trusted certificates (empty: the system store).
// Errors: kNetwork naming the endpoint and the status or transport error;
// kDenied when the token endpoint rejects the credentials.
util::Result<std::string> fetch_access_token(const std::string& url, const ClientCredentials& credentials,
                                             const std::filesystem::path& ca_file);

// The parts of an HTTPS response that PACT clients read.
struct HttpsResponse {
  int status = 0;
  std::string body;
  std::string link;  // the Link header, empty when absent
};

// Sends GET `url` with the bearer `access_token` over HTTPS, verifying the
// server's certificate against `ca_file` (empty: the system store).
// Errors: kInvalidInput for a URL that is not https; kNetwork naming the
// URL and the transport error. Any HTTP status is returned, not an error.
util::Result<HttpsResponse> https_get(const std::string& url, const std::string& access_token,
                                      const std::filesystem::path& ca_file);

// Sends `event` to `events_url`: discovers the token endpoint at the URL's
// origin (/.well-known/openid-configuration, else /auth/token), fetches an
// access token with `credentials` and posts the event as
// application/cloudevents+json. `ca_file` lists the trusted certificates
// (empty: the system store). Errors: kNetwork naming the URL and the status
// or transport error; kDenied when the token request is refused.
util::Status post_event(const std::string& events_url, const ClientCredentials& credentials,
                        const nlohmann::json& event, const std::filesystem::path& ca_file);

}  // namespace trustpcf::space
