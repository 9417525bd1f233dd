// trustpcf log, run as a user runs it: the built binary in a fresh home.

#include <cstdio>
#include <fstream>

#include <sys/wait.h>

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace {

struct CommandResult {
  int exit_code = -1;
  std::string output;
};

CommandResult run_trustpcf(const std::filesystem::path& home, const std::string& arguments) {
  const std::string command = std::string(TRUSTPCF_BINARY) + " --home '" + home.string() + "' " +
                              arguments + " 2>/dev/null";
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

void write_text(const std::filesystem::path& file, const std::string& text) {
  std::ofstream(file, std::ios::binary) << text;
}

TEST(LogCommands, AppendPrintsConsecutiveIndexes) {
  trustpcf::testing::TempDir home;
  write_text(home.path() / "entry", "{\"disclosed\":1}");
  const std::string append = "log --origin example.test/cli append '" + (home.path() / "entry").string() + "'";
  EXPECT_EQ(run_trustpcf(home.path(), append).output, "0\n");
  EXPECT_EQ(run_trustpcf(home.path(), append).output, "1\n");
}

TEST(LogCommands, VerifyConsistencyAcceptsGrowthAndRejectsForgery) {
  trustpcf::testing::TempDir home;
  write_text(home.path() / "entry", "entry");
  const std::string append = "log append '" + (home.path() / "entry").string() + "'";
  ASSERT_EQ(run_trustpcf(home.path(), append).exit_code, 0);
  CommandResult first = run_trustpcf(home.path(), "log checkpoint");
  ASSERT_EQ(first.exit_code, 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(run_trustpcf(home.path(), append).exit_code, 0);
  CommandResult second = run_trustpcf(home.path(), "log checkpoint");
  write_text(home.path() / "old", first.output);
  write_text(home.path() / "new", second.output);

  const std::string verify = "log verify-consistency '" + (home.path() / "old").string() + "' '" +
                             (home.path() / "new").string() + "'";
  CommandResult ok = run_trustpcf(home.path(), verify);
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.output, "consistent: size 1 -> size 4\n");

  // Change the old checkpoint's size so that its signature no longer verifies.
  std::string forged = first.output;
  forged.replace(forged.find("\n1\n"), 3, "\n2\n");
  write_text(home.path() / "old", forged);
  EXPECT_EQ(run_trustpcf(home.path(), verify).exit_code, 6);
}

TEST(LogCommands, ProveJsonListsProofHashes) {
  trustpcf::testing::TempDir home;
  write_text(home.path() / "entry", "entry");
  const std::string append = "log append '" + (home.path() / "entry").string() + "'";
  for (int i = 0; i < 5; ++i) ASSERT_EQ(run_trustpcf(home.path(), append).exit_code, 0);
  CommandResult proof = run_trustpcf(home.path(), "log prove --index 4 --json");
  EXPECT_EQ(proof.exit_code, 0);
  EXPECT_NE(proof.output.find("\"tree_size\":5"), std::string::npos) << proof.output;
  EXPECT_NE(proof.output.find("\"hashes\":["), std::string::npos) << proof.output;
}

TEST(LogCommands, ProveRejectsIndexBeyondLog) {
  trustpcf::testing::TempDir home;
  EXPECT_EQ(run_trustpcf(home.path(), "log prove --index 0").exit_code, 3);
}

}  // namespace
