// Wrong command lines: one `error:` line naming the unknown command or
// option, the nearest option when one is close, and exit 2.

#include <string>

#include <gtest/gtest.h>

#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace trustpcf {
namespace {

using testing::run_trustpcf;
using testing::TempDir;

int count_lines(const std::string& text) {
  int lines = 0;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

TEST(UsageErrors, UnknownTopCommand) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "frobnicate");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.errors.rfind("error: unknown command 'frobnicate' for 'trustpcf'", 0), 0u) << result.errors;
  EXPECT_EQ(count_lines(result.errors), 1) << result.errors;
}

TEST(UsageErrors, UnknownSubcommand) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "db imprt data");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.errors.find("unknown command 'imprt' for 'trustpcf db'"), std::string::npos) << result.errors;
  EXPECT_NE(result.errors.find("trustpcf db --help"), std::string::npos) << result.errors;
}

TEST(UsageErrors, MissingSubcommand) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "log");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.errors.find("'trustpcf log' needs a command"), std::string::npos) << result.errors;
}

TEST(UsageErrors, MisspelledOptionGetsSuggestion) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "verify bundle.json --trusted verifier");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.errors.find("unknown option '--trusted' for 'trustpcf verify'"), std::string::npos)
      << result.errors;
  EXPECT_NE(result.errors.find("did you mean '--trust'?"), std::string::npos) << result.errors;
  EXPECT_EQ(count_lines(result.errors), 1) << result.errors;
}

TEST(UsageErrors, FarOptionHasNoSuggestion) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "verify bundle.json --colourful");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.errors.find("unknown option '--colourful'"), std::string::npos) << result.errors;
  EXPECT_EQ(result.errors.find("did you mean"), std::string::npos) << result.errors;
}

TEST(UsageErrors, HelpStillExitsZero) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "verify --help");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.output.find("--trust"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf
