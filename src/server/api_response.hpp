#pragma once

// Response helpers shared by the routes: PACT v3 error bodies {code, message}
// with the status the specification assigns to each code, and JSON bodies.

#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

namespace trustpcf::server {

// PACT v3 error codes. The status codes are those of the specification's
// error table and OpenAPI responses; an invalid bearer token gets
// 401 with code BadRequest, as the OpenAPI UnauthorizedResponse describes.
enum class ApiError { kBadRequest, kInvalidToken, kTokenExpired, kAccessDenied, kNotFound, kInternalError, kNotImplemented };

// Writes the error body and status for `error` with `message`.
void write_api_error(httplib::Response& response, ApiError error, const std::string& message);

// Writes `body` as application/json with `status`.
void write_json(httplib::Response& response, const nlohmann::json& body, int status = 200);

// Writes an OAuth 2.0 error response (RFC 6749 section 5.2) for /auth/token.
void write_oauth_error(httplib::Response& response, int status, const std::string& error,
                       const std::string& description);

// Returns the media type of a Content-Type value without parameters,
// lower-cased ("application/json; charset=utf-8" -> "application/json").
std::string media_type(const std::string& content_type);

}  // namespace trustpcf::server
