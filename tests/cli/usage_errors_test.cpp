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

struct UsageCase {
  const char* arguments;
  const char* expected;  // text the error line must contain
};

TEST(UsageErrors, NameCommandOrOption) {
  const UsageCase cases[] = {
      {"frobnicate", "error: unknown command 'frobnicate' for 'trustpcf'"},
      {"db imprt data", "unknown command 'imprt' for 'trustpcf db'; run 'trustpcf db --help'"},
      {"log", "'trustpcf log' needs a command"},
      {"verify bundle.json --trusted verifier", "unknown option '--trusted' for 'trustpcf verify'"},
      {"verify bundle.json --trusted verifier", "did you mean '--trust'?"},
      {"verify bundle.json --colourful", "unknown option '--colourful'"},
  };
  TempDir home;
  for (const UsageCase& item : cases) {
    SCOPED_TRACE(item.arguments);
    auto result = run_trustpcf(home.path(), item.arguments);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.errors.find(item.expected), std::string::npos) << result.errors;
    EXPECT_EQ(count_lines(result.errors), 1) << result.errors;
  }
}

TEST(UsageErrors, FarOptionHasNoSuggestion) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "verify bundle.json --colourful");
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
