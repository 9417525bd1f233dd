#pragma once

// Evidence records: activity data (meter readings, fuel and material
// purchases, production quantities, waste) signed by their source. A record's
// content is a JSON object with
//   activityType  what was measured ("electricity", "diesel"), required
//   flowName      the LCA flow it stands for, optional
//   quantity      plain decimal text ("1250.5"), required
//   unit          a known unit name (see UnitCatalog), required
//   periodStart, periodEnd  RFC 3339 date-times, start before end, required
//   site          where it was measured, required
//   supplier, recordId, comment  optional text
//   source        did:key of the signer, set by build_batch
// Its digest is the SHA-256 of its RFC 8785 (JCS) form, and its signature is
// Ed25519 by the source over that JCS form. A batch commits to its records
// with an RFC 9162 Merkle root over the 32-byte record digests, in file order.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crypto/ed25519.hpp"
#include "proof/merkle.hpp"
#include "proof/units.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

struct EvidenceRecord {
  nlohmann::json content;  // the signed fields listed above
  std::string digest;      // lower-case hex SHA-256 of the JCS form of content
  std::string signature;   // base64url Ed25519 signature over the JCS form
  // SD-JWT disclosures of the fields that content commits to by digest
  // ("_sd", see evidence_sd.hpp), for the fields this copy reveals.
  std::vector<std::string> disclosures;

  // {"content", "digest", "signature"}, plus "disclosures" when there are any.
  nlohmann::json to_json() const;
  // Errors: kInvalidInput naming the missing or malformed field.
  static util::Result<EvidenceRecord> from_json(const nlohmann::json& json);
};

struct EvidenceBatch {
  std::string source;  // did:key of the signer of every record
  std::vector<EvidenceRecord> records;

  // The Merkle root over the record digests, as lower-case hex. It is also
  // the batch id: two batches with the same records in the same order share it.
  std::string root_hex() const;
  // {"batchId", "treeSize", "rootHash" (hex), "source"}: what receipts name.
  nlohmann::json commitment() const;
};

// Parses activity data as CSV (a header row naming the fields above, RFC 4180
// quoting) into raw records. Empty cells are left out. Errors: kInvalidInput
// naming the line and column.
util::Result<std::vector<nlohmann::json>> parse_activity_csv(std::string_view text);

// Parses activity data as JSON: an array of records or {"records": [...]}.
// Errors: kInvalidInput naming the record index.
util::Result<std::vector<nlohmann::json>> parse_activity_json(std::string_view text);

// Checks and signs raw records into a batch. With `key` every record is
// signed by it, its `site` and `supplier` made selectively disclosable first
// (evidence_sd.hpp), and a record that already carries a "signature" is rejected.
// Without `key` (a did:key given as the source, no private key here) every
// record must carry a base64url "signature" made elsewhere by `source_key`
// over the JCS form of its content (with "source" set to that DID).
// Errors: kInvalidInput naming the record index and field (missing field,
// unknown unit, bad decimal or date, period end not after start, unknown
// field), kVerification naming the record when a carried signature fails.
util::Result<EvidenceBatch> build_batch(const std::vector<nlohmann::json>& raw_records,
                                        const UnitCatalog& units,
                                        const crypto::Ed25519PublicKey& source_key,
                                        const crypto::Ed25519KeyPair* key);

// Recomputes the digest, checks the signature against the record's own
// source DID and checks that each disclosure matches a signed digest.
// Errors: kVerification naming the record's digest and what failed.
util::Status verify_record(const EvidenceRecord& record);

// The message a source signs for `content`: its JCS form.
std::string evidence_signing_input(const nlohmann::json& content);

}  // namespace trustpcf::proof
