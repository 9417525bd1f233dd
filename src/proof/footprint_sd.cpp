#include "proof/footprint_sd.hpp"

#include <algorithm>
#include <map>

#include "crypto/jcs.hpp"
#include "crypto/sd_jwt.hpp"
#include "proof/footprint_digest.hpp"

namespace trustpcf::proof {
namespace {

using nlohmann::json;
using util::ErrorCode;
using util::make_error;

// Domain label of footprint field salts, so they never equal salts that the
// same key derives for other documents.
constexpr std::string_view kFootprintSaltLabel = "trustpcf footprint field";

json::json_pointer pointer_of(const std::string& text) { return json::json_pointer(text); }

// The "_sd" array of the object at `object_pointer` in `digests`, or null.
const json* committed_digests(const json& digests, const std::string& object_pointer) {
  json::json_pointer pointer = pointer_of(object_pointer + "/_sd");
  if (!digests.contains(pointer)) return nullptr;
  const json& array = digests.at(pointer);
  return array.is_array() ? &array : nullptr;
}

bool contains_digest(const json* digests, const std::string& digest) {
  return digests != nullptr && std::find(digests->begin(), digests->end(), digest) != digests->end();
}

// The object at `object_pointer` in `footprint`, or null.
const json* object_at(const json& footprint, const std::string& object_pointer) {
  json::json_pointer pointer = pointer_of(object_pointer);
  if (!footprint.contains(pointer)) return nullptr;
  const json& object = footprint.at(pointer);
  return object.is_object() ? &object : nullptr;
}

}  // namespace

nlohmann::json SelectiveDisclosure::to_json() const {
  return {{"footprintDigests", footprint_digests}, {"disclosures", disclosures}};
}

util::Result<SelectiveDisclosure> SelectiveDisclosure::from_json(const json& json) {
  SelectiveDisclosure sd;
  if (!json.is_object() || !json.contains("footprintDigests") || !json["footprintDigests"].is_object()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "bundle selectiveDisclosure.footprintDigests object is missing");
  }
  sd.footprint_digests = json["footprintDigests"];
  const nlohmann::json disclosures = json.value("disclosures", nlohmann::json::array());
  if (!disclosures.is_array()) {
    return util::Error(ErrorCode::kInvalidInput, "bundle selectiveDisclosure.disclosures is not an array");
  }
  for (const auto& disclosure : disclosures) {
    if (!disclosure.is_string()) {
      return util::Error(ErrorCode::kInvalidInput,
                         "bundle selectiveDisclosure.disclosures has a member that is not text");
    }
    sd.disclosures.push_back(disclosure);
  }
  return sd;
}

const std::vector<FootprintSdField>& footprint_sd_fields() {
  static const std::vector<FootprintSdField> fields = {
      {"comment", "", "comment"},
      {"boundary", "/pcf", "boundaryProcessesDescription"},
  };
  return fields;
}

SelectiveDisclosure make_footprint_disclosable(const json& footprint, const crypto::Ed25519KeyPair& key) {
  SelectiveDisclosure sd;
  const json core = footprint_core(footprint);
  const std::string id = core.value("id", "");
  for (const FootprintSdField& field : footprint_sd_fields()) {
    const json* object = object_at(core, field.object_pointer);
    if (object == nullptr || !object->contains(field.member)) continue;
    const json& value = (*object)[field.member];

    // Keyed salts keep `footprint compute` deterministic (same inputs and key,
    // same bundle bytes) while a receiver cannot test guesses of the value.
    std::string salt_input = fmt::format("{}\n{}\n{}/{}\n{}", kFootprintSaltLabel, id, field.object_pointer,
                                         field.member, crypto::canonicalize(value));
    crypto::SdJwtDisclosure disclosure =
        crypto::make_sd_jwt_disclosure(crypto::derive_sd_jwt_salt(key, salt_input), field.member, value);
    sd.footprint_digests[pointer_of(std::string(field.object_pointer) + "/_sd")].push_back(disclosure.digest);
    sd.disclosures.push_back(disclosure.encoded);
  }
  // Sorted, as RFC 9901 recommends, so that the order of digests reveals nothing.
  for (const FootprintSdField& field : footprint_sd_fields()) {
    json::json_pointer pointer = pointer_of(std::string(field.object_pointer) + "/_sd");
    if (!sd.footprint_digests.contains(pointer)) continue;
    json& digests = sd.footprint_digests[pointer];
    std::vector<std::string> sorted = digests.get<std::vector<std::string>>();
    std::sort(sorted.begin(), sorted.end());
    digests = sorted;
  }
  return sd;
}

util::Result<json> committed_footprint(const json& footprint, const SelectiveDisclosure* sd) {
  json committed = footprint_core(footprint);
  if (sd == nullptr) return committed;

  // Disclosures by name; the receipt's request comment shares the name
  // "comment", so a name may have several.
  std::multimap<std::string, crypto::SdJwtDisclosure> by_name;
  for (const std::string& encoded : sd->disclosures) {
    auto disclosure = crypto::parse_sd_jwt_disclosure(encoded);
    if (!disclosure.ok()) {
      return util::Error(ErrorCode::kVerification, "bundle selective disclosure: " + disclosure.error().message());
    }
    if (!disclosure->name) {
      return make_error(ErrorCode::kVerification,
                        "bundle selective disclosure '{:.40}' is an array element; footprint fields are "
                        "object members",
                        encoded);
    }
    by_name.emplace(*disclosure->name, std::move(disclosure).value());
  }

  for (const FootprintSdField& field : footprint_sd_fields()) {
    const json* digests = committed_digests(sd->footprint_digests, field.object_pointer);
    if (digests == nullptr || digests->empty()) continue;
    json::json_pointer object_pointer = pointer_of(field.object_pointer);
    if (!committed.contains(object_pointer) || !committed.at(object_pointer).is_object()) {
      return make_error(ErrorCode::kVerification,
                        "the footprint has no object at '{}' for the committed digests of field '{}'",
                        field.object_pointer, field.option);
    }
    json& object = committed.at(object_pointer);
    if (object.contains("_sd")) {
      return make_error(ErrorCode::kVerification, "the footprint object at '{}' already has a member \"_sd\"",
                        field.object_pointer);
    }

    const crypto::SdJwtDisclosure* matching = nullptr;
    bool named = false;
    auto [first, last] = by_name.equal_range(field.member);
    for (auto it = first; it != last; ++it) {
      named = true;
      if (contains_digest(digests, it->second.digest)) matching = &it->second;
    }
    if (object.contains(field.member)) {
      if (matching == nullptr && named) {
        return make_error(ErrorCode::kVerification,
                          "the disclosure of footprint field '{}' ({}) matches none of the committed "
                          "digests: its value or salt was changed",
                          field.option, field.member);
      }
      if (matching == nullptr) {
        return make_error(ErrorCode::kVerification,
                          "footprint field '{}' ({}) is committed by digest, but the bundle carries no "
                          "disclosure for its value",
                          field.option, field.member);
      }
      if (object[field.member] != matching->value) {
        return make_error(ErrorCode::kVerification,
                          "footprint field '{}' ({}) differs from the value its disclosure commits to",
                          field.option, field.member);
      }
      object.erase(field.member);
    } else if (matching != nullptr) {
      return make_error(ErrorCode::kVerification,
                        "footprint field '{}' ({}) is disclosed, but the footprint has no value for it",
                        field.option, field.member);
    }
    object["_sd"] = *digests;
  }
  return committed;
}

std::vector<std::string> withheld_footprint_fields(const json& footprint, const SelectiveDisclosure& sd) {
  std::vector<std::string> withheld;
  for (const FootprintSdField& field : footprint_sd_fields()) {
    const json* digests = committed_digests(sd.footprint_digests, field.object_pointer);
    if (digests == nullptr || digests->empty()) continue;
    // footprint_core() changes neither field's object, so no copy is needed.
    const json* object = object_at(footprint, field.object_pointer);
    if (object == nullptr || !object->contains(field.member)) withheld.emplace_back(field.option);
  }
  return withheld;
}

}  // namespace trustpcf::proof
