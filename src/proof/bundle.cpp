#include "proof/bundle.hpp"

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

nlohmann::json evidence_to_json(const EvidenceDisclosure& disclosure) {
  nlohmann::json records = nlohmann::json::array();
  for (const DisclosedRecord& item : disclosure.records) {
    records.push_back({{"index", item.index},
                       {"record", item.record.to_json()},
                       {"inclusionProof", item.inclusion_proof}});
  }
  return {{"commitment", disclosure.commitment}, {"records", records}};
}

util::Result<EvidenceDisclosure> evidence_from_json(const nlohmann::json& json, std::size_t i) {
  std::string where = fmt::format("bundle evidence[{}]", i);
  if (!json.is_object() || !json.contains("commitment") || !json["commitment"].is_object()) {
    return util::Error(ErrorCode::kInvalidInput, where + ": \"commitment\" object is missing");
  }
  EvidenceDisclosure disclosure;
  disclosure.commitment = json["commitment"];
  for (const char* field : {"rootHash", "source"}) {
    if (!disclosure.commitment.contains(field) || !disclosure.commitment[field].is_string()) {
      return make_error(ErrorCode::kInvalidInput, "{}: commitment.{} is missing", where, field);
    }
  }
  if (!disclosure.commitment.contains("treeSize") ||
      !disclosure.commitment["treeSize"].is_number_unsigned()) {
    return util::Error(ErrorCode::kInvalidInput, where + ": commitment.treeSize is missing");
  }
  const nlohmann::json records = json.value("records", nlohmann::json::array());
  for (std::size_t r = 0; r < records.size(); ++r) {
    const nlohmann::json& item = records[r];
    if (!item.is_object() || !item.contains("index") || !item["index"].is_number_unsigned() ||
        !item.contains("inclusionProof") || !item["inclusionProof"].is_array()) {
      return make_error(ErrorCode::kInvalidInput,
                        "{}: records[{}] needs \"index\", \"record\" and \"inclusionProof\"",
                        where, r);
    }
    auto record = EvidenceRecord::from_json(item.value("record", nlohmann::json()));
    if (!record.ok()) return record.error().with_context(fmt::format("{}: records[{}]", where, r));
    DisclosedRecord disclosed;
    disclosed.index = item["index"];
    disclosed.record = std::move(record).value();
    for (const auto& hash : item["inclusionProof"]) {
      if (!hash.is_string()) {
        return make_error(ErrorCode::kInvalidInput, "{}: records[{}].inclusionProof has a non-text hash",
                          where, r);
      }
      disclosed.inclusion_proof.push_back(hash);
    }
    disclosure.records.push_back(std::move(disclosed));
  }
  return disclosure;
}

nlohmann::json log_to_json(const LogDisclosure& log) {
  nlohmann::json entries = nlohmann::json::array();
  for (const LogEntryProof& entry : log.entries) {
    entries.push_back({{"entry", entry.entry},
                       {"index", entry.index},
                       {"inclusionProof", entry.inclusion_proof}});
  }
  return {{"logKey", log.log_key}, {"checkpoint", log.checkpoint}, {"entries", entries}};
}

util::Result<LogDisclosure> log_from_json(const nlohmann::json& json) {
  LogDisclosure log;
  for (const char* field : {"logKey", "checkpoint"}) {
    if (!json.contains(field) || !json[field].is_string()) {
      return make_error(ErrorCode::kInvalidInput, "bundle disclosure.{} text is missing", field);
    }
  }
  log.log_key = json["logKey"];
  log.checkpoint = json["checkpoint"];
  const nlohmann::json entries = json.value("entries", nlohmann::json::array());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const nlohmann::json& item = entries[i];
    if (!item.is_object() || !item.contains("entry") || !item["entry"].is_string() ||
        !item.contains("index") || !item["index"].is_number_unsigned() ||
        !item.contains("inclusionProof") || !item["inclusionProof"].is_array()) {
      return make_error(ErrorCode::kInvalidInput,
                        "bundle disclosure.entries[{}] needs \"entry\", \"index\" and "
                        "\"inclusionProof\"",
                        i);
    }
    LogEntryProof entry;
    entry.entry = item["entry"];
    entry.index = item["index"];
    for (const auto& hash : item["inclusionProof"]) {
      if (!hash.is_string()) {
        return make_error(ErrorCode::kInvalidInput,
                          "bundle disclosure.entries[{}].inclusionProof has a non-text hash", i);
      }
      entry.inclusion_proof.push_back(hash);
    }
    log.entries.push_back(std::move(entry));
  }
  return log;
}

}  // namespace

util::Result<EvidenceDisclosure> disclose_evidence(const EvidenceBatch& batch,
                                                   const std::vector<std::uint64_t>& disclose) {
  std::vector<std::string> leaves;
  for (const EvidenceRecord& record : batch.records) {
    TRUSTPCF_ASSIGN_OR_RETURN(crypto::Sha256 digest, crypto::parse_sha256_hex(record.digest));
    leaves.emplace_back(digest.begin(), digest.end());
  }
  EvidenceDisclosure disclosure;
  disclosure.commitment = batch.commitment();
  for (std::uint64_t index : disclose) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto path, merkle_inclusion_proof(leaves, index));
    DisclosedRecord item;
    item.index = index;
    item.record = batch.records[index];
    for (const MerkleHash& hash : path) item.inclusion_proof.push_back(crypto::to_hex(hash));
    disclosure.records.push_back(std::move(item));
  }
  return disclosure;
}

nlohmann::json bundle_to_footprint(const Bundle& bundle) {
  // A bundle whose disclosures do not match still serializes, with the
  // plain digest for readers; verification reports the mismatch.
  auto committed = committed_footprint(bundle.footprint,
                                       bundle.selective_disclosure ? &*bundle.selective_disclosure : nullptr);
  nlohmann::json data = {
      {"bundleVersion", kBundleVersion},
      {"footprintDigest", committed.ok() ? crypto::digest_of(*committed) : footprint_digest(bundle.footprint)}};
  if (bundle.selective_disclosure) data["selectiveDisclosure"] = bundle.selective_disclosure->to_json();
  if (bundle.receipt) data["receipt"] = bundle.receipt->to_json();
  nlohmann::json evidence = nlohmann::json::array();
  for (const auto& disclosure : bundle.evidence) evidence.push_back(evidence_to_json(disclosure));
  data["evidence"] = evidence;
  if (bundle.credential) data["credential"] = *bundle.credential;
  if (bundle.status_list) data["statusList"] = *bundle.status_list;
  if (bundle.disclosure) data["disclosure"] = log_to_json(*bundle.disclosure);

  nlohmann::json footprint = footprint_core(bundle.footprint);
  if (bundle.footprint.contains("pcf") && bundle.footprint["pcf"].contains("verification")) {
    footprint["pcf"]["verification"] = bundle.footprint["pcf"]["verification"];
  }
  if (!footprint.contains("extensions")) footprint["extensions"] = nlohmann::json::array();
  footprint["extensions"].push_back({{"specVersion", kExtensionSpecVersion},
                                     {"dataSchema", kBundleDataSchema},
                                     {"documentation", kBundleDocumentation},
                                     {"data", data}});
  return footprint;
}

util::Result<Bundle> bundle_from_footprint(const nlohmann::json& footprint) {
  if (!footprint.is_object() || !footprint.contains("pcf") || !footprint.contains("id")) {
    return util::Error(ErrorCode::kInvalidInput,
                       "bundle is not a PACT ProductFootprint (\"id\" or \"pcf\" is missing)");
  }
  std::optional<nlohmann::json> extension;
  const nlohmann::json extensions = footprint.value("extensions", nlohmann::json::array());
  for (const auto& item : extensions) {
    if (item.is_object() && item.value("dataSchema", "") == kBundleDataSchema) extension = item;
  }
  if (!extension) {
    return make_error(ErrorCode::kInvalidInput,
                      "footprint {} carries no proof bundle (no extension with dataSchema {})",
                      footprint["id"].dump(), kBundleDataSchema);
  }
  if (extension->value("specVersion", "") != kExtensionSpecVersion) {
    return make_error(ErrorCode::kInvalidInput, "bundle extension specVersion must be \"{}\"",
                      kExtensionSpecVersion);
  }
  const nlohmann::json data = extension->value("data", nlohmann::json());
  if (!data.is_object() || data.value("bundleVersion", 0) != kBundleVersion) {
    return make_error(ErrorCode::kInvalidInput, "bundle data.bundleVersion must be {}",
                      kBundleVersion);
  }

  Bundle bundle;
  bundle.footprint = footprint_core(footprint);
  if (footprint["pcf"].contains("verification")) {
    bundle.footprint["pcf"]["verification"] = footprint["pcf"]["verification"];
  }
  if (data.contains("receipt")) {
    auto receipt = crypto::DsseEnvelope::from_json(data["receipt"]);
    if (!receipt.ok()) return receipt.error().with_context("bundle receipt");
    bundle.receipt = std::move(receipt).value();
  }
  const nlohmann::json evidence = data.value("evidence", nlohmann::json::array());
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    TRUSTPCF_ASSIGN_OR_RETURN(EvidenceDisclosure disclosure, evidence_from_json(evidence[i], i));
    bundle.evidence.push_back(std::move(disclosure));
  }
  if (data.contains("selectiveDisclosure")) {
    auto sd = SelectiveDisclosure::from_json(data["selectiveDisclosure"]);
    if (!sd.ok()) return sd.error();
    bundle.selective_disclosure = std::move(sd).value();
  }
  if (data.contains("credential")) bundle.credential = data["credential"];
  if (data.contains("statusList")) bundle.status_list = data["statusList"];
  if (data.contains("disclosure")) {
    TRUSTPCF_ASSIGN_OR_RETURN(LogDisclosure log, log_from_json(data["disclosure"]));
    bundle.disclosure = std::move(log);
  }
  return bundle;
}

util::Result<Bundle> read_bundle(const std::filesystem::path& path) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(path));
  auto json = crypto::parse_json_strict(text);
  if (!json.ok()) return json.error().with_context(path.string());
  auto bundle = bundle_from_footprint(*json);
  if (!bundle.ok()) return bundle.error().with_context(path.string());
  return bundle;
}

util::Status write_bundle(const std::filesystem::path& path, const Bundle& bundle) {
  return util::write_file_atomic(path, bundle_to_footprint(bundle).dump(2) + "\n");
}

}  // namespace trustpcf::proof
