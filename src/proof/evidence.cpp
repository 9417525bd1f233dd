#include "proof/evidence.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "crypto/digest.hpp"
#include "crypto/did_key.hpp"
#include "crypto/jcs.hpp"
#include "proof/evidence_sd.hpp"
#include "util/numbers.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

const std::set<std::string>& required_fields() {
  static const std::set<std::string> fields = {"activityType", "quantity",  "unit",
                                               "periodStart",  "periodEnd", "site"};
  return fields;
}

const std::set<std::string>& optional_fields() {
  static const std::set<std::string> fields = {"flowName", "supplier", "recordId", "comment",
                                               "source", "signature"};
  return fields;
}

// The PACT Decimal pattern: plain positional notation, no exponent.
bool is_plain_decimal(const std::string& text) {
  static const std::regex pattern(R"(^[+-]?\d+(\.\d+)?$)");
  return std::regex_match(text, pattern);
}

util::Result<std::string> field_text(const nlohmann::json& raw, const std::string& name,
                                     std::size_t index) {
  const nlohmann::json& value = raw.at(name);
  if (name == "quantity" && value.is_number()) {
    return util::format_decimal(value.get<double>());
  }
  if (!value.is_string()) {
    return make_error(ErrorCode::kInvalidInput, "evidence record {}: field '{}' must be text",
                      index, name);
  }
  return value.get<std::string>();
}

// Builds the signed content of one raw record. `source_did` is the signer.
util::Result<nlohmann::json> record_content(const nlohmann::json& raw, std::size_t index,
                                            const UnitCatalog& units,
                                            const std::string& source_did) {
  if (!raw.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "evidence record {} is not a JSON object", index);
  }
  for (const auto& [name, value] : raw.items()) {
    if (!required_fields().count(name) && !optional_fields().count(name)) {
      return make_error(ErrorCode::kInvalidInput,
                        "evidence record {}: unknown field '{}'; known fields are activityType, "
                        "flowName, quantity, unit, periodStart, periodEnd, site, supplier, "
                        "recordId, comment, source, signature",
                        index, name);
    }
  }

  nlohmann::json content = nlohmann::json::object();
  for (const std::string& name : required_fields()) {
    if (!raw.contains(name)) {
      return make_error(ErrorCode::kInvalidInput, "evidence record {}: field '{}' is missing",
                        index, name);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(std::string text, field_text(raw, name, index));
    if (text.empty()) {
      return make_error(ErrorCode::kInvalidInput, "evidence record {}: field '{}' is empty",
                        index, name);
    }
    content[name] = text;
  }
  for (const char* name : {"flowName", "supplier", "recordId", "comment"}) {
    if (!raw.contains(name)) continue;
    TRUSTPCF_ASSIGN_OR_RETURN(std::string text, field_text(raw, name, index));
    content[name] = text;
  }

  const std::string quantity = content["quantity"];
  if (!is_plain_decimal(quantity)) {
    return make_error(ErrorCode::kInvalidInput,
                      "evidence record {}: quantity '{}' is not a plain decimal; write it "
                      "like 1250.5, without exponent or thousands separators",
                      index, quantity);
  }
  std::string context = fmt::format("evidence record {}", index);
  TRUSTPCF_RETURN_IF_ERROR(units.check(content["unit"].get<std::string>(), context));

  auto start = util::parse_rfc3339(content["periodStart"].get<std::string>());
  if (!start.ok()) return start.error().with_context(context + ": periodStart");
  auto end = util::parse_rfc3339(content["periodEnd"].get<std::string>());
  if (!end.ok()) return end.error().with_context(context + ": periodEnd");
  if (!(*start < *end)) {
    return make_error(ErrorCode::kInvalidInput,
                      "evidence record {}: periodEnd {} is not after periodStart {}", index,
                      content["periodEnd"].get<std::string>(),
                      content["periodStart"].get<std::string>());
  }

  if (raw.contains("source") && raw["source"] != source_did) {
    return make_error(ErrorCode::kInvalidInput,
                      "evidence record {}: source '{}' differs from the --source {}", index,
                      raw["source"].dump(), source_did);
  }
  content["source"] = source_did;
  return content;
}

}  // namespace

nlohmann::json EvidenceRecord::to_json() const {
  nlohmann::json json = {{"content", content}, {"digest", digest}, {"signature", signature}};
  if (!disclosures.empty()) json["disclosures"] = disclosures;
  return json;
}

util::Result<EvidenceRecord> EvidenceRecord::from_json(const nlohmann::json& json) {
  if (!json.is_object() || !json.contains("content") || !json["content"].is_object()) {
    return util::Error(ErrorCode::kInvalidInput, "evidence record: \"content\" object is missing");
  }
  for (const char* name : {"digest", "signature"}) {
    if (!json.contains(name) || !json[name].is_string()) {
      return make_error(ErrorCode::kInvalidInput, "evidence record: \"{}\" text is missing",
                        name);
    }
  }
  EvidenceRecord record;
  record.content = json["content"];
  record.digest = json["digest"];
  record.signature = json["signature"];
  if (json.contains("disclosures")) {
    const nlohmann::json& disclosures = json["disclosures"];
    bool all_text = disclosures.is_array() &&
                    std::all_of(disclosures.begin(), disclosures.end(),
                                [](const nlohmann::json& item) { return item.is_string(); });
    if (!all_text) {
      return util::Error(ErrorCode::kInvalidInput,
                         "evidence record: \"disclosures\" must be an array of base64url texts");
    }
    record.disclosures = disclosures.get<std::vector<std::string>>();
  }
  return record;
}

std::string EvidenceBatch::root_hex() const {
  std::vector<std::string> leaves;
  leaves.reserve(records.size());
  for (const EvidenceRecord& record : records) {
    auto digest = crypto::parse_sha256_hex(record.digest);
    leaves.push_back(digest.ok() ? std::string(digest->begin(), digest->end()) : record.digest);
  }
  return crypto::to_hex(merkle_root(leaves));
}

nlohmann::json EvidenceBatch::commitment() const {
  std::string root = root_hex();
  return {{"batchId", root},
          {"treeSize", records.size()},
          {"rootHash", root},
          {"source", source}};
}

std::string evidence_signing_input(const nlohmann::json& content) {
  return crypto::canonicalize(content);
}

util::Result<EvidenceBatch> build_batch(const std::vector<nlohmann::json>& raw_records,
                                        const UnitCatalog& units,
                                        const crypto::Ed25519PublicKey& source_key,
                                        const crypto::Ed25519KeyPair* key) {
  if (raw_records.empty()) {
    return util::Error(ErrorCode::kInvalidInput, "the activity data contains no records");
  }
  if (key != nullptr && !(key->public_key() == source_key)) {
    return util::Error(ErrorCode::kInternal, "signing key does not match the source key");
  }

  EvidenceBatch batch;
  batch.source = crypto::did_key_of(source_key);
  for (std::size_t index = 0; index < raw_records.size(); ++index) {
    const nlohmann::json& raw = raw_records[index];
    bool carries_sd = raw.is_object() && (raw.contains("_sd") || raw.contains("disclosures"));
    if (carries_sd && key != nullptr) {
      return make_error(ErrorCode::kInvalidInput,
                        "evidence record {} carries \"_sd\" or \"disclosures\"; with a key name as --source the "
                        "node makes site and supplier selectively disclosable itself, so give the plain values",
                        index);
    }
    nlohmann::json view = raw;
    if (carries_sd) {
      TRUSTPCF_ASSIGN_OR_RETURN(view, disclosed_raw_record(raw, index));
    }
    TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json content,
                              record_content(view, index, units, batch.source));
    EvidenceRecord record;
    if (key != nullptr) record.disclosures = make_record_fields_disclosable(content, *key);
    if (carries_sd) {
      // The source signed the committed form: its "_sd" in place of the
      // fields the disclosures reveal.
      record.disclosures = raw.value("disclosures", nlohmann::json::array()).get<std::vector<std::string>>();
      for (const std::string& name : evidence_sd_fields()) {
        if (!raw.contains(name)) content.erase(name);
      }
      content["_sd"] = raw.value("_sd", nlohmann::json::array());
    }
    std::string message = evidence_signing_input(content);
    record.digest = crypto::sha256_hex(message);
    record.content = std::move(content);

    bool carries_signature = raw.is_object() && raw.contains("signature");
    if (key != nullptr) {
      if (carries_signature) {
        return make_error(ErrorCode::kInvalidInput,
                          "evidence record {} already carries a signature; give its signer's "
                          "did:key as --source instead of a key name",
                          index);
      }
      crypto::Ed25519Signature signature = key->sign(message);
      record.signature =
          crypto::base64url_encode(crypto::Bytes(signature.begin(), signature.end()));
    } else {
      if (!carries_signature || !raw["signature"].is_string()) {
        return make_error(ErrorCode::kInvalidInput,
                          "evidence record {} has no signature; a did:key source has no private "
                          "key here, so each record must carry the base64url Ed25519 signature "
                          "its source made, or give a key name as --source",
                          index);
      }
      record.signature = raw["signature"].get<std::string>();
      util::Status verified = verify_record(record);
      if (!verified.ok()) return verified.error().with_context(fmt::format("evidence record {}", index));
    }
    batch.records.push_back(std::move(record));
  }
  return batch;
}

util::Status verify_record(const EvidenceRecord& record) {
  std::string message = evidence_signing_input(record.content);
  std::string digest = crypto::sha256_hex(message);
  if (digest != record.digest) {
    return make_error(ErrorCode::kVerification,
                      "evidence record {}: content digest is {}, the record states {}",
                      record.digest, digest, record.digest);
  }
  if (!record.content.contains("source") || !record.content["source"].is_string()) {
    return make_error(ErrorCode::kVerification, "evidence record {}: source DID is missing",
                      record.digest);
  }
  std::string source = record.content["source"];
  auto key = crypto::resolve_did_key(source);
  if (!key.ok()) {
    return make_error(ErrorCode::kVerification, "evidence record {}: source {}: {}",
                      record.digest, source, key.error().message());
  }
  auto signature = crypto::base64url_decode(record.signature);
  if (!signature.ok()) {
    return make_error(ErrorCode::kVerification, "evidence record {}: signature is not base64url",
                      record.digest);
  }
  util::Status verified = crypto::ed25519_verify(*key, message, *signature);
  if (!verified.ok()) {
    return make_error(ErrorCode::kVerification,
                      "evidence record {}: Ed25519 signature of source {} does not verify",
                      record.digest, source);
  }
  return check_record_disclosures(record);
}

}  // namespace trustpcf::proof
