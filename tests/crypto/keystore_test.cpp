#include "crypto/keystore.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "crypto/did_key.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using testing::TempDir;

unsigned mode_of(const std::filesystem::path& path) {
  struct stat status {};
  ::stat(path.c_str(), &status);
  return status.st_mode & 0777;
}

TEST(KeyStore, CreateWritesOwnerOnlyFile) {
  TempDir home;
  KeyStore store(home.path());
  auto key = store.create("issuer");
  ASSERT_TRUE(key.ok()) << key.error().message();
  EXPECT_EQ(key->path, home.path() / "keys" / "issuer.key");
  EXPECT_EQ(mode_of(key->path), 0600u);
  EXPECT_EQ(mode_of(home.path() / "keys"), 0700u);
}

TEST(KeyStore, LoadedKeySignsForStoredPublicKey) {
  TempDir home;
  KeyStore store(home.path());
  auto key = store.create("issuer");
  ASSERT_TRUE(key.ok());
  auto pair = store.load("issuer");
  ASSERT_TRUE(pair.ok()) << pair.error().message();
  EXPECT_EQ(pair->public_key(), key->public_key);
  Ed25519Signature signature = pair->sign("message");
  EXPECT_TRUE(
      ed25519_verify(key->public_key, "message", Bytes(signature.begin(), signature.end())).ok());
}

TEST(KeyStore, CreateRejectsExistingName) {
  TempDir home;
  KeyStore store(home.path());
  ASSERT_TRUE(store.create("issuer").ok());
  auto again = store.create("issuer");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), util::ErrorCode::kUsage);
  EXPECT_NE(again.error().message().find("already exists"), std::string::npos);
}

TEST(KeyStore, RejectsInvalidNames) {
  for (const char* name : {"", ".hidden", "../escape", "a/b", "with space"}) {
    EXPECT_FALSE(KeyStore::validate_name(name).ok()) << name;
  }
  EXPECT_FALSE(KeyStore::validate_name(std::string(kMaxKeyNameLength + 1, 'a')).ok());
  EXPECT_TRUE(KeyStore::validate_name("issuer-2026.main_key").ok());
}

TEST(KeyStore, LoadMissingKeyIsNotFound) {
  TempDir home;
  KeyStore store(home.path());
  auto pair = store.load("absent");
  ASSERT_FALSE(pair.ok());
  EXPECT_EQ(pair.error().code(), util::ErrorCode::kNotFound);
}

TEST(KeyStore, LoadRejectsGroupReadableFile) {
  TempDir home;
  KeyStore store(home.path());
  auto key = store.create("issuer");
  ASSERT_TRUE(key.ok());
  ::chmod(key->path.c_str(), 0640);
  auto pair = store.load("issuer");
  ASSERT_FALSE(pair.ok());
  EXPECT_EQ(pair.error().code(), util::ErrorCode::kStorage);
  EXPECT_NE(pair.error().message().find("chmod 600"), std::string::npos);
}

TEST(KeyStore, LoadRejectsMalformedFile) {
  TempDir home;
  KeyStore store(home.path());
  ASSERT_TRUE(util::ensure_directory(store.folder(), 0700).ok());
  ASSERT_TRUE(
      util::write_file_atomic(store.folder() / "broken.key", "{\"type\":\"RSA\"}", 0600).ok());
  auto pair = store.load("broken");
  ASSERT_FALSE(pair.ok());
  EXPECT_EQ(pair.error().code(), util::ErrorCode::kInvalidInput);
}

TEST(KeyStore, ListIsSortedByName) {
  TempDir home;
  KeyStore store(home.path());
  ASSERT_TRUE(store.create("zulu").ok());
  ASSERT_TRUE(store.create("alpha").ok());
  auto keys = store.list();
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].name, "alpha");
  EXPECT_EQ((*keys)[1].name, "zulu");
}

TEST(KeyStore, ListOfEmptyHomeIsEmpty) {
  TempDir home;
  auto keys = KeyStore(home.path()).list();
  ASSERT_TRUE(keys.ok());
  EXPECT_TRUE(keys->empty());
}

}  // namespace
}  // namespace trustpcf::crypto
