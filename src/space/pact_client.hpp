#pragma once

// A minimal PACT v3 client for delivering events to a partner's node:
// OpenID discovery of the token endpoint, the client-credentials grant and
// POST /3/events, over HTTPS with certificate verification.

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

// Sends `event` to `events_url`: discovers the token endpoint at the URL's
// origin (/.well-known/openid-configuration, else /auth/token), fetches an
// access token with `credentials` and posts the event as
// application/cloudevents+json. `ca_file` lists the trusted certificates
// (empty: the system store). Errors: kNetwork naming the URL and the status
// or transport error; kDenied when the token request is refused.
util::Status post_event(const std::string& events_url, const ClientCredentials& credentials,
                        const nlohmann::json& event, const std::filesystem::path& ca_file);

}  // namespace trustpcf::space
