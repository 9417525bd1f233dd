#pragma once

// Selectively disclosable evidence record fields: `site` and `supplier` name
// the owner's sites and suppliers, so `evidence add` replaces them in the
// signed content by an "_sd" array of SD-JWT disclosure digests (RFC 9901)
// and keeps the disclosures beside the record. A bundle reveals a field by
// carrying its disclosure and withholds it by leaving the disclosure out.
// The record's digest and signature stay valid either way.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "proof/evidence.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// The record fields that are made selectively disclosable: "site", "supplier".
const std::vector<std::string>& evidence_sd_fields();

// Replaces each evidence_sd_fields() member of `content` by a digest in its
// "_sd" array (sorted) and returns the disclosures. Salts are derived from
// `key` and the whole content, so adding the same records again gives the
// same digests and batch id. Precondition: `content` has no "_sd" member.
std::vector<std::string> make_record_fields_disclosable(nlohmann::json& content,
                                                        const crypto::Ed25519KeyPair& key);

// For a record signed elsewhere that carries "_sd" and "disclosures":
// returns the raw record with each disclosed field in place and without
// "_sd" and "disclosures", for the field checks. Errors: kInvalidInput naming
// the record index when a disclosure is malformed, names a field outside
// evidence_sd_fields() or matches no digest of "_sd".
util::Result<nlohmann::json> disclosed_raw_record(const nlohmann::json& raw, std::size_t index);

// Checks that every disclosure of `record` matches a digest of its signed
// content. Errors: kVerification naming the record digest and the field.
util::Status check_record_disclosures(const EvidenceRecord& record);

// The record's content with each disclosed field in place and "_sd" removed.
// Errors: as check_record_disclosures.
util::Result<nlohmann::json> disclosed_content(const EvidenceRecord& record);

// The evidence_sd_fields() that the record commits to by digest but whose
// disclosure it does not carry.
std::vector<std::string> withheld_record_fields(const EvidenceRecord& record);

}  // namespace trustpcf::proof
