#include "proof/evidence_store.hpp"

#include "crypto/jcs.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr const char* kSchemaModule = "proof.evidence";
constexpr int kSchemaVersion = 1;
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE proof_evidence_batches (
  batch_id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  origin TEXT NOT NULL,
  added_at TEXT NOT NULL
);
CREATE TABLE proof_evidence_records (
  batch_id TEXT NOT NULL REFERENCES proof_evidence_batches(batch_id),
  record_index INTEGER NOT NULL,
  digest TEXT NOT NULL,
  content TEXT NOT NULL,
  signature TEXT NOT NULL,
  PRIMARY KEY (batch_id, record_index)
);
)sql";

// The SD-JWT disclosures of each record (evidence_sd.hpp), as a JSON array
// of base64url texts, in a table of their own so that the records table keeps
// its first schema.
constexpr const char* kDisclosuresSchemaModule = "proof.evidence_disclosures";
constexpr int kDisclosuresSchemaVersion = 1;
constexpr const char* kDisclosuresSchemaV1 = R"sql(
CREATE TABLE proof_evidence_disclosures (
  batch_id TEXT NOT NULL REFERENCES proof_evidence_batches(batch_id),
  record_index INTEGER NOT NULL,
  disclosures TEXT NOT NULL,
  PRIMARY KEY (batch_id, record_index)
);
)sql";

// Shortest prefix accepted in place of a full batch id, in hex digits.
constexpr std::size_t kMinBatchIdPrefix = 8;

}  // namespace

util::Status ensure_evidence_schema(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(db.ensure_schema(kSchemaModule, kSchemaVersion, kSchemaV1));
  return db.ensure_schema(kDisclosuresSchemaModule, kDisclosuresSchemaVersion, kDisclosuresSchemaV1);
}

util::Result<bool> store_batch(store::Database& db, const EvidenceBatch& batch,
                               const std::string& origin) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_evidence_schema(db));
  std::string batch_id = batch.root_hex();
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db));

  TRUSTPCF_ASSIGN_OR_RETURN(auto existing,
                            db.prepare("SELECT 1 FROM proof_evidence_batches WHERE batch_id = ?"));
  existing.bind(1, std::string_view(batch_id));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, existing.step());
  if (found) return false;

  TRUSTPCF_ASSIGN_OR_RETURN(
      auto insert_batch,
      db.prepare("INSERT INTO proof_evidence_batches (batch_id, source, record_count, origin, "
                 "added_at) VALUES (?, ?, ?, ?, ?)"));
  insert_batch.bind(1, std::string_view(batch_id))
      .bind(2, std::string_view(batch.source))
      .bind(3, static_cast<std::int64_t>(batch.records.size()))
      .bind(4, std::string_view(origin))
      .bind(5, std::string_view(util::format_rfc3339(util::Clock::now())));
  TRUSTPCF_RETURN_IF_ERROR(insert_batch.run());

  TRUSTPCF_ASSIGN_OR_RETURN(
      auto insert_record,
      db.prepare("INSERT INTO proof_evidence_records (batch_id, record_index, digest, content, "
                 "signature) VALUES (?, ?, ?, ?, ?)"));
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    const EvidenceRecord& record = batch.records[i];
    std::string content = crypto::canonicalize(record.content);
    insert_record.reset();
    insert_record.bind(1, std::string_view(batch_id))
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, std::string_view(record.digest))
        .bind(4, std::string_view(content))
        .bind(5, std::string_view(record.signature));
    TRUSTPCF_RETURN_IF_ERROR(insert_record.run());
  }
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto insert_disclosures,
      db.prepare("INSERT INTO proof_evidence_disclosures (batch_id, record_index, disclosures) VALUES (?, ?, ?)"));
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    const EvidenceRecord& record = batch.records[i];
    if (record.disclosures.empty()) continue;
    std::string disclosures = nlohmann::json(record.disclosures).dump();
    insert_disclosures.reset();
    insert_disclosures.bind(1, std::string_view(batch_id))
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, std::string_view(disclosures));
    TRUSTPCF_RETURN_IF_ERROR(insert_disclosures.run());
  }
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  return true;
}

util::Result<std::vector<StoredBatchSummary>> list_batches(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_evidence_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db.prepare("SELECT batch_id, source, record_count, origin, added_at FROM "
                             "proof_evidence_batches ORDER BY added_at, batch_id"));
  std::vector<StoredBatchSummary> batches;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    batches.push_back({query.column_text(0), query.column_text(1), query.column_int(2),
                       query.column_text(3), query.column_text(4)});
  }
  return batches;
}

util::Result<EvidenceBatch> load_batch(store::Database& db, const std::string& id) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_evidence_schema(db));
  if (id.size() < kMinBatchIdPrefix) {
    return make_error(ErrorCode::kUsage,
                      "batch id '{}' is too short; give at least {} hex digits", id,
                      kMinBatchIdPrefix);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto query, db.prepare("SELECT batch_id, source FROM proof_evidence_batches WHERE "
                             "substr(batch_id, 1, ?) = ? ORDER BY batch_id"));
  query.bind(1, static_cast<std::int64_t>(id.size())).bind(2, std::string_view(id));
  std::vector<std::pair<std::string, std::string>> matches;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    matches.emplace_back(query.column_text(0), query.column_text(1));
  }
  if (matches.empty()) {
    return make_error(ErrorCode::kNotFound,
                      "evidence batch '{}' not found; `trustpcf evidence list` shows the stored "
                      "batches",
                      id);
  }
  if (matches.size() > 1) {
    return make_error(ErrorCode::kUsage, "batch id prefix '{}' matches {} batches; give more digits",
                      id, matches.size());
  }

  EvidenceBatch batch;
  batch.source = matches[0].second;
  TRUSTPCF_ASSIGN_OR_RETURN(
      auto records, db.prepare("SELECT r.digest, r.content, r.signature, d.disclosures FROM "
                               "proof_evidence_records r LEFT JOIN proof_evidence_disclosures d "
                               "ON d.batch_id = r.batch_id AND d.record_index = r.record_index "
                               "WHERE r.batch_id = ? ORDER BY r.record_index"));
  records.bind(1, std::string_view(matches[0].first));
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, records.step());
    if (!row) break;
    EvidenceRecord record;
    record.digest = records.column_text(0);
    TRUSTPCF_ASSIGN_OR_RETURN(record.content, crypto::parse_json_strict(records.column_text(1)));
    record.signature = records.column_text(2);
    std::string disclosures_text = records.column_text(3);  // empty when the record has none
    if (!disclosures_text.empty()) {
      TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json disclosures, crypto::parse_json_strict(disclosures_text));
      record.disclosures = disclosures.get<std::vector<std::string>>();
    }
    batch.records.push_back(std::move(record));
  }
  return batch;
}

}  // namespace trustpcf::proof
