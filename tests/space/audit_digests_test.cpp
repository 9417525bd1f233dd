// Tests of audit digests in the transparency log against a real SQLite
// store and a real log on disk: publication, marks, verification and the
// rewrites it must catch.

#include <gtest/gtest.h>

#include "space/audit_digests.hpp"
#include "space/schema.hpp"
#include "support/temp_dir.hpp"
#include "tlog/log.hpp"
#include "tlog/log_access.hpp"

namespace trustpcf::space {
namespace {

constexpr const char* kNode = "urn:pact:company:owner";

class AuditDigestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::Database::open(dir_.path() / "store.sqlite").value();
    ASSERT_TRUE(ensure_space_schema(*db_).ok());
    open_log();
  }

  void open_log() {
    log_.reset();
    auto key = tlog::load_or_create_log_key(dir_.path() / "log", "test.example/audit-log");
    ASSERT_TRUE(key.ok()) << key.error().message();
    auto log = tlog::Log::open(dir_.path() / "log", std::move(*key));
    ASSERT_TRUE(log.ok()) << log.error().message();
    log_ = std::move(*log);
  }

  void add_records(int count, const std::string& partner) {
    std::vector<AuditRecord> records;
    for (int i = 0; i < count; ++i) {
      records.push_back({0, "2026-12-04T23:00:00Z", partner, "get", "target-" + std::to_string(i), "served", "", ""});
    }
    ASSERT_TRUE(append_audit_records(*db_, records).ok());
  }

  std::optional<PublishedAuditDigest> publish() {
    tlog::LocalLogAccess log(*log_);
    auto published = publish_audit_digest(log, *db_, kNode, util::Clock::now());
    EXPECT_TRUE(published.ok()) << published.error().message();
    return published.ok() ? *published : std::nullopt;
  }

  AuditVerification verify() {
    auto verification = verify_audit_digests(*log_, *db_);
    EXPECT_TRUE(verification.ok()) << verification.error().message();
    return verification.ok() ? *verification : AuditVerification{};
  }

  // Rewrites the audit table the way an operator with file access could:
  // without the append-only triggers.
  void rewrite(const std::string& sql) {
    ASSERT_TRUE(db_->exec("DROP TRIGGER space_audit_no_update; DROP TRIGGER space_audit_no_delete;").ok());
    ASSERT_TRUE(db_->exec(sql).ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<tlog::Log> log_;
};

TEST_F(AuditDigestsTest, NothingToPublishWithoutRecords) {
  EXPECT_FALSE(publish().has_value());
  EXPECT_EQ(log_->state().size, 0u);
}

TEST_F(AuditDigestsTest, PublishAppendsEntryWithRange) {
  add_records(3, "alpha");
  auto published = publish();
  ASSERT_TRUE(published.has_value());
  EXPECT_EQ(published->after_seq, 0);
  EXPECT_EQ(published->digest.first_seq, 1);
  EXPECT_EQ(published->digest.last_seq, 3);
  EXPECT_EQ(published->digest.count, 3);
  auto entry = nlohmann::json::parse(log_->read_entry(published->log_index).value());
  EXPECT_EQ(entry["type"], kAuditDigestType);
  EXPECT_EQ(entry["sha256"], digest_audit_since(*db_, 0).value().sha256);
  EXPECT_EQ(entry["node"], kNode);
}

TEST_F(AuditDigestsTest, NextDigestStartsAfterMark) {
  add_records(3, "alpha");
  ASSERT_TRUE(publish().has_value());
  EXPECT_FALSE(publish().has_value());
  add_records(2, "beta");
  auto second = publish();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->after_seq, 3);
  EXPECT_EQ(second->digest.first_seq, 4);
  EXPECT_EQ(second->digest.count, 2);
}

TEST_F(AuditDigestsTest, UntouchedLogVerifies) {
  add_records(3, "alpha");
  ASSERT_TRUE(publish().has_value());
  add_records(2, "beta");
  ASSERT_TRUE(publish().has_value());
  add_records(1, "gamma");
  AuditVerification verification = verify();
  EXPECT_TRUE(verification.ok);
  ASSERT_EQ(verification.checks.size(), 2u);
  EXPECT_EQ(verification.covered_through, 5);
  EXPECT_EQ(verification.unpublished, 1);
}

TEST_F(AuditDigestsTest, RangeDigestMatchesSinceDigest) {
  add_records(5, "alpha");
  EXPECT_EQ(digest_audit_range(*db_, 2, 5).value().sha256, digest_audit_since(*db_, 2).value().sha256);
  EXPECT_EQ(digest_audit_range(*db_, 0, 3).value().count, 3);
}

TEST_F(AuditDigestsTest, ChangedRecordFailsVerification) {
  add_records(3, "alpha");
  ASSERT_TRUE(publish().has_value());
  rewrite("UPDATE space_audit SET decision = 'deny' WHERE seq = 2");
  AuditVerification verification = verify();
  EXPECT_FALSE(verification.ok);
  ASSERT_EQ(verification.checks.size(), 1u);
  EXPECT_NE(verification.checks[0].problem.find("differ"), std::string::npos) << verification.checks[0].problem;
}

TEST_F(AuditDigestsTest, DeletedRecordFailsVerification) {
  add_records(3, "alpha");
  ASSERT_TRUE(publish().has_value());
  rewrite("DELETE FROM space_audit WHERE seq = 3");
  AuditVerification verification = verify();
  EXPECT_FALSE(verification.ok);
}

TEST_F(AuditDigestsTest, LostPublicationIndexStillVerifies) {
  add_records(3, "alpha");
  ASSERT_TRUE(publish().has_value());
  ASSERT_TRUE(db_->exec("DELETE FROM space_audit_digests").ok());
  add_records(1, "beta");
  auto repeated = publish();
  ASSERT_TRUE(repeated.has_value());
  EXPECT_EQ(repeated->after_seq, 0) << "without its index the node digests from the start again";
  EXPECT_TRUE(verify().ok);
}

TEST_F(AuditDigestsTest, VerificationSurvivesReopen) {
  add_records(3, "alpha");
  ASSERT_TRUE(publish().has_value());
  open_log();
  EXPECT_TRUE(verify().ok);
}

TEST_F(AuditDigestsTest, PeriodicTaskRunsUntilStopped) {
  std::atomic<int> runs{0};
  PeriodicTask task(std::chrono::milliseconds(10), [&runs] { ++runs; });
  for (int wait = 0; wait < 500 && runs < 2; ++wait) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  task.stop();
  int after_stop = runs;
  EXPECT_GE(after_stop, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(runs, after_stop);
}

}  // namespace
}  // namespace trustpcf::space
