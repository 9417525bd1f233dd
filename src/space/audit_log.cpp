#include "space/audit_log.hpp"

#include <spdlog/spdlog.h>
#include <sodium.h>

#include "space/schema.hpp"
#include "space/secrets.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

nlohmann::json AuditRecord::to_json() const {
  return {{"seq", seq},           {"at", at},         {"partnerId", partner_id}, {"action", action},
          {"target", target},     {"decision", decision}, {"policyId", policy_id}, {"detail", detail}};
}

util::Result<std::unique_ptr<AuditLog>> AuditLog::open(const std::filesystem::path& store_path) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto db, store::Database::open(store_path));
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(*db));
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(db)));
}

AuditLog::AuditLog(std::unique_ptr<store::Database> db) : db_(std::move(db)) {
  writer_ = std::thread([this] { run(); });
}

AuditLog::~AuditLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
}

void AuditLog::append(AuditRecord record) {
  if (record.at.empty()) record.at = util::format_rfc3339(util::Clock::now());
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(record));
    ++queued_count_;
    // Only an idle writer needs a wake-up; a busy or lingering one takes
    // the record with its next batch.
    wake = writer_idle_;
    writer_idle_ = false;
  }
  if (wake) wake_.notify_one();
}

void AuditLog::flush() {
  std::unique_lock<std::mutex> lock(mutex_);
  const std::uint64_t target = queued_count_;
  flushing_ = true;
  wake_.notify_one();
  written_.wait(lock, [&] { return written_count_ >= target; });
  flushing_ = false;
}

void AuditLog::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    writer_idle_ = queue_.empty();
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty() && stopping_) return;
    writer_idle_ = false;
    std::vector<AuditRecord> batch(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
    lock.unlock();

    util::Status status = append_audit_records(*db_, batch);
    if (!status.ok()) {
      spdlog::error("audit records lost count={} error={}", batch.size(), status.error().message());
    }

    lock.lock();
    written_count_ += batch.size();
    written_.notify_all();
    wake_.wait_for(lock, kAuditBatchLinger, [&] { return stopping_ || flushing_; });
  }
}

util::Status append_audit_records(store::Database& db, const std::vector<AuditRecord>& records) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto insert, db.prepare("INSERT INTO space_audit(at_text, partner_id, action, target, "
                                                    "decision, policy_id, detail) VALUES(?, ?, ?, ?, ?, ?, ?)"));
  for (const AuditRecord& record : records) {
    insert.reset();
    std::string at = record.at.empty() ? util::format_rfc3339(util::Clock::now()) : record.at;
    insert.bind(1, at).bind(2, record.partner_id).bind(3, record.action).bind(4, record.target);
    insert.bind(5, record.decision).bind(6, record.policy_id).bind(7, record.detail);
    TRUSTPCF_RETURN_IF_ERROR(insert.run());
  }
  return transaction.commit();
}

util::Result<std::vector<AuditRecord>> list_audit_records(store::Database& db, std::int64_t after_seq,
                                                          std::size_t limit) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT seq, at_text, partner_id, action, target, decision, "
                                                   "policy_id, detail FROM space_audit WHERE seq > ? "
                                                   "ORDER BY seq LIMIT ?"));
  query.bind(1, after_seq).bind(2, static_cast<std::int64_t>(limit));
  std::vector<AuditRecord> records;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    AuditRecord record;
    record.seq = query.column_int(0);
    record.at = query.column_text(1);
    record.partner_id = query.column_text(2);
    record.action = query.column_text(3);
    record.target = query.column_text(4);
    record.decision = query.column_text(5);
    record.policy_id = query.column_text(6);
    record.detail = query.column_text(7);
    records.push_back(std::move(record));
  }
  return records;
}

util::Result<AuditDigest> digest_audit_since(store::Database& db, std::int64_t mark) {
  // Reads in pages so that a long log is never held in memory at once.
  constexpr std::size_t kPageSize = 1000;
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  AuditDigest digest;
  digest.last_seq = mark;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto records, list_audit_records(db, digest.last_seq, kPageSize));
    for (const AuditRecord& record : records) {
      std::string line = record.to_json().dump() + "\n";
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(line.data()), line.size());
      if (digest.first_seq == 0) digest.first_seq = record.seq;
      digest.last_seq = record.seq;
      ++digest.count;
    }
    if (records.size() < kPageSize) break;
  }
  unsigned char raw[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, raw);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  digest.sha256 = hex;
  return digest;
}

}  // namespace trustpcf::space
