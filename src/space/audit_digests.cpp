#include "space/audit_digests.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include "crypto/jcs.hpp"
#include "space/schema.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// Records read per query while digesting, so a long audit log is never
// held in memory at once.
constexpr std::size_t kDigestPageSize = 1000;

// The store's index of publications: where each digest went in the log and
// the mark (last_seq) of the next one. The log entries are the evidence;
// this table only saves scanning the log for the mark.
constexpr const char* kDigestsSchemaV1 = R"sql(
CREATE TABLE space_audit_digests (
  log_index INTEGER PRIMARY KEY,
  after_seq INTEGER NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  count INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  published_at TEXT NOT NULL
);
)sql";

util::Status ensure_digests_schema(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  return db.ensure_schema("space-audit-digests", 1, kDigestsSchemaV1);
}

util::Result<std::int64_t> last_published_seq(store::Database& db) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT coalesce(max(last_seq), 0) FROM space_audit_digests"));
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  return found ? query.column_int(0) : 0;
}

std::string entry_text(const PublishedAuditDigest& published, const std::string& node) {
  return crypto::canonicalize(nlohmann::json{{"type", kAuditDigestType},
                                             {"node", node},
                                             {"afterSeq", published.after_seq},
                                             {"firstSeq", published.digest.first_seq},
                                             {"lastSeq", published.digest.last_seq},
                                             {"count", published.digest.count},
                                             {"sha256", published.digest.sha256},
                                             {"publishedAt", published.published_at}});
}

// Reads an audit-digest entry; nullopt for entries of other types.
std::optional<PublishedAuditDigest> parse_entry(const std::string& entry, std::uint64_t index) {
  nlohmann::json json = nlohmann::json::parse(entry, nullptr, false);
  if (!json.is_object() || json.value("type", "") != kAuditDigestType) return std::nullopt;
  PublishedAuditDigest published;
  published.log_index = index;
  published.after_seq = json.value("afterSeq", std::int64_t{-1});
  published.digest.first_seq = json.value("firstSeq", std::int64_t{0});
  published.digest.last_seq = json.value("lastSeq", std::int64_t{-1});
  published.digest.count = json.value("count", std::int64_t{0});
  published.digest.sha256 = json.value("sha256", "");
  published.published_at = json.value("publishedAt", "");
  return published;
}

}  // namespace

util::Result<AuditDigest> digest_audit_range(store::Database& db, std::int64_t after_seq, std::int64_t last_seq) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  AuditDigest digest;
  digest.last_seq = after_seq;
  bool done = false;
  while (!done) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto records, list_audit_records(db, digest.last_seq, kDigestPageSize));
    done = records.size() < kDigestPageSize;
    for (const AuditRecord& record : records) {
      if (record.seq > last_seq) {
        done = true;
        break;
      }
      // The same line form as digest_audit_since.
      std::string line = record.to_json().dump() + "\n";
      crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(line.data()), line.size());
      if (digest.first_seq == 0) digest.first_seq = record.seq;
      digest.last_seq = record.seq;
      ++digest.count;
    }
  }
  unsigned char raw[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state, raw);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  digest.sha256 = hex;
  return digest;
}

util::Result<std::optional<PublishedAuditDigest>> publish_audit_digest(tlog::LogAccess& log, store::Database& db,
                                                                       const std::string& node,
                                                                       util::Clock::time_point now) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_digests_schema(db));
  PublishedAuditDigest published;
  TRUSTPCF_ASSIGN_OR_RETURN(published.after_seq, last_published_seq(db));
  TRUSTPCF_ASSIGN_OR_RETURN(published.digest, digest_audit_since(db, published.after_seq));
  if (published.digest.count == 0) return std::optional<PublishedAuditDigest>();
  published.published_at = util::format_rfc3339(now);

  // The log entry first: when the process dies before the store records
  // it, the next digest repeats the same records, which verification accepts.
  TRUSTPCF_ASSIGN_OR_RETURN(published.log_index, log.append(entry_text(published, node)));
  TRUSTPCF_ASSIGN_OR_RETURN(auto insert, db.prepare("INSERT INTO space_audit_digests(log_index, after_seq, first_seq, "
                                                    "last_seq, count, sha256, published_at) VALUES(?, ?, ?, ?, ?, ?, ?)"));
  insert.bind(1, static_cast<std::int64_t>(published.log_index)).bind(2, published.after_seq);
  insert.bind(3, published.digest.first_seq).bind(4, published.digest.last_seq).bind(5, published.digest.count);
  insert.bind(6, published.digest.sha256).bind(7, published.published_at);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  spdlog::info("audit digest published log_index={} first_seq={} last_seq={} count={}", published.log_index,
               published.digest.first_seq, published.digest.last_seq, published.digest.count);
  return std::optional<PublishedAuditDigest>(std::move(published));
}

util::Result<AuditVerification> verify_audit_digests(const tlog::Log& log, store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  AuditVerification verification;
  const std::uint64_t size = log.state().size;
  for (std::uint64_t index = 0; index < size; ++index) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string entry, log.read_entry(index));
    std::optional<PublishedAuditDigest> published = parse_entry(entry, index);
    if (!published) continue;

    AuditDigestCheck check;
    check.entry = *published;
    TRUSTPCF_ASSIGN_OR_RETURN(AuditDigest recomputed,
                              digest_audit_range(db, published->after_seq, published->digest.last_seq));
    if (published->after_seq > verification.covered_through) {
      check.problem = fmt::format("records {} to {} are covered by no digest before log entry {}",
                                  verification.covered_through + 1, published->after_seq, index);
    } else if (recomputed.count != published->digest.count || recomputed.last_seq != published->digest.last_seq) {
      check.problem = fmt::format("log entry {} covers {} records through seq {}, the store has {} through seq {}",
                                  index, published->digest.count, published->digest.last_seq, recomputed.count,
                                  recomputed.last_seq);
    } else if (recomputed.sha256 != published->digest.sha256) {
      check.problem = fmt::format("records {} to {} differ from the digest in log entry {}",
                                  published->after_seq + 1, published->digest.last_seq, index);
    } else {
      check.ok = true;
    }
    // A failed digest still moves the mark, so that the next entry is
    // judged on its own records and not reported as a gap.
    verification.covered_through = std::max(verification.covered_through, published->digest.last_seq);
    if (!check.ok) verification.ok = false;
    verification.checks.push_back(std::move(check));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(AuditDigest rest, digest_audit_since(db, verification.covered_through));
  verification.unpublished = rest.count;
  return verification;
}

PeriodicTask::PeriodicTask(std::chrono::milliseconds interval, std::function<void()> task) {
  thread_ = std::thread([this, interval, task = std::move(task)] {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, interval, [this] { return stopping_; })) {
      lock.unlock();
      task();
      lock.lock();
    }
  });
}

PeriodicTask::~PeriodicTask() { stop(); }

void PeriodicTask::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace trustpcf::space
