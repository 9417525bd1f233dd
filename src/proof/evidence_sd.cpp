#include "proof/evidence_sd.hpp"

#include <algorithm>
#include <cassert>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "crypto/sd_jwt.hpp"

namespace trustpcf::proof {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

// Domain label of evidence field salts, so they never equal salts that the
// same key derives for other documents.
constexpr std::string_view kRecordSaltLabel = "trustpcf evidence record field";

std::vector<std::string> signed_digests(const json& content) {
  std::vector<std::string> digests;
  auto sd = content.find("_sd");
  if (sd == content.end() || !sd->is_array()) return digests;
  for (const json& digest : *sd) {
    if (digest.is_string()) digests.push_back(digest.get<std::string>());
  }
  return digests;
}

}  // namespace

const std::vector<std::string>& evidence_sd_fields() {
  static const std::vector<std::string> fields = {"site", "supplier"};
  return fields;
}

std::vector<std::string> make_record_fields_disclosable(json& content, const crypto::Ed25519KeyPair& key) {
  assert(!content.contains("_sd") && "a record's content is made disclosable once");
  const std::string canonical = crypto::canonicalize(content);
  std::vector<std::string> disclosures;
  std::vector<std::string> digests;
  for (const std::string& name : evidence_sd_fields()) {
    auto member = content.find(name);
    if (member == content.end()) continue;
    std::string salt = crypto::derive_sd_jwt_salt(key, fmt::format("{}\n{}\n{}", kRecordSaltLabel, canonical, name));
    crypto::SdJwtDisclosure disclosure = crypto::make_sd_jwt_disclosure(salt, name, *member);
    content.erase(member);
    digests.push_back(disclosure.digest);
    disclosures.push_back(disclosure.encoded);
  }
  if (digests.empty()) return disclosures;
  // Sorted, as RFC 9901 recommends, so that the order of digests reveals nothing.
  std::sort(digests.begin(), digests.end());
  content["_sd"] = digests;
  return disclosures;
}

util::Result<json> disclosed_raw_record(const json& raw, std::size_t index) {
  const json disclosures = raw.value("disclosures", json::array());
  bool all_text = disclosures.is_array() && std::all_of(disclosures.begin(), disclosures.end(),
                                                        [](const json& item) { return item.is_string(); });
  if (!all_text) {
    return make_error(ErrorCode::kInvalidInput,
                      "evidence record {}: \"disclosures\" must be an array of base64url SD-JWT disclosures", index);
  }
  EvidenceRecord carried;
  carried.content = raw;
  carried.content.erase("disclosures");
  carried.content.erase("signature");
  carried.disclosures = disclosures.get<std::vector<std::string>>();
  for (const std::string& encoded : carried.disclosures) {
    auto disclosure = crypto::parse_sd_jwt_disclosure(encoded);
    if (!disclosure.ok()) return disclosure.error().with_context(fmt::format("evidence record {}", index));
    const auto& fields = evidence_sd_fields();
    if (!disclosure->name || std::find(fields.begin(), fields.end(), *disclosure->name) == fields.end()) {
      return make_error(ErrorCode::kInvalidInput,
                        "evidence record {}: a disclosure reveals '{}'; only site and supplier may be selectively "
                        "disclosable",
                        index, disclosure->name.value_or("an array element"));
    }
  }
  auto view = disclosed_content(carried);
  if (!view.ok()) {
    return util::Error(ErrorCode::kInvalidInput,
                       fmt::format("evidence record {}: {}", index, view.error().message()));
  }
  if (raw.contains("signature")) (*view)["signature"] = raw["signature"];
  return view;
}

util::Status check_record_disclosures(const EvidenceRecord& record) {
  if (record.disclosures.empty()) return util::Status();
  std::vector<std::string> digests = signed_digests(record.content);
  for (const std::string& encoded : record.disclosures) {
    // The digest alone decides; the disclosure is decoded only to name it.
    if (std::find(digests.begin(), digests.end(), crypto::sha256_base64url(encoded)) != digests.end()) continue;
    auto disclosure = crypto::parse_sd_jwt_disclosure(encoded);
    if (!disclosure.ok()) {
      return make_error(ErrorCode::kVerification, "evidence record {}: {}", record.digest,
                        disclosure.error().message());
    }
    return make_error(ErrorCode::kVerification,
                      "evidence record {}: the disclosure of field '{}' matches none of the record's "
                      "signed digests: its value or salt was changed",
                      record.digest, disclosure->name.value_or("(array element)"));
  }
  auto resolved = crypto::resolve_sd_disclosures(record.content, record.disclosures);
  if (!resolved.ok()) {
    return make_error(ErrorCode::kVerification, "evidence record {}: {}", record.digest,
                      resolved.error().message());
  }
  return util::Status();
}

util::Result<json> disclosed_content(const EvidenceRecord& record) {
  if (!record.content.contains("_sd") && record.disclosures.empty()) return record.content;
  TRUSTPCF_RETURN_IF_ERROR(check_record_disclosures(record));
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::ResolvedSdClaims resolved,
                            crypto::resolve_sd_disclosures(record.content, record.disclosures));
  return std::move(resolved.claims);
}

std::vector<std::string> withheld_record_fields(const EvidenceRecord& record) {
  std::vector<std::string> withheld;
  std::size_t undisclosed = signed_digests(record.content).size();
  // As many disclosures as digests: nothing withheld, and no need to decode
  // the disclosures for their names (verify_record checks them).
  if (undisclosed <= record.disclosures.size()) return withheld;
  std::vector<std::string> disclosed_names;
  for (const std::string& encoded : record.disclosures) {
    auto disclosure = crypto::parse_sd_jwt_disclosure(encoded);
    if (!disclosure.ok() || !disclosure->name) continue;
    disclosed_names.push_back(*disclosure->name);
    if (undisclosed > 0) --undisclosed;
  }
  // `site` is a required field, so a record whose content and disclosures
  // both lack it withholds it; any further undisclosed digest is `supplier`.
  // NOTE: a digest does not tell its field, so this relies on these two
  // being the only disclosable fields.
  auto disclosed = [&](const std::string& name) {
    return record.content.contains(name) ||
           std::find(disclosed_names.begin(), disclosed_names.end(), name) != disclosed_names.end();
  };
  if (undisclosed > 0 && !disclosed("site")) {
    withheld.emplace_back("site");
    --undisclosed;
  }
  if (undisclosed > 0 && !disclosed("supplier")) withheld.emplace_back("supplier");
  return withheld;
}

}  // namespace trustpcf::proof
