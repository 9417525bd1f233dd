#pragma once

// W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (W3C
// vc-di-eddsa): the proof configuration (the proof without proofValue, with
// the document's @context) and the document without its proof are each
// canonicalized with JCS and hashed with SHA-256; Ed25519 signs the proof
// hash followed by the document hash, and proofValue is the signature in
// multibase base58btc.
//
// NOTE: written here from the W3C structure over crypto's JCS and Ed25519
// because crypto's VC API is not on main yet; it reproduces the published
// eddsa-jcs-2022 vector byte for byte (tests/proof/data_integrity_test.cpp).
// Swap to the crypto API when it lands.

#include <string>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

inline constexpr const char* kCryptosuite = "eddsa-jcs-2022";

// Returns `document` with a "proof" made by `key`, whose verificationMethod
// is the key's did:key verification method. `created` is RFC 3339 text.
// Precondition: `document` is an object without "proof".
nlohmann::json add_data_integrity_proof(const nlohmann::json& document,
                                        const crypto::Ed25519KeyPair& key,
                                        const std::string& created,
                                        const std::string& proof_purpose = "assertionMethod");

// Verifies the single eddsa-jcs-2022 proof of `document` with the key its
// did:key verificationMethod names, and returns that did:key. Errors:
// kVerification naming what failed (no proof, another type or cryptosuite,
// proof @context not a prefix of the document's, unresolvable method,
// signature).
util::Result<std::string> verify_data_integrity_proof(const nlohmann::json& document);

}  // namespace trustpcf::proof
