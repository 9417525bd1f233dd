#pragma once

// Audit digests in the node's transparency log, so that the audit log
// cannot be rewritten silently. Each publication appends one entry naming
// the SHA-256 digest (digest_audit_since) of the audit records after the
// previous publication, with their sequence range:
//   {"afterSeq":N,"count":C,"firstSeq":F,"lastSeq":L,"node":"urn:...",
//    "publishedAt":"...","sha256":"...","type":"trustpcf.audit-digest/v1"}
// in RFC 8785 (JCS) form. Verification reads every such entry back from the
// log and recomputes its digest from the stored records.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "space/audit_log.hpp"
#include "store/database.hpp"
#include "tlog/log.hpp"
#include "tlog/log_access.hpp"
#include "util/time.hpp"

namespace trustpcf::space {

// Value of the entry's "type" member.
inline constexpr const char* kAuditDigestType = "trustpcf.audit-digest/v1";
// Default period of `serve --audit-digest-interval`: an hour bounds how much
// of the audit log a rewrite could touch unseen, at 24 log entries a day.
inline constexpr std::chrono::minutes kDefaultAuditDigestInterval{60};

struct PublishedAuditDigest {
  std::uint64_t log_index = 0;
  std::int64_t after_seq = 0;  // the records covered have seq > after_seq
  AuditDigest digest;
  std::string published_at;    // RFC 3339
};

// Digests the records with after_seq < seq <= last_seq as digest_audit_since
// does. Errors: kStorage.
util::Result<AuditDigest> digest_audit_range(store::Database& db, std::int64_t after_seq, std::int64_t last_seq);

// Appends to `log` the digest of the audit records after the last
// published one and records the publication in the store. Returns nullopt
// when there are no new records. `node` is the node's company id. Errors:
// those of the log (kStorage, kInvalidInput) and kStorage.
util::Result<std::optional<PublishedAuditDigest>> publish_audit_digest(tlog::LogAccess& log, store::Database& db,
                                                                       const std::string& node,
                                                                       util::Clock::time_point now);

struct AuditDigestCheck {
  PublishedAuditDigest entry;  // as read from the log
  bool ok = false;
  std::string problem;         // why not, when !ok
};

struct AuditVerification {
  std::vector<AuditDigestCheck> checks;  // in log order
  std::int64_t covered_through = 0;      // the last seq any digest in the log covers
  std::int64_t unpublished = 0;          // records after covered_through
  bool ok = true;                        // every check passed
};

// Reads every audit-digest entry of `log`, recomputes each digest from the
// store and checks that the digests cover the records from the first one
// without gaps. A failed check is reported in the result, not as an error.
// Errors: kStorage when the log or the store cannot be read.
util::Result<AuditVerification> verify_audit_digests(const tlog::Log& log, store::Database& db);

// Runs `task` every `interval` on a background thread until stop().
class PeriodicTask {
 public:
  PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task);
  ~PeriodicTask();  // stops
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Wakes the thread and waits for it; the task does not run again.
  void stop();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace trustpcf::space
