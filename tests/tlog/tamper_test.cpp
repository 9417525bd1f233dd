// A changed byte in a stored tile, entry bundle or state file is detected
// when a proof or checkpoint is produced, with an error naming the file.

#include <fstream>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"
#include "tlog/log.hpp"
#include "tlog/state_file.hpp"

namespace trustpcf::tlog {
namespace {

namespace fs = std::filesystem;

void flip_byte(const fs::path& file, std::streamoff offset) {
  std::fstream stream(file, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(stream) << file;
  stream.seekg(offset);
  char byte = 0;
  stream.read(&byte, 1);
  byte = static_cast<char>(byte ^ 0x01);
  stream.seekp(offset);
  stream.write(&byte, 1);
}

NoteSigner test_key(const fs::path& dir) {
  auto key = load_or_create_log_key(dir, "example.test/tamper");
  EXPECT_TRUE(key.ok());
  return *key;
}

// A log of `size` entries written in one batch, closed again.
void make_log(const fs::path& dir, uint64_t size) {
  auto log = Log::open(dir, test_key(dir));
  ASSERT_TRUE(log.ok());
  std::vector<std::future<util::Result<uint64_t>>> pending;
  for (uint64_t i = 0; i < size; ++i) pending.push_back((*log)->append_async("entry " + std::to_string(i)));
  for (auto& future : pending) ASSERT_TRUE(future.get().ok());
}

std::unique_ptr<Log> reopen(const fs::path& dir) {
  auto log = Log::open(dir, test_key(dir));
  EXPECT_TRUE(log.ok()) << log.error().message();
  return log.ok() ? std::move(*log) : nullptr;
}

TEST(Tamper, FullTileByteNamesTileOnProof) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  flip_byte(dir.path() / "tile/0/000", 5 * kHashSize + 3);
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  auto proof = log->prove_inclusion(5);
  ASSERT_FALSE(proof.ok());
  EXPECT_EQ(proof.error().code(), util::ErrorCode::kStorage);
  EXPECT_NE(proof.error().message().find("tile tile/0/000 does not match"), std::string::npos)
      << proof.error().message();
}

TEST(Tamper, FullTileByteNamesTileOnConsistencyProof) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  flip_byte(dir.path() / "tile/0/000", 200 * kHashSize);
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  auto proof = log->prove_consistency(100, 300);
  ASSERT_FALSE(proof.ok());
  EXPECT_NE(proof.error().message().find("tile/0/000"), std::string::npos)
      << proof.error().message();
}

TEST(Tamper, PartialTileByteNamesTileOnOpen) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  flip_byte(dir.path() / "tile/0/001", 7);
  auto log = Log::open(dir.path(), test_key(dir.path()));
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message().find("tile tile/0/001.p/44"), std::string::npos)
      << log.error().message();
}

TEST(Tamper, PartialTileChangedAfterOpenNamesTile) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  flip_byte(dir.path() / "tile/1/000", 0);
  auto proof = log->prove_inclusion(3);
  ASSERT_FALSE(proof.ok());
  EXPECT_NE(proof.error().message().find("tile tile/1/000.p/1"), std::string::npos)
      << proof.error().message();
}

TEST(Tamper, FullBundleByteNamesBundleOnProof) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  // Entry 0 is "entry 0" after its 2-byte length prefix; change its text.
  flip_byte(dir.path() / "tile/entries/000", 3);
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  auto proof = log->prove_inclusion(0);
  ASSERT_FALSE(proof.ok());
  EXPECT_NE(proof.error().message().find("bundle tile/entries/000"), std::string::npos)
      << proof.error().message();
}

TEST(Tamper, BundleLengthPrefixNamesBundle) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  flip_byte(dir.path() / "tile/entries/000", 1);
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  auto entry = log->read_entry(10);
  ASSERT_FALSE(entry.ok());
  EXPECT_NE(entry.error().message().find("tile/entries/000"), std::string::npos)
      << entry.error().message();
}

TEST(Tamper, PartialBundleByteNamesBundleOnOpen) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  flip_byte(dir.path() / "tile/entries/001", 4);
  auto log = Log::open(dir.path(), test_key(dir.path()));
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message().find("entry bundle tile/entries/001.p/44"), std::string::npos)
      << log.error().message();
}

TEST(Tamper, StateWithWrongRootFailsOpen) {
  testing::TempDir dir;
  make_log(dir.path(), 20);
  // A well-formed state whose root the tiles do not produce.
  auto stored = detail::load_state(dir.path());
  ASSERT_TRUE(stored.ok());
  stored->state.root = hash_leaf("another tree");
  ASSERT_TRUE(detail::write_state(dir.path(), stored->state, stored->sequence + 1).ok());
  auto log = Log::open(dir.path(), test_key(dir.path()));
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message().find("records root"), std::string::npos)
      << log.error().message();
}

TEST(Recovery, TornStateSlotFallsBackToPreviousCommit) {
  testing::TempDir dir;
  make_log(dir.path(), 20);
  {
    auto log = reopen(dir.path());
    ASSERT_TRUE(log);
    ASSERT_TRUE(log->append("one more").ok());
  }
  auto stored = detail::load_state(dir.path());
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->state.size, 21u);
  // Damage the body of the newest slot, as a write cut short would.
  flip_byte(dir.path() / "state",
            static_cast<std::streamoff>((stored->sequence % 2) * detail::kStateSlotSize + 200));
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  EXPECT_EQ(log->state().size, 20u);
}

TEST(Tamper, BothStateSlotsDamagedFailsOpen) {
  testing::TempDir dir;
  make_log(dir.path(), 20);
  {
    auto log = reopen(dir.path());
    ASSERT_TRUE(log->append("one more").ok());
  }
  flip_byte(dir.path() / "state", 200);
  flip_byte(dir.path() / "state", static_cast<std::streamoff>(detail::kStateSlotSize + 200));
  auto log = Log::open(dir.path(), test_key(dir.path()));
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message().find("no valid slot"), std::string::npos)
      << log.error().message();
}

TEST(Recovery, LeftoverBytesOfUncommittedBatchAreCutOff) {
  testing::TempDir dir;
  make_log(dir.path(), 300);
  // A batch that wrote its entries and tiles but not the state file.
  std::ofstream(dir.path() / "tile/0/001", std::ios::app | std::ios::binary)
      << std::string(3 * kHashSize, 'x');
  std::ofstream(dir.path() / "tile/entries/001", std::ios::app | std::ios::binary) << "\x00\x02zz";
  auto log = reopen(dir.path());
  ASSERT_TRUE(log);
  EXPECT_EQ(log->state().size, 300u);
  EXPECT_EQ(fs::file_size(dir.path() / "tile/0/001"), 44 * kHashSize);
  auto index = log->append("after recovery");
  ASSERT_TRUE(index.ok());
  EXPECT_EQ(*index, 300u);
  auto entry = log->read_entry(300);
  ASSERT_TRUE(entry.ok()) << entry.error().message();
  EXPECT_EQ(*entry, "after recovery");
}

}  // namespace
}  // namespace trustpcf::tlog
