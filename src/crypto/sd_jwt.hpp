#pragma once

// SD-JWT (RFC 9901): an EdDSA-signed JWT whose payload carries SHA-256
// digests of disclosures in place of the claims the holder may choose to
// reveal, followed by the revealed disclosures:
//   <issuer JWT>~<disclosure>~<disclosure>~
// A disclosure is base64url of the JSON array [salt, name, value] for an
// object property or [salt, value] for an array element.
// NOTE: key binding JWTs (holder binding) are not supported; a presentation
// that carries one is rejected rather than accepted unchecked.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr const char* kSdJwtHashAlgorithm = "sha-256";
// Random salt size of each disclosure, in bytes: 128 bits, as the RFC recommends.
inline constexpr std::size_t kSdJwtSaltSize = 16;

struct SdJwtDisclosure {
  std::string encoded;  // the base64url text as it appears in the SD-JWT
  std::string salt;
  std::optional<std::string> name;  // absent for array elements
  nlohmann::json value;
  std::string digest;  // base64url(SHA-256(encoded))
};

// Builds the disclosure [salt, name, value] of an object property: its
// base64url text and digest. The caller supplies the salt, which must carry at
// least 128 bits that a receiver cannot guess (random, or derive_sd_jwt_salt).
SdJwtDisclosure make_sd_jwt_disclosure(const std::string& salt, const std::string& name,
                                       const nlohmann::json& value);

// Derives a salt (kSdJwtSaltSize bytes, base64url) from `key`'s secret seed
// and `input` with keyed BLAKE2b, so that the same signer making the same
// claim disclosable twice writes the same bytes, while a receiver without the
// secret key cannot guess the salt and test candidate values against a digest.
// `input` must name the claim and its context (object id, path, value).
std::string derive_sd_jwt_salt(const Ed25519KeyPair& key, std::string_view input);

// Digests and disclosures resolved without a JWT: the claims with every
// disclosed value in place and every "_sd" array removed.
struct ResolvedSdClaims {
  nlohmann::json claims;
  std::map<std::string, std::string> paths;  // encoded disclosure -> JSON Pointer of its claim
};

// Resolves the "_sd" digests (and "..." array elements) of `payload` with
// `disclosures` (base64url texts), with the checks verify_sd_jwt makes after
// the signature: no digest twice, no disclosure twice, every disclosure
// referenced, names that do not collide. For documents signed by other means
// (a DSSE envelope, an evidence record). Errors: kVerification as
// verify_sd_jwt, kInvalidInput for a malformed disclosure.
util::Result<ResolvedSdClaims> resolve_sd_disclosures(const nlohmann::json& payload,
                                                      const std::vector<std::string>& disclosures);

// Decodes one disclosure. Errors: kInvalidInput when it is not base64url of
// a JSON array of 2 (element) or 3 (property) members with string salt and
// name, or when the name is "_sd" or "...".
util::Result<SdJwtDisclosure> parse_sd_jwt_disclosure(std::string_view encoded);

// An SD-JWT as serialized: the issuer-signed JWT and the disclosures sent.
struct SdJwt {
  std::string jwt;
  std::vector<std::string> disclosures;

  // "<jwt>~<d1>~...~<dn>~".
  std::string serialize() const;
  // Errors: kInvalidInput for an empty part, and for a key binding JWT after
  // the last '~' (not supported).
  static util::Result<SdJwt> parse(std::string_view text);
};

struct SdJwtIssueOptions {
  std::string typ = "dc+sd-jwt";  // the JWT "typ" header
  std::string kid;                // the JWT "kid" header, when not empty
  std::size_t decoy_digests = 0;  // decoy digests added to each "_sd" array
};

// Issues an SD-JWT of `claims` (a JSON object). The members and array elements
// named by `disclosable` become selectively disclosable. These are JSON
// Pointers such as "/given_name", "/nationalities/1" or "/address/street", and
// nested pointers give nested disclosures. "_sd" arrays are sorted so that
// their order tells nothing, and the result includes every disclosure.
// Errors: kInvalidInput naming a pointer that does not exist or that names
// the top level.
util::Result<SdJwt> issue_sd_jwt(const nlohmann::json& claims,
                                 const std::vector<std::string>& disclosable,
                                 const Ed25519KeyPair& key, const SdJwtIssueOptions& options = {});

// Keeps only the disclosures needed to reveal `reveal` (JSON Pointers into the
// fully disclosed claims): those at, above or below each pointer. Errors as
// verification of the issued SD-JWT's structure (kInvalidInput).
util::Result<SdJwt> present_sd_jwt(const SdJwt& sd_jwt, const std::vector<std::string>& reveal);

struct VerifiedSdJwt {
  nlohmann::json header;
  nlohmann::json claims;                     // disclosed claims; "_sd" and "_sd_alg" removed
  std::vector<std::string> disclosed_paths;  // JSON Pointer of each disclosed claim
};

// Verifies the issuer signature with `issuer_key`, then replaces every digest
// that has a disclosure with its claim. Errors (kVerification): the signature
// does not verify, "_sd_alg" is not sha-256, a digest appears more than once,
// a disclosure is sent twice or is not referenced by any digest, a property
// disclosure sits in an array (or an element disclosure in an object), or a
// disclosed name already exists. Malformed text is kInvalidInput.
util::Result<VerifiedSdJwt> verify_sd_jwt(std::string_view serialized,
                                          const Ed25519PublicKey& issuer_key);

}  // namespace trustpcf::crypto
