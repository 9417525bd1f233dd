#include "proof/selective_disclosure.hpp"

#include <algorithm>
#include <set>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "crypto/sd_jwt.hpp"
#include "proof/evidence_sd.hpp"
#include "proof/footprint_sd.hpp"

namespace trustpcf::proof {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

// Places of the request comment in ReceiptInputs::product_system and in the
// receipt predicate.
constexpr const char* kRequestObject = "/request";
constexpr const char* kRequestCommentInPredicate = "/productSystem/definition/request/comment";
constexpr const char* kCommentMember = "comment";

// Domain label of request field salts, so they never equal salts that the
// same key derives for other documents.
constexpr std::string_view kRequestSaltLabel = "trustpcf receipt request field";

// Adds every digest of every "_sd" array in `node` to `digests`.
void collect_digests(const json& node, std::set<std::string>& digests) {
  if (node.is_array()) {
    for (const json& element : node) collect_digests(element, digests);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [name, member] : node.items()) {
    if (name != "_sd") {
      collect_digests(member, digests);
      continue;
    }
    if (!member.is_array()) continue;
    for (const json& digest : member) {
      if (digest.is_string()) digests.insert(digest.get<std::string>());
    }
  }
}

// The member name that a footprint field option stands for.
const FootprintSdField* footprint_field(const std::string& option) {
  for (const FootprintSdField& field : footprint_sd_fields()) {
    if (field.option == option) return &field;
  }
  return nullptr;
}

std::string disclosure_name(const std::string& encoded) {
  auto disclosure = crypto::parse_sd_jwt_disclosure(encoded);
  if (!disclosure.ok() || !disclosure->name) return "";
  return *disclosure->name;
}

util::Status withhold_footprint_field(Bundle& bundle, const FootprintSdField& field) {
  json::json_pointer object_pointer(field.object_pointer);
  bool present = bundle.footprint.contains(object_pointer) && bundle.footprint.at(object_pointer).is_object() &&
                 bundle.footprint.at(object_pointer).contains(field.member);
  bool committed = bundle.selective_disclosure &&
                   bundle.selective_disclosure->footprint_digests.contains(
                       json::json_pointer(std::string(field.object_pointer) + "/_sd"));
  if (!present) return util::Status();  // nothing to withhold
  if (!committed) {
    return make_error(ErrorCode::kInvalidInput,
                      "footprint field '{}' ({}) is not selectively disclosable in this bundle, so withholding it "
                      "would change the footprint digest; write the bundle again with `trustpcf footprint compute "
                      "--bundle`",
                      field.option, field.member);
  }
  bundle.footprint.at(object_pointer).erase(field.member);
  std::vector<std::string>& disclosures = bundle.selective_disclosure->disclosures;
  disclosures.erase(std::remove_if(disclosures.begin(), disclosures.end(),
                                   [&](const std::string& encoded) { return disclosure_name(encoded) == field.member; }),
                    disclosures.end());
  return util::Status();
}

util::Status withhold_record_field(Bundle& bundle, const std::string& name) {
  for (EvidenceDisclosure& batch : bundle.evidence) {
    for (DisclosedRecord& item : batch.records) {
      EvidenceRecord& record = item.record;
      if (record.content.contains(name)) {
        return make_error(ErrorCode::kInvalidInput,
                          "evidence record {} carries '{}' in its signed content, so it cannot be withheld; "
                          "records signed elsewhere, or added before selective disclosure, keep it in plain form",
                          record.digest, name);
      }
      std::vector<std::string>& disclosures = record.disclosures;
      disclosures.erase(std::remove_if(disclosures.begin(), disclosures.end(),
                                       [&](const std::string& encoded) { return disclosure_name(encoded) == name; }),
                        disclosures.end());
    }
  }
  return util::Status();
}

}  // namespace

const std::vector<std::string>& withholdable_fields() {
  static const std::vector<std::string> fields = {"comment", "boundary", "site", "supplier"};
  return fields;
}

void make_bundle_fields_disclosable(Bundle& bundle, ReceiptInputs& inputs, const crypto::Ed25519KeyPair& key) {
  SelectiveDisclosure sd = make_footprint_disclosable(bundle.footprint, key);
  if (sd.disclosures.empty()) return;

  // The request repeats the user's part of the footprint comment, so the
  // receipt commits to it by digest as well.
  bool comment_disclosable = sd.footprint_digests.contains("_sd");
  json::json_pointer request_pointer(kRequestObject);
  if (comment_disclosable && inputs.product_system.contains(request_pointer) &&
      inputs.product_system.at(request_pointer).is_object() &&
      inputs.product_system.at(request_pointer).contains(kCommentMember)) {
    json& request = inputs.product_system.at(request_pointer);
    const json value = request[kCommentMember];
    std::string salt_input = fmt::format("{}\n{}\n{}\n{}", kRequestSaltLabel, bundle.footprint.value("id", ""),
                                         kRequestCommentInPredicate, crypto::canonicalize(value));
    crypto::SdJwtDisclosure disclosure =
        crypto::make_sd_jwt_disclosure(crypto::derive_sd_jwt_salt(key, salt_input), kCommentMember, value);
    request.erase(kCommentMember);
    request["_sd"] = json::array({disclosure.digest});
    sd.disclosures.push_back(disclosure.encoded);
  }
  bundle.selective_disclosure = std::move(sd);
}

util::Result<json> committed_bundle_footprint(const Bundle& bundle) {
  return committed_footprint(bundle.footprint,
                             bundle.selective_disclosure ? &*bundle.selective_disclosure : nullptr);
}

util::Result<std::string> bundle_footprint_digest(const Bundle& bundle) {
  TRUSTPCF_ASSIGN_OR_RETURN(json committed, committed_bundle_footprint(bundle));
  return crypto::digest_of(committed);
}

namespace {

// Splits the bundle disclosures into those the receipt references and those
// the footprint does. Errors: as check_receipt_disclosures.
util::Result<std::vector<std::string>> receipt_disclosures(const Bundle& bundle, const json& predicate) {
  std::vector<std::string> for_receipt;
  if (!bundle.selective_disclosure) return for_receipt;
  std::set<std::string> receipt_digests;
  collect_digests(predicate, receipt_digests);
  std::set<std::string> footprint_digests;
  collect_digests(bundle.selective_disclosure->footprint_digests, footprint_digests);

  for (const std::string& encoded : bundle.selective_disclosure->disclosures) {
    std::string digest = crypto::sha256_base64url(encoded);
    if (receipt_digests.count(digest)) {
      for_receipt.push_back(encoded);
      continue;
    }
    if (footprint_digests.count(digest)) continue;
    // Decoded only to name the field in the error.
    auto disclosure = crypto::parse_sd_jwt_disclosure(encoded);
    if (!disclosure.ok()) {
      return util::Error(ErrorCode::kVerification, "bundle selective disclosure: " + disclosure.error().message());
    }
    return make_error(ErrorCode::kVerification,
                      "the disclosure of '{}' matches no committed digest of the footprint or the receipt: its "
                      "value or salt was changed",
                      disclosure->name.value_or("(array element)"));
  }
  return for_receipt;
}

}  // namespace

util::Status check_receipt_disclosures(const Bundle& bundle, const json& predicate) {
  return receipt_disclosures(bundle, predicate).status();
}

util::Result<json> disclosed_receipt_predicate(const Bundle& bundle, const json& predicate) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<std::string> for_receipt, receipt_disclosures(bundle, predicate));
  auto resolved = crypto::resolve_sd_disclosures(predicate, for_receipt);
  if (!resolved.ok()) return resolved.error().with_context("receipt predicate");
  return std::move(resolved->claims);
}

std::vector<std::string> withheld_fields(const Bundle& bundle) {
  std::set<std::string> withheld;
  if (bundle.selective_disclosure) {
    for (const std::string& field : withheld_footprint_fields(bundle.footprint, *bundle.selective_disclosure)) {
      withheld.insert(field);
    }
  }
  for (const EvidenceDisclosure& batch : bundle.evidence) {
    for (const DisclosedRecord& item : batch.records) {
      for (const std::string& field : withheld_record_fields(item.record)) withheld.insert(field);
    }
  }
  return std::vector<std::string>(withheld.begin(), withheld.end());
}

util::Status withhold_fields(Bundle& bundle, const std::vector<std::string>& fields) {
  for (const std::string& field : fields) {
    const auto& known = withholdable_fields();
    if (std::find(known.begin(), known.end(), field) == known.end()) {
      return make_error(ErrorCode::kUsage, "'{}' cannot be withheld; choose among comment, boundary, site, supplier",
                        field);
    }
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::string before, bundle_footprint_digest(bundle));

  for (const std::string& field : fields) {
    if (const FootprintSdField* footprint = footprint_field(field)) {
      TRUSTPCF_RETURN_IF_ERROR(withhold_footprint_field(bundle, *footprint));
    } else {
      TRUSTPCF_RETURN_IF_ERROR(withhold_record_field(bundle, field));
    }
  }

  TRUSTPCF_ASSIGN_OR_RETURN(std::string after, bundle_footprint_digest(bundle));
  if (after != before) {
    return make_error(ErrorCode::kInternal, "withholding {} changed the footprint digest from {} to {}",
                      fmt::join(fields, ", "), before, after);
  }
  return util::Status();
}

}  // namespace trustpcf::proof
