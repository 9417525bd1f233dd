// The log against real files in a temporary directory: appends, proofs for
// every index and size checked by the verifier, reopening, checkpoints.

#include <future>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "tlog/log.hpp"
#include "tlog/proof_verify.hpp"

namespace trustpcf::tlog {
namespace {

std::string entry_text(uint64_t i) { return "{\"entry\":" + std::to_string(i) + "}"; }

std::unique_ptr<Log> open_log(const std::filesystem::path& dir) {
  auto key = load_or_create_log_key(dir, "example.test/log");
  EXPECT_TRUE(key.ok());
  auto log = Log::open(dir, *key);
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message());
  return std::move(*log);
}

// Appends entries [from, to) in bursts so that batches of many sizes occur.
void append_range(Log& log, uint64_t from, uint64_t to) {
  uint64_t next = from;
  uint64_t burst = 1;
  while (next < to) {
    std::vector<std::future<util::Result<uint64_t>>> pending;
    for (uint64_t i = 0; i < burst && next < to; ++i, ++next) {
      pending.push_back(log.append_async(entry_text(next)));
    }
    for (auto& future : pending) {
      auto index = future.get();
      ASSERT_TRUE(index.ok()) << index.error().message();
    }
    burst = burst % 97 + 13;
  }
}

TEST(Log, AppendReturnsConsecutiveIndexes) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  for (uint64_t i = 0; i < 5; ++i) {
    auto index = log->append(entry_text(i));
    ASSERT_TRUE(index.ok());
    EXPECT_EQ(*index, i);
  }
  EXPECT_EQ(log->state().size, 5u);
}

TEST(Log, ReadEntryReturnsAppendedBytes) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  append_range(*log, 0, 300);
  for (uint64_t i : {0u, 255u, 256u, 299u}) {
    auto entry = log->read_entry(i);
    ASSERT_TRUE(entry.ok()) << entry.error().message();
    EXPECT_EQ(*entry, entry_text(i));
  }
  EXPECT_EQ(log->read_entry(300).error().code(), util::ErrorCode::kNotFound);
}

TEST(Log, RejectsEntryLargerThanBundleLimit) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  auto index = log->append(std::string(kMaxEntrySize + 1, 'a'));
  ASSERT_FALSE(index.ok());
  EXPECT_EQ(index.error().code(), util::ErrorCode::kInvalidInput);
}

TEST(Log, EveryProofVerifiesAcrossFirstTileBoundary) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  append_range(*log, 0, 300);

  std::vector<Hash> roots(301);
  for (uint64_t size = 1; size <= 300; ++size) {
    auto root = log->root_at(size);
    ASSERT_TRUE(root.ok()) << root.error().message();
    roots[size] = *root;
  }
  EXPECT_EQ(roots[300], log->checkpoint().checkpoint.root);

  // Every index and every earlier size, for sizes around both ends of the
  // first tile and a sample between them (all pairs would take minutes).
  for (uint64_t size = 1; size <= 300; ++size) {
    const bool tile_boundary = size >= 254 && size <= 258;
    if (size > 20 && !tile_boundary && size % 53 != 0 && size != 300) continue;
    for (uint64_t index = 0; index < size; ++index) {
      auto proof = log->prove_inclusion(index, size);
      ASSERT_TRUE(proof.ok()) << proof.error().message();
      util::Status status =
          verify_inclusion(index, size, hash_leaf(entry_text(index)), proof->hashes, roots[size]);
      ASSERT_TRUE(status.ok()) << index << "@" << size << ": " << status.error().message();
    }
    for (uint64_t size1 = 1; size1 <= size; ++size1) {
      auto proof = log->prove_consistency(size1, size);
      ASSERT_TRUE(proof.ok()) << proof.error().message();
      util::Status status =
          verify_consistency(size1, size, proof->hashes, roots[size1], roots[size]);
      ASSERT_TRUE(status.ok()) << size1 << "->" << size << ": " << status.error().message();
    }
  }
}

TEST(Log, ProofsVerifyAcrossTileLevelsUpTo2100Entries) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  // Past eight full tiles, so that level-1 tiles hold several hashes.
  const uint64_t total = 2100;
  append_range(*log, 0, total);
  const Hash final_root = log->checkpoint().checkpoint.root;

  // Every index in the final tree.
  for (uint64_t index = 0; index < total; ++index) {
    auto proof = log->prove_inclusion(index);
    ASSERT_TRUE(proof.ok()) << proof.error().message();
    EXPECT_EQ(proof->entry, entry_text(index));
    util::Status status =
        verify_inclusion(index, total, hash_leaf(entry_text(index)), proof->hashes, final_root);
    ASSERT_TRUE(status.ok()) << index << ": " << status.error().message();
  }

  // Every size: its last leaf and consistency with the size before; every
  // seventh size also consistency with the final size.
  Hash previous_root = empty_tree_root();
  for (uint64_t size = 1; size <= total; ++size) {
    auto root = log->root_at(size);
    ASSERT_TRUE(root.ok());
    auto last = log->prove_inclusion(size - 1, size);
    ASSERT_TRUE(last.ok());
    ASSERT_TRUE(verify_inclusion(size - 1, size, last->leaf_hash, last->hashes, *root).ok())
        << size;
    auto step = log->prove_consistency(size - 1, size);
    ASSERT_TRUE(step.ok());
    ASSERT_TRUE(verify_consistency(size - 1, size, step->hashes, previous_root, *root).ok())
        << size;
    previous_root = *root;
    if (size % 7 != 0) continue;
    auto to_final = log->prove_consistency(size, total);
    ASSERT_TRUE(to_final.ok());
    ASSERT_TRUE(verify_consistency(size, total, to_final->hashes, *root, final_root).ok()) << size;
  }
}

TEST(Log, ProveRejectsSizeBeyondLog) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  append_range(*log, 0, 10);
  EXPECT_EQ(log->prove_inclusion(3, 11).error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_EQ(log->prove_inclusion(10, 10).error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_EQ(log->prove_consistency(5, 11).error().code(), util::ErrorCode::kInvalidInput);
}

TEST(Log, ReopenKeepsEntriesAndCheckpoint) {
  testing::TempDir dir;
  std::string note;
  {
    auto log = open_log(dir.path());
    append_range(*log, 0, 700);
    note = log->checkpoint().note;
  }
  auto log = open_log(dir.path());
  EXPECT_EQ(log->state().size, 700u);
  EXPECT_EQ(log->checkpoint().note, note);
  append_range(*log, 700, 710);
  auto entry = log->read_entry(709);
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(*entry, entry_text(709));
}

TEST(Log, CheckpointIsSignedByLogKey) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  append_range(*log, 0, 3);
  auto verifier = NoteVerifier::parse(log->key().verifier_key());
  ASSERT_TRUE(verifier.ok());
  auto opened = open_checkpoint(log->checkpoint().note, *verifier);
  ASSERT_TRUE(opened.ok()) << opened.error().message();
  EXPECT_EQ(opened->checkpoint.size, 3u);
  EXPECT_EQ(opened->checkpoint.origin, "example.test/log");
}

TEST(Log, ReadResourceServesPartialWidthsOfFullTile) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  append_range(*log, 0, 260);
  auto full = log->read_resource({false, 0, 0, kTileWidth});
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->size(), kTileWidth * kHashSize);
  auto narrow = log->read_resource({false, 0, 0, 10});
  ASSERT_TRUE(narrow.ok());
  EXPECT_EQ(*narrow, full->substr(0, 10 * kHashSize));
  auto partial = log->read_resource({false, 0, 1, 4});
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(partial->size(), 4 * kHashSize);
  EXPECT_EQ(log->read_resource({false, 0, 1, 5}).error().code(), util::ErrorCode::kNotFound);
  EXPECT_EQ(log->read_resource({false, 0, 1, kTileWidth}).error().code(),
            util::ErrorCode::kNotFound);
  auto bundle = log->read_resource({true, 0, 1, 4});
  ASSERT_TRUE(bundle.ok());
  EXPECT_EQ(bundle->substr(2, entry_text(256).size()), entry_text(256));
}

}  // namespace
}  // namespace trustpcf::tlog

namespace trustpcf::tlog {
namespace {

TEST(Log, FailedCommitLeavesLogUsable) {
  testing::TempDir dir;
  auto log = open_log(dir.path());
  append_range(*log, 0, 3);

  // A directory in place of the state file makes the commit fail.
  std::filesystem::rename(dir.path() / "state", dir.path() / "state.saved");
  std::filesystem::create_directory(dir.path() / "state");
  auto failed = log->append("lost");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code(), util::ErrorCode::kStorage);
  EXPECT_EQ(log->state().size, 3u);

  std::filesystem::remove(dir.path() / "state");
  std::filesystem::rename(dir.path() / "state.saved", dir.path() / "state");
  auto index = log->append(entry_text(3));
  ASSERT_TRUE(index.ok()) << index.error().message();
  EXPECT_EQ(*index, 3u);
  auto entry = log->read_entry(3);
  ASSERT_TRUE(entry.ok()) << entry.error().message();
  EXPECT_EQ(*entry, entry_text(3));

  log.reset();
  auto reopened = open_log(dir.path());
  EXPECT_EQ(reopened->state().size, 4u);
  EXPECT_EQ(*reopened->read_entry(3), entry_text(3));
}

}  // namespace
}  // namespace trustpcf::tlog
