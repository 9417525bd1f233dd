#pragma once

// Footprint certificates: W3C Verifiable Credentials 2.0 with an
// eddsa-jcs-2022 Data Integrity proof, issued by a verification body. The
// subject names the footprint ("urn:uuid:<id>") and its digest, the scope of
// the verification and the standard applied; credentialStatus points to the
// issuer's token status list (see status_list.hpp). docs/bundle.md lists
// every field.

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

inline constexpr const char* kCredentialsContext = "https://www.w3.org/ns/credentials/v2";
inline constexpr const char* kTrustpcfContext = "https://trustpcf.dev/credentials/v1";
inline constexpr const char* kCredentialType = "ProductFootprintCertificate";

struct CredentialClaims {
  std::string credential_id;   // "urn:uuid:..."
  std::string footprint_id;    // the PACT footprint id
  std::string footprint_digest;  // footprint_digest(), lower-case hex
  nlohmann::json scope;        // {"coverage", "recomputed", "checks": [...]}
  std::string standard;        // "PACT Methodology v3.0"
  std::string provider_name;   // the verification body's name
  std::string valid_from;      // RFC 3339
  std::uint64_t status_index = 0;
};

// Builds and signs the credential with the issuer's key. Errors: kInvalidInput
// from the proof for a malformed valid_from.
util::Result<nlohmann::json> issue_credential(const CredentialClaims& claims,
                                              const crypto::Ed25519KeyPair& key);

// Verifies the one eddsa-jcs-2022 proof of `document` and returns the did:key
// that signed it. Errors: kVerification prefixed with `what`.
util::Result<std::string> verify_single_proof(const nlohmann::json& document,
                                              const std::string& what);

struct VerifiedCredential {
  std::string id;
  std::string issuer;  // did:key
  std::string status_uri;
  std::uint64_t status_index = 0;
  nlohmann::json subject;
};

// Verifies the proof, that the issuer signed it and that the subject names
// `footprint_id` and `footprint_digest`. Errors: kVerification naming the
// failed check.
util::Result<VerifiedCredential> verify_credential(const nlohmann::json& credential,
                                                   const std::string& footprint_id,
                                                   const std::string& footprint_digest);

// The PACT v3 `verification` object that the credential stands for.
nlohmann::json pact_verification_of(const nlohmann::json& credential);

}  // namespace trustpcf::proof
