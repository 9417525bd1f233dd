#pragma once

// Calculation receipts: an in-toto Statement v1 in a DSSE envelope, signed
// by the calculating participant's Ed25519 key. The subject is the footprint
// ("urn:uuid:<footprint id>", digest {"sha256": footprint_digest}). The
// predicate, of type kReceiptPredicateType and documented in docs/bundle.md,
// names every input that changes the result:
//   {"footprintId", "engine": {"name", "version", "build"},
//    "evidence": [batch commitments], "backgroundDatabase": {"sha256"},
//    "productSystem": {"sha256", "definition"}, "characterization":
//    {"method", "sha256"}, "options": {name: value}}
// The DSSE keyid is the signer's did:key verification method, so a verifier
// needs no key distribution beyond deciding whom to trust.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/dsse.hpp"
#include "crypto/intoto.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

inline constexpr const char* kReceiptPredicateType = "https://trustpcf.dev/receipt/v1";

// What the calculation used. Digests are lower-case hex SHA-256.
struct ReceiptInputs {
  // Evidence batch commitments (EvidenceBatch::commitment()), in the order used.
  std::vector<nlohmann::json> evidence;
  // The background database digest computed at import.
  std::string background_database;
  // The product system: demand (process, product, amount) and the linking
  // choices. Stored whole in the receipt and named by its JCS digest.
  nlohmann::json product_system = nlohmann::json::object();
  // Characterization method name ("ipcc-ar6-gwp100") and the digest of its table.
  std::string characterization_method;
  std::string characterization_table;
  // Every other option that changes the result (allocation, cut-off, ...).
  std::map<std::string, std::string> options;
  // Engine identity; defaults to this build (util/version.hpp).
  std::string engine_version;
  std::string engine_build;
};

// Builds the statement of `footprint` and `inputs`. Errors: kInvalidInput when
// the footprint has no text "id" or a digest is not 64 hex digits.
util::Result<crypto::InTotoStatement> make_receipt_statement(const nlohmann::json& footprint,
                                                             const ReceiptInputs& inputs);

// Builds and signs the receipt. Errors: as make_receipt_statement.
util::Result<crypto::DsseEnvelope> make_receipt(const nlohmann::json& footprint,
                                                const ReceiptInputs& inputs,
                                                const crypto::Ed25519KeyPair& key);

struct VerifiedReceipt {
  crypto::InTotoStatement statement;
  std::string signer;  // did:key of the key whose signature verified
};

// Verifies the receipt: the signature of the key named by its keyid (a
// did:key), the predicate type, and that its subject digest equals
// footprint_digest(footprint). Whether the signer is trusted is the caller's
// decision. Errors: kVerification naming which signature, digest or field failed.
util::Result<VerifiedReceipt> verify_receipt(const crypto::DsseEnvelope& receipt,
                                             const nlohmann::json& footprint);

// The same checks against a footprint digest computed by the caller, who
// may have it already. Errors: as verify_receipt.
util::Result<VerifiedReceipt> verify_receipt_for_digest(const crypto::DsseEnvelope& receipt,
                                                        const std::string& footprint_id,
                                                        const std::string& footprint_digest);

// Lists the predicate fields in which two receipts differ ("backgroundDatabase",
// "options.allocation", ...), for explaining a failed recomputation.
std::vector<std::string> receipt_differences(const nlohmann::json& expected_predicate,
                                             const nlohmann::json& actual_predicate);

}  // namespace trustpcf::proof
