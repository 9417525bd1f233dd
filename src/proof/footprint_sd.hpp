#pragma once

// Selectively disclosable footprint fields. The footprint digest is taken
// over a committed form in which the footprint's `comment` and
// `pcf.boundaryProcessesDescription` are replaced by "_sd" arrays of SD-JWT
// disclosure digests (RFC 9901: base64url SHA-256 of the disclosure, a
// disclosure being base64url of the JSON array [salt, name, value]). The
// bundle carries those arrays and the disclosures of the fields it reveals,
// so a bundle that withholds a field keeps the same footprint digest.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// The bundle's selective disclosure part (`data.selectiveDisclosure`).
struct SelectiveDisclosure {
  // The "_sd" arrays of the committed footprint at their places, for example
  // {"_sd": [digest of comment], "pcf": {"_sd": [digest of boundary]}}.
  nlohmann::json footprint_digests = nlohmann::json::object();
  // The disclosures the bundle reveals: footprint fields and the request
  // comment of the receipt (see make_receipt_comment_disclosable).
  std::vector<std::string> disclosures;

  // {"footprintDigests", "disclosures"}.
  nlohmann::json to_json() const;
  // Errors: kInvalidInput naming the malformed member.
  static util::Result<SelectiveDisclosure> from_json(const nlohmann::json& json);
};

// A footprint field the owner may withhold: its name on the command line
// ("comment", "boundary"), the JSON Pointer of its object in the footprint
// and its member name there.
struct FootprintSdField {
  const char* option;
  const char* object_pointer;
  const char* member;
};
const std::vector<FootprintSdField>& footprint_sd_fields();

// Makes every footprint_sd_fields() member that `footprint` has disclosable,
// with salts derived from `key` (crypto::derive_sd_jwt_salt) so that the same
// footprint and key always give the same bytes. The result has no digests and
// no disclosures when the footprint has none of the fields.
SelectiveDisclosure make_footprint_disclosable(const nlohmann::json& footprint,
                                               const crypto::Ed25519KeyPair& key);

// The committed form of `footprint`: footprint_core() with each field whose
// disclosure `sd` carries removed and the "_sd" arrays of `sd` in place.
// Without `sd` it is footprint_core(footprint). Errors: kVerification naming
// the field when a disclosure matches no committed digest (its value or salt
// was changed), when the footprint's value differs from its disclosure, or
// when a field with committed digests is present without its disclosure.
util::Result<nlohmann::json> committed_footprint(const nlohmann::json& footprint,
                                                 const SelectiveDisclosure* sd);

// Footprint fields (options of footprint_sd_fields()) that have a committed
// digest but neither a value in `footprint` nor a disclosure in `sd`.
std::vector<std::string> withheld_footprint_fields(const nlohmann::json& footprint,
                                                   const SelectiveDisclosure& sd);

}  // namespace trustpcf::proof
