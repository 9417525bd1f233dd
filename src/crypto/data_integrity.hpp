#pragma once

// W3C Verifiable Credentials Data Integrity with the EdDSA cryptosuite
// "eddsa-jcs-2022": the proof signs SHA-256(JCS(proof configuration)) ||
// SHA-256(JCS(document without proof)) with Ed25519, and the proof value is
// the signature in multibase base58btc. Verification methods are did:key
// URLs. Several independent proofs form a proof set ("proof" as an array);
// proof chains (previousProof) are not supported.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crypto/digest.hpp"
#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr const char* kDataIntegrityProofType = "DataIntegrityProof";
inline constexpr const char* kEddsaJcs2022 = "eddsa-jcs-2022";

struct DataIntegrityProofOptions {
  std::string verification_method;                // a did:key URL; empty: the key's own
  std::string proof_purpose = "assertionMethod";  // the relationship the proof asserts
  std::string created;                            // RFC 3339; empty: now, whole seconds
  std::optional<std::string> expires;             // RFC 3339, when set
  std::optional<std::string> domain;
  std::optional<std::string> challenge;
};

// The intermediate values of the cryptosuite, for tests and debugging.
struct EddsaJcs2022Hashes {
  std::string canonical_proof_config;
  std::string canonical_document;
  Sha256 proof_config_hash{};
  Sha256 document_hash{};
  Bytes hash_data;  // proof_config_hash || document_hash
};

// Hashes an unsecured document (no "proof") and a proof configuration (the
// proof without "proofValue") as the cryptosuite prescribes.
EddsaJcs2022Hashes eddsa_jcs_2022_hashes(const nlohmann::json& unsecured_document,
                                         const nlohmann::json& proof_config);

// Returns `document` with a new eddsa-jcs-2022 proof signed by `key`. The
// proof configuration copies the document's "@context"; an existing proof
// turns into a proof set. Errors: kInvalidInput when the document is not an
// object or the options are malformed.
util::Result<nlohmann::json> add_eddsa_jcs_2022_proof(const nlohmann::json& document,
                                                      const Ed25519KeyPair& key,
                                                      const DataIntegrityProofOptions& options);

// The facts of one proof that verified.
struct VerifiedProof {
  std::string verification_method;
  std::string proof_purpose;
  std::string created;
  Ed25519PublicKey key;
};

// Verifies every proof of the document (a single proof or a proof set);
// all must verify. The caller decides whether the keys and purposes are the
// ones it trusts. Errors: kVerification naming the proof (by index) and the
// failed check: missing proof, type or cryptosuite, @context mismatch,
// unresolvable verification method, malformed proofValue or bad signature.
util::Result<std::vector<VerifiedProof>> verify_eddsa_jcs_2022(const nlohmann::json& document);

}  // namespace trustpcf::crypto
