#include "crypto/dsse.hpp"

#include <fmt/ranges.h>

#include <algorithm>

namespace trustpcf::crypto {
namespace {

using util::ErrorCode;
using util::make_error;

// DSSE lets writers use either base64 alphabet, with or without padding, so
// the text is brought to unpadded base64url before strict decoding.
util::Result<Bytes> decode_any_base64(std::string_view text, const char* field) {
  std::string normalized(text);
  while (!normalized.empty() && normalized.back() == '=') normalized.pop_back();
  std::replace(normalized.begin(), normalized.end(), '+', '-');
  std::replace(normalized.begin(), normalized.end(), '/', '_');
  auto bytes = base64url_decode(normalized);
  if (!bytes.ok())
    return bytes.error().with_context(fmt::format("DSSE envelope field '{}'", field));
  return bytes;
}

util::Result<std::string> string_field(const nlohmann::json& object, const char* field,
                                       const char* where) {
  auto it = object.find(field);
  if (it == object.end() || !it->is_string()) {
    return make_error(ErrorCode::kInvalidInput, "invalid DSSE envelope: {} has no string '{}'",
                      where, field);
  }
  return it->get<std::string>();
}

}  // namespace

nlohmann::json DsseEnvelope::to_json() const {
  nlohmann::json list = nlohmann::json::array();
  for (const DsseSignature& signature : signatures) {
    nlohmann::json entry = {{"sig", base64_encode(signature.sig)}};
    if (!signature.keyid.empty()) entry["keyid"] = signature.keyid;
    list.push_back(std::move(entry));
  }
  return {{"payload", base64_encode(to_bytes(payload))},
          {"payloadType", payload_type},
          {"signatures", std::move(list)}};
}

util::Result<DsseEnvelope> DsseEnvelope::from_json(const nlohmann::json& json) {
  if (!json.is_object()) {
    return util::Error(ErrorCode::kInvalidInput, "invalid DSSE envelope: not a JSON object");
  }
  DsseEnvelope envelope;
  TRUSTPCF_ASSIGN_OR_RETURN(envelope.payload_type,
                            string_field(json, "payloadType", "the envelope"));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string payload_text,
                            string_field(json, "payload", "the envelope"));
  TRUSTPCF_ASSIGN_OR_RETURN(Bytes payload, decode_any_base64(payload_text, "payload"));
  envelope.payload = to_string(payload);

  auto signatures = json.find("signatures");
  if (signatures == json.end() || !signatures->is_array()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid DSSE envelope: 'signatures' must be an array");
  }
  for (const nlohmann::json& entry : *signatures) {
    if (!entry.is_object()) {
      return util::Error(ErrorCode::kInvalidInput,
                         "invalid DSSE envelope: each signature must be an object");
    }
    DsseSignature signature;
    TRUSTPCF_ASSIGN_OR_RETURN(std::string sig_text, string_field(entry, "sig", "a signature"));
    TRUSTPCF_ASSIGN_OR_RETURN(signature.sig, decode_any_base64(sig_text, "sig"));
    if (entry.contains("keyid")) {
      TRUSTPCF_ASSIGN_OR_RETURN(signature.keyid, string_field(entry, "keyid", "a signature"));
    }
    envelope.signatures.push_back(std::move(signature));
  }
  return envelope;
}

std::string dsse_pae(std::string_view payload_type, std::string_view payload) {
  return fmt::format("DSSEv1 {} {} {} {}", payload_type.size(), payload_type, payload.size(),
                     payload);
}

void dsse_sign(DsseEnvelope& envelope, const Ed25519KeyPair& key, std::string keyid) {
  Ed25519Signature signature = key.sign(dsse_pae(envelope.payload_type, envelope.payload));
  envelope.signatures.push_back(
      DsseSignature{std::move(keyid), Bytes(signature.begin(), signature.end())});
}

DsseVerifier dsse_ed25519_verifier(const Ed25519PublicKey& key, std::string keyid) {
  return DsseVerifier{std::move(keyid), [key](std::string_view message, const Bytes& signature) {
                        return ed25519_verify(key, message, signature);
                      }};
}

util::Result<std::vector<std::string>> dsse_verify(const DsseEnvelope& envelope,
                                                   const std::vector<DsseVerifier>& verifiers,
                                                   std::size_t threshold) {
  const std::string pae = dsse_pae(envelope.payload_type, envelope.payload);
  std::vector<std::string> accepted;
  std::vector<std::string> reasons;

  for (const DsseVerifier& verifier : verifiers) {
    bool counted = false;
    for (std::size_t i = 0; i < envelope.signatures.size() && !counted; ++i) {
      const DsseSignature& signature = envelope.signatures[i];
      if (!signature.keyid.empty() && !verifier.keyid.empty() &&
          signature.keyid != verifier.keyid) {
        continue;
      }
      util::Status status = verifier.verify(pae, signature.sig);
      if (status.ok()) {
        counted = true;
      } else {
        reasons.push_back(fmt::format("signature {} (keyid '{}') with verifier '{}': {}", i,
                                      signature.keyid, verifier.keyid, status.error().message()));
      }
    }
    if (counted) accepted.push_back(verifier.keyid);
  }

  if (accepted.size() < std::max<std::size_t>(threshold, 1)) {
    std::string detail = reasons.empty() ? "no signature matched a verifier's keyid"
                                         : fmt::format("{}", fmt::join(reasons, "; "));
    return make_error(ErrorCode::kVerification,
                      "DSSE envelope of payload type '{}' failed verification: {} of {} required "
                      "keys verified ({})",
                      envelope.payload_type, accepted.size(), threshold, detail);
  }
  return accepted;
}

}  // namespace trustpcf::crypto
