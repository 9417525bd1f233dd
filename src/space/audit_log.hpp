#pragma once

// The append-only audit log of access decisions: who (partner), what
// (action and target), the decision, which usage policy allowed it, when.
// SQLite triggers reject UPDATE and DELETE on the table.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace trustpcf::space {

struct AuditRecord {
  std::int64_t seq = 0;    // assigned by the store, increasing
  std::string at;          // RFC 3339 UTC time of the decision
  std::string partner_id;  // empty for unauthenticated requests
  std::string action;      // "token", "list", "get", "event", "catalog", "contract"
  std::string target;      // footprint id, event id or request summary
  std::string decision;    // "allow", "deny" or "served"
  std::string policy_id;   // the usage policy that allowed it, else empty
  std::string detail;      // short reason

  nlohmann::json to_json() const;
};

// After writing a batch, the writer waits this long before it takes the
// next one (unless flushed or stopped), so that under load one transaction
// and one disk sync carry many records. It bounds how stale `audit list` is
// while the node serves.
inline constexpr std::chrono::milliseconds kAuditBatchLinger{20};

// Writes records on a background thread in batches, one transaction per
// batch, so that request threads never wait for a disk sync.
// NOTE: records still queued when the process is killed (not stopped) are
// lost; a clean stop or flush() writes them all.
class AuditLog {
 public:
  // Opens its own connection to the store at `store_path`. Errors: kStorage.
  static util::Result<std::unique_ptr<AuditLog>> open(const std::filesystem::path& store_path);
  ~AuditLog();  // flushes and stops the writer

  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Queues `record`; `at` is filled with the current time when empty.
  void append(AuditRecord record);

  // Blocks until every record queued before the call is written.
  void flush();

 private:
  explicit AuditLog(std::unique_ptr<store::Database> db);
  void run();

  std::unique_ptr<store::Database> db_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable written_;
  std::deque<AuditRecord> queue_;
  std::uint64_t queued_count_ = 0;
  std::uint64_t written_count_ = 0;
  bool stopping_ = false;
  bool flushing_ = false;  // a flush() waits, so the writer skips its linger
  bool writer_idle_ = true;  // the writer waits for records; append() wakes it
  std::thread writer_;
};

// Appends `records` in one transaction. Errors: kStorage.
util::Status append_audit_records(store::Database& db, const std::vector<AuditRecord>& records);

// Lists records with seq > `after_seq` in order, at most `limit`.
util::Result<std::vector<AuditRecord>> list_audit_records(store::Database& db, std::int64_t after_seq,
                                                          std::size_t limit);

struct AuditDigest {
  std::int64_t first_seq = 0;  // first record covered; 0 when none
  std::int64_t last_seq = 0;   // last record covered; the next mark
  std::int64_t count = 0;
  std::string sha256;          // hex SHA-256 of the records' lines
};

// Digests every record with seq > `mark`: SHA-256 over each record's
// to_json().dump() (keys sorted, no spaces) followed by "\n", in seq order.
// The transparency log records it; `last_seq` is the mark for the next call.
util::Result<AuditDigest> digest_audit_since(store::Database& db, std::int64_t mark);

}  // namespace trustpcf::space
