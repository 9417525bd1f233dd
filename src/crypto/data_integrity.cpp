#include "crypto/data_integrity.hpp"

#include "crypto/did_key.hpp"
#include "crypto/jcs.hpp"
#include "util/time.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

util::Error proof_error(std::size_t index, const std::string& why) {
  return make_error(ErrorCode::kVerification, "Data Integrity proof {} does not verify: {}", index,
                    why);
}

// The document's "@context" must start with every entry of the proof's, in
// order, so that the proof was made for this document's vocabulary.
bool context_starts_with(const json& document_context, const json& proof_context) {
  json document_list =
      document_context.is_array() ? document_context : json::array({document_context});
  json proof_list = proof_context.is_array() ? proof_context : json::array({proof_context});
  if (proof_list.size() > document_list.size()) return false;
  for (std::size_t i = 0; i < proof_list.size(); ++i) {
    if (proof_list[i] != document_list[i]) return false;
  }
  return true;
}

// The secured document and its canonical form without "proof", which every
// proof of a proof set shares.
struct Secured {
  const json& document;
  const std::string& canonical_unsecured;
};

util::Result<VerifiedProof> verify_one(const Secured& secured, const json& proof, std::size_t index) {
  if (!proof.is_object()) return proof_error(index, "the proof is not a JSON object");
  if (proof.value("type", "") != kDataIntegrityProofType) {
    return proof_error(index, fmt::format("\"type\" must be \"{}\"", kDataIntegrityProofType));
  }
  if (proof.value("cryptosuite", "") != kEddsaJcs2022) {
    return proof_error(index, fmt::format("\"cryptosuite\" must be \"{}\"", kEddsaJcs2022));
  }
  auto proof_value = proof.find("proofValue");
  if (proof_value == proof.end() || !proof_value->is_string()) {
    return proof_error(index, "\"proofValue\" is missing");
  }
  auto method = proof.find("verificationMethod");
  if (method == proof.end() || !method->is_string()) {
    return proof_error(index, "\"verificationMethod\" is missing");
  }

  // The document is hashed with the proof's "@context" when it has one; it
  // is canonicalized again only when that changes the document.
  const json& document = secured.document;
  std::string with_proof_context;
  const std::string* canonical_document = &secured.canonical_unsecured;
  auto proof_context = proof.find("@context");
  if (proof_context != proof.end()) {
    auto document_context = document.find("@context");
    if (document_context == document.end() || !context_starts_with(*document_context, *proof_context)) {
      return proof_error(index, "the proof's \"@context\" does not match the document's");
    }
    if (*document_context != *proof_context) {
      json copy = document;
      copy.erase("proof");
      copy["@context"] = *proof_context;
      with_proof_context = canonicalize(copy);
      canonical_document = &with_proof_context;
    }
  }

  auto key = resolve_did_key(method->get<std::string>());
  if (!key.ok()) {
    return proof_error(index, "verificationMethod cannot be resolved: " + key.error().message());
  }
  auto signature = multibase_decode(proof_value->get<std::string>());
  if (!signature.ok() || proof_value->get<std::string>().front() != 'z') {
    return proof_error(index, "\"proofValue\" is not base58btc multibase");
  }

  // hashData = SHA-256(canonical proof configuration) || SHA-256(canonical document).
  const Sha256 config_hash = sha256(canonicalize_without_member(proof, "proofValue"));
  const Sha256 document_hash = sha256(*canonical_document);
  std::string hash_data(reinterpret_cast<const char*>(config_hash.data()), config_hash.size());
  hash_data.append(reinterpret_cast<const char*>(document_hash.data()), document_hash.size());
  util::Status status = ed25519_verify(*key, hash_data, *signature);
  if (!status.ok())
    return proof_error(
        index, "the signature over the document and proof configuration does not verify with " +
                   method->get<std::string>());

  return VerifiedProof{method->get<std::string>(), proof.value("proofPurpose", ""),
                       proof.value("created", ""), *key};
}

}  // namespace

EddsaJcs2022Hashes eddsa_jcs_2022_hashes(const json& unsecured_document, const json& proof_config) {
  EddsaJcs2022Hashes hashes;
  hashes.canonical_proof_config = canonicalize(proof_config);
  hashes.canonical_document = canonicalize(unsecured_document);
  hashes.proof_config_hash = sha256(hashes.canonical_proof_config);
  hashes.document_hash = sha256(hashes.canonical_document);
  hashes.hash_data = to_bytes(hashes.proof_config_hash);
  hashes.hash_data.insert(hashes.hash_data.end(), hashes.document_hash.begin(),
                          hashes.document_hash.end());
  return hashes;
}

util::Result<json> add_eddsa_jcs_2022_proof(const json& document, const Ed25519KeyPair& key,
                                            const DataIntegrityProofOptions& options) {
  if (!document.is_object()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "cannot add a Data Integrity proof: the document is not a JSON object");
  }
  json config = {
      {"type", kDataIntegrityProofType},
      {"cryptosuite", kEddsaJcs2022},
      {"created",
       options.created.empty() ? util::format_rfc3339(util::Clock::now()) : options.created},
      {"verificationMethod", options.verification_method.empty()
                                 ? did_key_verification_method(key.public_key())
                                 : options.verification_method},
      {"proofPurpose", options.proof_purpose},
  };
  if (options.expires) config["expires"] = *options.expires;
  if (options.domain) config["domain"] = *options.domain;
  if (options.challenge) config["challenge"] = *options.challenge;
  if (document.contains("@context")) config["@context"] = document["@context"];

  json unsecured = document;
  unsecured.erase("proof");
  EddsaJcs2022Hashes hashes = eddsa_jcs_2022_hashes(unsecured, config);
  Ed25519Signature signature = key.sign(std::string_view(
      reinterpret_cast<const char*>(hashes.hash_data.data()), hashes.hash_data.size()));
  config["proofValue"] = multibase_encode(Bytes(signature.begin(), signature.end()));

  json secured = document;
  if (!secured.contains("proof")) {
    secured["proof"] = std::move(config);
  } else if (secured["proof"].is_array()) {
    secured["proof"].push_back(std::move(config));
  } else {
    secured["proof"] = json::array({secured["proof"], std::move(config)});
  }
  return secured;
}

util::Result<std::vector<VerifiedProof>> verify_eddsa_jcs_2022(const json& document) {
  if (!document.is_object() || !document.contains("proof")) {
    return util::Error(ErrorCode::kVerification,
                       "document has no Data Integrity proof: the \"proof\" member is missing");
  }
  const json& proof = document["proof"];
  if (proof.is_array() && proof.empty()) {
    return util::Error(ErrorCode::kVerification, "document has an empty proof set");
  }
  const std::string canonical_unsecured = canonicalize_without_member(document, "proof");
  const Secured secured{document, canonical_unsecured};

  std::vector<VerifiedProof> verified;
  if (!proof.is_array()) {
    TRUSTPCF_ASSIGN_OR_RETURN(VerifiedProof one, verify_one(secured, proof, 0));
    verified.push_back(std::move(one));
    return verified;
  }
  for (std::size_t i = 0; i < proof.size(); ++i) {
    TRUSTPCF_ASSIGN_OR_RETURN(VerifiedProof one, verify_one(secured, proof[i], i));
    verified.push_back(std::move(one));
  }
  return verified;
}

}  // namespace trustpcf::crypto
