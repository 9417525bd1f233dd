#include "space/access_tokens.hpp"

#include <nlohmann/json.hpp>

#include "space/secrets.hpp"

namespace trustpcf::space {

namespace {

const std::string& jwt_header() {
  static const std::string header = base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  return header;
}

std::int64_t unix_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

}  // namespace

AccessTokenIssuer::AccessTokenIssuer(std::string key, std::string issuer)
    : key_(std::move(key)), issuer_(std::move(issuer)) {}

std::string AccessTokenIssuer::issue(const std::string& partner_id, const std::string& client_id,
                                     std::chrono::system_clock::time_point now,
                                     std::chrono::seconds lifetime) const {
  nlohmann::json claims = {
      {"iss", issuer_},
      {"sub", partner_id},
      {"client_id", client_id},
      {"iat", unix_seconds(now)},
      {"exp", unix_seconds(now + lifetime)},
      {"jti", random_uuid()},
  };
  std::string signing_input = jwt_header() + "." + base64url_encode(claims.dump());
  return signing_input + "." + base64url_encode(hmac_sha256(key_, signing_input));
}

TokenVerdict AccessTokenIssuer::verify(const std::string& token,
                                       std::chrono::system_clock::time_point now) const {
  TokenVerdict verdict;
  std::size_t first = token.find('.');
  std::size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) return verdict;

  // The header is compared byte for byte with the one this node writes, so
  // "alg":"none" and algorithm confusion cannot pass.
  if (token.compare(0, first, jwt_header()) != 0) return verdict;
  std::string signing_input = token.substr(0, second);
  util::Result<std::string> signature = base64url_decode(std::string_view(token).substr(second + 1));
  if (!signature.ok() || !constant_time_equal(*signature, hmac_sha256(key_, signing_input))) {
    return verdict;
  }

  util::Result<std::string> payload =
      base64url_decode(std::string_view(token).substr(first + 1, second - first - 1));
  if (!payload.ok()) return verdict;
  nlohmann::json claims = nlohmann::json::parse(*payload, nullptr, false);
  if (!claims.is_object() || claims.value("iss", "") != issuer_ || !claims["exp"].is_number_integer() ||
      !claims["sub"].is_string()) {
    return verdict;
  }
  verdict.claims.partner_id = claims["sub"].get<std::string>();
  verdict.claims.client_id = claims.value("client_id", "");
  verdict.claims.issued_at = claims.value("iat", std::int64_t{0});
  verdict.claims.expires_at = claims["exp"].get<std::int64_t>();
  verdict.check = unix_seconds(now) >= verdict.claims.expires_at ? TokenCheck::kExpired : TokenCheck::kValid;
  return verdict;
}

std::string AccessTokenIssuer::sign(const std::string& purpose, const std::string& payload) const {
  return hmac_sha256(hmac_sha256(key_, "trustpcf " + purpose), payload);
}

}  // namespace trustpcf::space
