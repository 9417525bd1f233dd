#include "util/files.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace trustpcf::util {
namespace {

TEST(WriteFileAtomic, WritesContentsAndMode) {
  testing::TempDir dir;
  auto path = dir.path() / "secret.key";
  ASSERT_TRUE(write_file_atomic(path, "abc", 0600).ok());

  EXPECT_EQ(read_file(path).value(), "abc");
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(WriteFileAtomic, ReplacesExistingFile) {
  testing::TempDir dir;
  auto path = dir.path() / "a.json";
  ASSERT_TRUE(write_file_atomic(path, "old").ok());
  ASSERT_TRUE(write_file_atomic(path, "new").ok());
  EXPECT_EQ(read_file(path).value(), "new");
}

TEST(ReadFile, MissingFileIsNotFound) {
  testing::TempDir dir;
  auto result = read_file(dir.path() / "missing");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace trustpcf::util
