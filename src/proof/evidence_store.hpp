#pragma once

// Evidence batches in the node's store, in tables owned by the proof module
// (proof_evidence_batches, proof_evidence_records). A batch is keyed by its
// Merkle root, so adding the same records again stores nothing new.

#include <optional>
#include <string>
#include <vector>

#include "proof/evidence.hpp"
#include "store/database.hpp"

namespace trustpcf::proof {

struct StoredBatchSummary {
  std::string batch_id;  // the Merkle root, lower-case hex
  std::string source;    // did:key of the signer
  std::int64_t record_count = 0;
  std::string origin;    // the file it was read from
  std::string added_at;  // RFC 3339
};

// Creates the proof module's evidence tables when missing.
util::Status ensure_evidence_schema(store::Database& db);

// Stores the batch and its records in one transaction. Returns false when a
// batch with the same id was already stored (nothing changes). Errors: kStorage.
util::Result<bool> store_batch(store::Database& db, const EvidenceBatch& batch,
                               const std::string& origin);

// Every stored batch, oldest first. Errors: kStorage.
util::Result<std::vector<StoredBatchSummary>> list_batches(store::Database& db);

// Loads one batch by id or by a unique prefix of at least 8 hex digits.
// Errors: kNotFound naming `id`, kUsage when the prefix is ambiguous.
util::Result<EvidenceBatch> load_batch(store::Database& db, const std::string& id);

}  // namespace trustpcf::proof
