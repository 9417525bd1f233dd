#include "space/access_tokens.hpp"

#include "crypto/digest.hpp"
#include "crypto/encoding.hpp"
#include "crypto/jwt.hpp"
#include "space/secrets.hpp"

namespace trustpcf::space {

namespace {

std::int64_t unix_seconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

// The JOSE header of every token this node issues, with members sorted as
// crypto::sign_jwt writes them.
nlohmann::json token_header(const std::string& key_id) {
  return {{"alg", crypto::kJwtEdDsaAlgorithm}, {"kid", key_id}, {"typ", "JWT"}};
}

}  // namespace

std::string jwk_thumbprint(const crypto::Ed25519PublicKey& key) {
  // RFC 7638 section 3: the required members in lexicographic order, no spaces.
  std::string members = R"({"crv":"Ed25519","kty":"OKP","x":")" + crypto::base64url_encode(key.to_bytes()) + "\"}";
  return crypto::sha256_base64url(members);
}

nlohmann::json public_jwk(const crypto::Ed25519PublicKey& key) {
  return {{"kty", "OKP"},
          {"crv", "Ed25519"},
          {"x", crypto::base64url_encode(key.to_bytes())},
          {"kid", jwk_thumbprint(key)},
          {"use", "sig"},
          {"alg", crypto::kJwtEdDsaAlgorithm}};
}

AccessTokenIssuer::AccessTokenIssuer(crypto::Ed25519KeyPair signing_key, std::string cursor_key, std::string issuer)
    : signing_key_(std::move(signing_key)), cursor_key_(std::move(cursor_key)), issuer_(std::move(issuer)) {
  key_id_ = jwk_thumbprint(signing_key_.public_key());
  encoded_header_ = base64url_encode(token_header(key_id_).dump());
}

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
  nlohmann::json header = token_header(key_id_);
  header.erase("alg");  // sign_jwt adds it
  return crypto::sign_jwt(header, claims, signing_key_);
}

TokenVerdict AccessTokenIssuer::verify(const std::string& token, std::chrono::system_clock::time_point now) const {
  const std::int64_t now_seconds = unix_seconds(now);
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto cached = cache_.find(token);
    if (cached != cache_.end()) {
      TokenVerdict verdict;
      verdict.claims = cached->second;
      verdict.check = now_seconds >= verdict.claims.expires_at ? TokenCheck::kExpired : TokenCheck::kValid;
      return verdict;
    }
  }
  TokenVerdict verdict = verify_uncached(token, now_seconds);
  if (verdict.check == TokenCheck::kValid) remember(token, verdict.claims, now_seconds);
  return verdict;
}

TokenVerdict AccessTokenIssuer::verify_uncached(const std::string& token, std::int64_t now) const {
  TokenVerdict verdict;
  std::size_t first = token.find('.');
  std::size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos) return verdict;

  // The header is compared byte for byte with the one this node writes, so
  // "alg":"none", HS256 (algorithm confusion) and another key id cannot pass.
  if (token.compare(0, first, encoded_header_) != 0) return verdict;
  util::Result<crypto::Bytes> signature = crypto::base64url_decode(std::string_view(token).substr(second + 1));
  if (!signature.ok()) return verdict;
  if (!crypto::ed25519_verify(signing_key_.public_key(), std::string_view(token).substr(0, second), *signature).ok()) {
    return verdict;
  }

  util::Result<std::string> payload = base64url_decode(std::string_view(token).substr(first + 1, second - first - 1));
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
  verdict.check = now >= verdict.claims.expires_at ? TokenCheck::kExpired : TokenCheck::kValid;
  return verdict;
}

void AccessTokenIssuer::remember(const std::string& token, const AccessClaims& claims, std::int64_t now) const {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (cache_.size() >= kMaxCachedTokens) {
    std::erase_if(cache_, [now](const auto& entry) { return now >= entry.second.expires_at; });
    if (cache_.size() >= kMaxCachedTokens) cache_.clear();
  }
  cache_.emplace(token, claims);
}

std::string AccessTokenIssuer::sign(const std::string& purpose, const std::string& payload) const {
  return hmac_sha256(hmac_sha256(cursor_key_, "trustpcf " + purpose), payload);
}

nlohmann::json AccessTokenIssuer::jwks() const {
  return {{"keys", nlohmann::json::array({public_jwk(signing_key_.public_key())})}};
}

}  // namespace trustpcf::space
