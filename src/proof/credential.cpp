#include "proof/credential.hpp"

#include "crypto/did_key.hpp"
#include "crypto/data_integrity.hpp"
#include "proof/status_list.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr const char* kStatusEntryType = "TokenStatusListEntry";

}  // namespace

util::Result<std::string> verify_single_proof(const nlohmann::json& document,
                                              const std::string& what) {
  auto proofs = crypto::verify_eddsa_jcs_2022(document);
  if (!proofs.ok()) return proofs.error().with_context(what);
  if (proofs->size() != 1) {
    return make_error(ErrorCode::kVerification, "{}: has {} proofs, expected one", what,
                      proofs->size());
  }
  return crypto::did_key_of(proofs->front().key);
}

util::Result<nlohmann::json> issue_credential(const CredentialClaims& claims,
                                              const crypto::Ed25519KeyPair& key) {
  std::string issuer = crypto::did_key_of(key.public_key());
  nlohmann::json credential = {
      {"@context", {kCredentialsContext, kTrustpcfContext}},
      {"id", claims.credential_id},
      {"type", {"VerifiableCredential", kCredentialType}},
      {"issuer", issuer},
      {"validFrom", claims.valid_from},
      {"credentialSubject",
       {{"id", "urn:uuid:" + claims.footprint_id},
        {"footprintDigest", {{"sha256", claims.footprint_digest}}},
        {"scope", claims.scope},
        {"standard", claims.standard},
        {"providerName", claims.provider_name}}},
      {"credentialStatus",
       {{"id", status_list_uri(issuer) + "#" + std::to_string(claims.status_index)},
        {"type", kStatusEntryType},
        {"statusListIndex", claims.status_index},
        {"statusList", status_list_uri(issuer)}}},
  };
  crypto::DataIntegrityProofOptions options;
  options.created = claims.valid_from;
  return crypto::add_eddsa_jcs_2022_proof(credential, key, options);
}

util::Result<VerifiedCredential> verify_credential(const nlohmann::json& credential,
                                                   const std::string& footprint_id,
                                                   const std::string& footprint_digest) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string signer, verify_single_proof(credential, "credential"));

  VerifiedCredential verified;
  verified.id = credential.value("id", "");
  verified.issuer = credential.value("issuer", "");
  if (verified.issuer != signer) {
    return make_error(ErrorCode::kVerification,
                      "credential {}: proof is by {}, but the issuer is {}", verified.id, signer,
                      verified.issuer);
  }
  verified.subject = credential.value("credentialSubject", nlohmann::json::object());
  if (verified.subject.value("id", "") != "urn:uuid:" + footprint_id) {
    return make_error(ErrorCode::kVerification,
                      "credential {}: subject {} is not footprint urn:uuid:{}", verified.id,
                      verified.subject.value("id", ""), footprint_id);
  }
  std::string certified = verified.subject.value("footprintDigest", nlohmann::json::object())
                              .value("sha256", "");
  if (certified != footprint_digest) {
    return make_error(ErrorCode::kVerification,
                      "credential {}: certifies footprint digest sha256:{}, the footprint's is "
                      "sha256:{}",
                      verified.id, certified, footprint_digest);
  }
  const nlohmann::json status = credential.value("credentialStatus", nlohmann::json::object());
  if (status.value("type", "") != kStatusEntryType || !status.contains("statusListIndex") ||
      !status["statusListIndex"].is_number_unsigned()) {
    return make_error(ErrorCode::kVerification,
                      "credential {}: credentialStatus is not a {} with a statusListIndex",
                      verified.id, kStatusEntryType);
  }
  verified.status_uri = status.value("statusList", "");
  verified.status_index = status["statusListIndex"];
  return verified;
}

nlohmann::json pact_verification_of(const nlohmann::json& credential) {
  const nlohmann::json subject = credential.value("credentialSubject", nlohmann::json::object());
  const nlohmann::json scope = subject.value("scope", nlohmann::json::object());
  return {{"coverage", scope.value("coverage", "")},
          {"providerName", subject.value("providerName", "")},
          {"completedAt", credential.value("validFrom", "")},
          {"standardName", subject.value("standard", "")},
          {"comments", "Certificate " + credential.value("id", "") + " issued by " +
                           credential.value("issuer", "")}};
}

}  // namespace trustpcf::proof
