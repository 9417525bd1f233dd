#pragma once

// Selective disclosure in a proof bundle: the owner withholds chosen fields
// (the footprint's comment and boundary description, the site and supplier
// of evidence records) from the copy it gives a customer, and the copy still
// verifies. Footprint fields are committed by digest in the footprint digest
// (footprint_sd.hpp). The receipt commits to the request comment the same
// way, because the request repeats the user's comment. Evidence fields are
// committed by digest in the signed record content (evidence_sd.hpp).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "proof/bundle.hpp"
#include "proof/receipt.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// The names `trustpcf disclose --withhold` accepts, in this order:
// "comment", "boundary" (footprint), "site", "supplier" (evidence records).
const std::vector<std::string>& withholdable_fields();

// Makes the footprint fields of `bundle.footprint` selectively disclosable
// (sets bundle.selective_disclosure) and, when the comment is, the request
// comment in `inputs.product_system` too. Salts are derived from `key`, the
// receipt signer's, so the same computation writes the same bytes. Call it
// before the receipt is signed.
void make_bundle_fields_disclosable(Bundle& bundle, ReceiptInputs& inputs,
                                    const crypto::Ed25519KeyPair& key);

// The committed form of the bundle's footprint and its digest (lower-case
// hex), which receipts, credentials and log entries name. Errors:
// kVerification naming the field whose disclosure does not match.
util::Result<nlohmann::json> committed_bundle_footprint(const Bundle& bundle);
util::Result<std::string> bundle_footprint_digest(const Bundle& bundle);

// Checks that each bundle disclosure matches a committed digest of the
// footprint or of the receipt `predicate`. Errors: kVerification naming the
// field of the first that matches neither.
util::Status check_receipt_disclosures(const Bundle& bundle, const nlohmann::json& predicate);

// The receipt predicate with each disclosed request field in place, for
// recomputation. Errors: as check_receipt_disclosures, and kVerification
// from the SD-JWT checks of the disclosures the receipt references.
util::Result<nlohmann::json> disclosed_receipt_predicate(const Bundle& bundle,
                                                         const nlohmann::json& predicate);

// Withholdable fields that the bundle commits to by digest but does not
// reveal, sorted and without repeats.
std::vector<std::string> withheld_fields(const Bundle& bundle);

// Drops the values and disclosures of `fields` (withholdable_fields() names)
// from the bundle; its footprint digest stays the same. Errors: kUsage for
// an unknown field name; kInvalidInput when a field is present in plain
// form (a bundle or evidence record made before selective disclosure), so
// dropping it would break a digest.
util::Status withhold_fields(Bundle& bundle, const std::vector<std::string>& fields);

}  // namespace trustpcf::proof
