#pragma once

// OAuth 2.0 access tokens issued by /auth/token: JSON Web Tokens (RFC 7519)
// signed with EdDSA over Ed25519 (RFC 8037) under the node's signing key,
// with the key's RFC 7638 thumbprint as "kid". Partners can check a token
// against the node's JWKS (/.well-known/jwks.json). Pagination cursors and
// other short-lived values stay on a separate HMAC-SHA-256 key.

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::space {

// Tokens live one hour; clients fetch a new one when they get TokenExpired.
inline constexpr std::chrono::seconds kAccessTokenLifetime{3600};
// Verified tokens kept so that a repeated token skips the Ed25519 check.
// A partner fetches about one token an hour, so this covers thousands of
// partners. When the cache is full, expired entries go first, then all.
inline constexpr std::size_t kMaxCachedTokens = 10'000;

struct AccessClaims {
  std::string partner_id;  // "sub"
  std::string client_id;   // "client_id"
  std::int64_t issued_at = 0;   // "iat", Unix seconds
  std::int64_t expires_at = 0;  // "exp", Unix seconds
};

enum class TokenCheck { kValid, kInvalid, kExpired };

struct TokenVerdict {
  TokenCheck check = TokenCheck::kInvalid;
  AccessClaims claims;  // filled when check is kValid or kExpired
};

// Returns the RFC 7638 JWK thumbprint (base64url SHA-256) of an Ed25519 key.
std::string jwk_thumbprint(const crypto::Ed25519PublicKey& key);

// Returns the public JWK of an Ed25519 key (RFC 8037: kty "OKP", crv
// "Ed25519", x) with "kid" (its thumbprint), "use" "sig" and "alg" "EdDSA".
nlohmann::json public_jwk(const crypto::Ed25519PublicKey& key);

// Thread-safe: issue() and verify() may run on many request threads.
class AccessTokenIssuer {
 public:
  // `signing_key` signs access tokens; `cursor_key` (32 bytes) keys sign();
  // `issuer` is put in "iss" and required on verification.
  AccessTokenIssuer(crypto::Ed25519KeyPair signing_key, std::string cursor_key, std::string issuer);

  // Issues a token for `partner_id` that expires `lifetime` after `now`.
  std::string issue(const std::string& partner_id, const std::string& client_id,
                    std::chrono::system_clock::time_point now,
                    std::chrono::seconds lifetime = kAccessTokenLifetime) const;

  // Checks the header (exactly this node's {"alg":"EdDSA","kid":...}, so
  // "none", HS256 and other keys fail), the signature and the issuer, then
  // expiry. Valid tokens are cached until they expire.
  TokenVerdict verify(const std::string& token, std::chrono::system_clock::time_point now) const;

  // Signs arbitrary `payload` bytes with a key derived for `purpose`, for
  // other short-lived values of the node (pagination cursors).
  std::string sign(const std::string& purpose, const std::string& payload) const;

  // The JWKS document {"keys": [public JWK]} partners check tokens with.
  nlohmann::json jwks() const;
  const std::string& key_id() const { return key_id_; }

 private:
  TokenVerdict verify_uncached(const std::string& token, std::int64_t now) const;
  void remember(const std::string& token, const AccessClaims& claims, std::int64_t now) const;

  crypto::Ed25519KeyPair signing_key_;
  std::string cursor_key_;
  std::string issuer_;
  std::string key_id_;
  std::string encoded_header_;  // base64url of the only header this node writes

  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, AccessClaims> cache_;
};

}  // namespace trustpcf::space
