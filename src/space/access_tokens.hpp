#pragma once

// OAuth 2.0 access tokens issued by /auth/token: JSON Web Tokens (RFC 7519)
// signed with HMAC-SHA-256 ("HS256") under the node's 32-byte token key.
// Only this node verifies them, so a symmetric key is enough.

#include <chrono>
#include <cstdint>
#include <string>

#include "util/error.hpp"

namespace trustpcf::space {

// Tokens live one hour; clients fetch a new one when they get TokenExpired.
inline constexpr std::chrono::seconds kAccessTokenLifetime{3600};

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

class AccessTokenIssuer {
 public:
  // `key` is the node's 32-byte token key; `issuer` is put in "iss".
  AccessTokenIssuer(std::string key, std::string issuer);

  // Issues a token for `partner_id` that expires `lifetime` after `now`.
  std::string issue(const std::string& partner_id, const std::string& client_id,
                    std::chrono::system_clock::time_point now,
                    std::chrono::seconds lifetime = kAccessTokenLifetime) const;

  // Checks the signature, the header and the issuer first, then expiry.
  TokenVerdict verify(const std::string& token, std::chrono::system_clock::time_point now) const;

  // Signs arbitrary `payload` bytes with a key derived for `purpose`, for
  // other short-lived values of the node (pagination cursors).
  std::string sign(const std::string& purpose, const std::string& payload) const;

 private:
  std::string key_;
  std::string issuer_;
};

}  // namespace trustpcf::space
