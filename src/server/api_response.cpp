#include "server/api_response.hpp"

#include <algorithm>

namespace trustpcf::server {

void write_api_error(httplib::Response& response, ApiError error, const std::string& message) {
  int status = 400;
  const char* code = "BadRequest";
  switch (error) {
    case ApiError::kBadRequest: status = 400; code = "BadRequest"; break;
    case ApiError::kInvalidToken: status = 401; code = "BadRequest"; break;
    case ApiError::kTokenExpired: status = 401; code = "TokenExpired"; break;
    case ApiError::kAccessDenied: status = 403; code = "AccessDenied"; break;
    case ApiError::kNotFound: status = 404; code = "NotFound"; break;
    case ApiError::kInternalError: status = 500; code = "InternalError"; break;
    case ApiError::kNotImplemented: status = 501; code = "NotImplemented"; break;
  }
  if (error == ApiError::kInvalidToken || error == ApiError::kTokenExpired) {
    // RFC 6750 section 3: a 401 names the scheme and the error.
    response.set_header("WWW-Authenticate", std::string("Bearer error=\"invalid_token\""));
  }
  write_json(response, {{"code", code}, {"message", message}}, status);
}

void write_json(httplib::Response& response, const nlohmann::json& body, int status) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

void write_oauth_error(httplib::Response& response, int status, const std::string& error,
                       const std::string& description) {
  response.set_header("Cache-Control", "no-store");
  write_json(response, {{"error", error}, {"error_description", description}}, status);
}

std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c); }), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type;
}

}  // namespace trustpcf::server
