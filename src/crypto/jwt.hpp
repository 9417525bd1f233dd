#pragma once

// Compact JWS (RFC 7515) signed with EdDSA over Ed25519 (RFC 8037), the JWT
// form that SD-JWT and status list tokens use: base64url(header) "."
// base64url(payload) "." base64url(signature).

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr const char* kJwtEdDsaAlgorithm = "EdDSA";

// Signs `payload` with a header of `extra_header` plus "alg": "EdDSA".
// Header and payload are serialized compactly with sorted member names.
std::string sign_jwt(const nlohmann::json& extra_header, const nlohmann::json& payload,
                     const Ed25519KeyPair& key);

struct DecodedJwt {
  nlohmann::json header;
  nlohmann::json payload;
  std::string signing_input;  // base64url(header) "." base64url(payload)
  Bytes signature;
};

// Splits and decodes a compact JWS without checking the signature. Both
// JSON parts are parsed strictly (unique member names). Errors:
// kInvalidInput naming the part that is malformed.
util::Result<DecodedJwt> decode_jwt(std::string_view jwt);

// Decodes `jwt`, requires "alg": "EdDSA" and verifies the signature with `key`.
// Errors: kInvalidInput for a malformed JWT, kVerification for another
// algorithm or a signature that does not verify.
util::Result<DecodedJwt> verify_jwt(std::string_view jwt, const Ed25519PublicKey& key);

}  // namespace trustpcf::crypto
