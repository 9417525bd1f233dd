#include "proof/receipt.hpp"

#include "crypto/did_key.hpp"
#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "proof/footprint_digest.hpp"
#include "util/version.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr const char* kEngineName = "trustpcf";

util::Status check_hex_digest(const std::string& digest, const char* field) {
  auto parsed = crypto::parse_sha256_hex(digest);
  if (!parsed.ok() || digest.size() != 2 * crypto::kSha256Size) {
    return make_error(ErrorCode::kInvalidInput,
                      "receipt input {}: '{}' is not a SHA-256 digest of 64 hex digits", field,
                      digest);
  }
  return util::Status();
}

}  // namespace

util::Result<crypto::InTotoStatement> make_receipt_statement(const nlohmann::json& footprint,
                                                             const ReceiptInputs& inputs) {
  if (!footprint.is_object() || !footprint.contains("id") || !footprint["id"].is_string()) {
    return util::Error(ErrorCode::kInvalidInput, "footprint has no text \"id\"");
  }
  TRUSTPCF_RETURN_IF_ERROR(check_hex_digest(inputs.background_database, "backgroundDatabase"));
  TRUSTPCF_RETURN_IF_ERROR(
      check_hex_digest(inputs.characterization_table, "characterization table"));

  std::string id = footprint["id"];
  crypto::InTotoStatement statement;
  statement.subjects.push_back({"urn:uuid:" + id, {{"sha256", footprint_digest(footprint)}}});
  statement.predicate_type = kReceiptPredicateType;

  nlohmann::json options = nlohmann::json::object();
  for (const auto& [name, value] : inputs.options) options[name] = value;
  statement.predicate = {
      {"footprintId", id},
      {"engine",
       {{"name", kEngineName},
        {"version", inputs.engine_version.empty() ? util::kVersion : inputs.engine_version},
        {"build", inputs.engine_build.empty() ? util::kGitCommit : inputs.engine_build}}},
      {"evidence", inputs.evidence},
      {"backgroundDatabase", {{"sha256", inputs.background_database}}},
      {"productSystem",
       {{"sha256", crypto::digest_of(inputs.product_system)},
        {"definition", inputs.product_system}}},
      {"characterization",
       {{"method", inputs.characterization_method},
        {"sha256", inputs.characterization_table}}},
      {"options", options},
  };
  return statement;
}

util::Result<crypto::DsseEnvelope> make_receipt(const nlohmann::json& footprint,
                                                const ReceiptInputs& inputs,
                                                const crypto::Ed25519KeyPair& key) {
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::InTotoStatement statement,
                            make_receipt_statement(footprint, inputs));
  return crypto::sign_statement(statement, key,
                                crypto::did_key_verification_method(key.public_key()));
}

util::Result<VerifiedReceipt> verify_receipt(const crypto::DsseEnvelope& receipt,
                                             const nlohmann::json& footprint) {
  return verify_receipt_for_digest(receipt, footprint.value("id", ""), footprint_digest(footprint));
}

util::Result<VerifiedReceipt> verify_receipt_for_digest(const crypto::DsseEnvelope& receipt,
                                                        const std::string& id, const std::string& digest) {
  if (receipt.signatures.empty()) {
    return util::Error(ErrorCode::kVerification, "receipt: DSSE envelope has no signature");
  }
  const std::string& keyid = receipt.signatures[0].keyid;
  auto key = crypto::resolve_did_key(keyid);
  if (!key.ok()) {
    return make_error(ErrorCode::kVerification,
                      "receipt: signature keyid '{}' is not a did:key verification method: {}",
                      keyid, key.error().message());
  }
  auto statement = crypto::verify_statement(receipt, {crypto::dsse_ed25519_verifier(*key, keyid)});
  if (!statement.ok()) {
    return make_error(ErrorCode::kVerification, "receipt: DSSE signature of {} does not verify: {}",
                      crypto::did_key_of(*key), statement.error().message());
  }
  if (statement->predicate_type != kReceiptPredicateType) {
    return make_error(ErrorCode::kVerification, "receipt: predicateType is '{}', expected '{}'",
                      statement->predicate_type, kReceiptPredicateType);
  }

  const auto& subject = statement->subjects[0];
  auto named = subject.digest.find("sha256");
  if (named == subject.digest.end() || named->second != digest) {
    return make_error(ErrorCode::kVerification,
                      "receipt: subject digest sha256:{} does not match the footprint's digest "
                      "sha256:{}",
                      named == subject.digest.end() ? "(missing)" : named->second, digest);
  }
  if (statement->predicate.value("footprintId", "") != id) {
    return make_error(ErrorCode::kVerification,
                      "receipt: predicate footprintId '{}' differs from footprint id '{}'",
                      statement->predicate.value("footprintId", ""), id);
  }
  return VerifiedReceipt{std::move(statement).value(), crypto::did_key_of(*key)};
}

std::vector<std::string> receipt_differences(const nlohmann::json& expected_predicate,
                                             const nlohmann::json& actual_predicate) {
  std::vector<std::string> differences;
  for (const char* field : {"evidence", "backgroundDatabase", "productSystem",
                            "characterization", "engine"}) {
    if (expected_predicate.value(field, nlohmann::json()) !=
        actual_predicate.value(field, nlohmann::json())) {
      differences.emplace_back(field);
    }
  }
  nlohmann::json expected_options = expected_predicate.value("options", nlohmann::json::object());
  nlohmann::json actual_options = actual_predicate.value("options", nlohmann::json::object());
  for (const auto& [name, value] : expected_options.items()) {
    if (actual_options.value(name, nlohmann::json()) != value) differences.push_back("options." + name);
  }
  for (const auto& [name, value] : actual_options.items()) {
    if (!expected_options.contains(name)) differences.push_back("options." + name);
  }
  return differences;
}

}  // namespace trustpcf::proof
