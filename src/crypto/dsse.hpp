#pragma once

// DSSE v1 (Dead Simple Signing Envelope): a payload, its type and any number
// of signatures over the pre-authentication encoding (PAE) of both. The JSON
// envelope carries payload and signatures in standard base64.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

struct DsseSignature {
  std::string keyid;  // optional hint naming the key; empty when absent
  Bytes sig;
};

struct DsseEnvelope {
  std::string payload_type;
  std::string payload;  // the raw payload bytes
  std::vector<DsseSignature> signatures;

  // Builds {"payload", "payloadType", "signatures": [{"keyid", "sig"}]}, with
  // keyid only when set.
  nlohmann::json to_json() const;
  // Accepts standard and URL-safe base64, padded or not, as DSSE allows.
  // Errors: kInvalidInput naming the missing or malformed field.
  static util::Result<DsseEnvelope> from_json(const nlohmann::json& json);
};

// The pre-authentication encoding:
// "DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload, lengths in
// ASCII decimal bytes.
std::string dsse_pae(std::string_view payload_type, std::string_view payload);

// Appends an Ed25519 signature over the envelope's PAE with `keyid`.
void dsse_sign(DsseEnvelope& envelope, const Ed25519KeyPair& key, std::string keyid = "");

// A key that can check DSSE signatures. `verify` returns an error naming the
// failed check.
struct DsseVerifier {
  std::string keyid;  // matched against a signature's keyid when both are set
  std::function<util::Status(std::string_view message, const Bytes& signature)> verify;
};

// A verifier for an Ed25519 key.
DsseVerifier dsse_ed25519_verifier(const Ed25519PublicKey& key, std::string keyid = "");

// Verifies the envelope: each verifier counts once, when one of the
// signatures verifies with it, and at least `threshold` verifiers must count.
// Returns the keyids of the verifiers that counted (in verifier order).
// Errors: kVerification naming the envelope's payload type, how many
// verified and why each signature failed.
util::Result<std::vector<std::string>> dsse_verify(const DsseEnvelope& envelope,
                                                   const std::vector<DsseVerifier>& verifiers,
                                                   std::size_t threshold = 1);

}  // namespace trustpcf::crypto
