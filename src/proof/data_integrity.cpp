#include "proof/data_integrity.hpp"

#include "crypto/did_key.hpp"
#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

std::string hash_data(const nlohmann::json& proof_config, const nlohmann::json& unsecured) {
  crypto::Sha256 proof_hash = crypto::sha256(crypto::canonicalize(proof_config));
  crypto::Sha256 document_hash = crypto::sha256(crypto::canonicalize(unsecured));
  std::string combined(proof_hash.begin(), proof_hash.end());
  combined.append(document_hash.begin(), document_hash.end());
  return combined;
}

}  // namespace

nlohmann::json add_data_integrity_proof(const nlohmann::json& document,
                                        const crypto::Ed25519KeyPair& key,
                                        const std::string& created,
                                        const std::string& proof_purpose) {
  nlohmann::json proof = {
      {"type", "DataIntegrityProof"},
      {"cryptosuite", kCryptosuite},
      {"created", created},
      {"verificationMethod", crypto::did_key_verification_method(key.public_key())},
      {"proofPurpose", proof_purpose},
  };
  if (document.contains("@context")) proof["@context"] = document["@context"];

  crypto::Ed25519Signature signature = key.sign(hash_data(proof, document));
  proof["proofValue"] =
      crypto::multibase_encode(crypto::Bytes(signature.begin(), signature.end()));
  nlohmann::json secured = document;
  secured["proof"] = std::move(proof);
  return secured;
}

util::Result<std::string> verify_data_integrity_proof(const nlohmann::json& document) {
  if (!document.is_object() || !document.contains("proof") || !document["proof"].is_object()) {
    return util::Error(ErrorCode::kVerification, "Data Integrity proof is missing");
  }
  nlohmann::json proof = document["proof"];
  if (proof.value("type", "") != "DataIntegrityProof" ||
      proof.value("cryptosuite", "") != kCryptosuite) {
    return make_error(ErrorCode::kVerification,
                      "proof type '{}' with cryptosuite '{}' is not supported; expected "
                      "DataIntegrityProof with {}",
                      proof.value("type", ""), proof.value("cryptosuite", ""), kCryptosuite);
  }
  if (!proof.contains("proofValue") || !proof["proofValue"].is_string()) {
    return util::Error(ErrorCode::kVerification, "proof has no proofValue");
  }
  std::string proof_value = proof["proofValue"];
  proof.erase("proofValue");

  nlohmann::json unsecured = document;
  unsecured.erase("proof");
  if (proof.contains("@context")) {
    const nlohmann::json& proof_context = proof["@context"];
    const nlohmann::json document_context = unsecured.value("@context", nlohmann::json::array());
    bool prefix = proof_context.is_array() && document_context.is_array() &&
                  proof_context.size() <= document_context.size() &&
                  std::equal(proof_context.begin(), proof_context.end(), document_context.begin());
    if (!prefix) {
      return util::Error(ErrorCode::kVerification,
                         "proof @context does not start the document's @context");
    }
    unsecured["@context"] = proof_context;
  }

  std::string method = proof.value("verificationMethod", "");
  auto key = crypto::resolve_did_key(method);
  if (!key.ok()) {
    return make_error(ErrorCode::kVerification, "proof verificationMethod '{}': {}", method,
                      key.error().message());
  }
  auto signature = crypto::multibase_decode(proof_value);
  if (!signature.ok() || proof_value.empty() || proof_value[0] != 'z') {
    return util::Error(ErrorCode::kVerification, "proofValue is not multibase base58btc");
  }
  util::Status verified = crypto::ed25519_verify(*key, hash_data(proof, unsecured), *signature);
  if (!verified.ok()) {
    return make_error(ErrorCode::kVerification,
                      "{} proof by {} does not verify (the document or the proof was changed)",
                      kCryptosuite, method);
  }
  return crypto::did_key_of(*key);
}

}  // namespace trustpcf::proof
