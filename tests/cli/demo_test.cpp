// `trustpcf demo` as a user runs it: the whole story passes, every link of
// the exchanged and the final bundle verifies, and the temporary homes are
// gone afterwards.

#include <cstdlib>
#include <regex>
#include <string>

#include <gtest/gtest.h>

#include "support/command.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace trustpcf {
namespace {

using testing::run_trustpcf;
using testing::TempDir;

int count_of(const std::string& text, const std::string& words) {
  int count = 0;
  for (std::size_t at = text.find(words); at != std::string::npos; at = text.find(words, at + 1)) ++count;
  return count;
}

TEST(Demo, RunsStoryAndCleansUp) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "demo");
  ASSERT_EQ(result.exit_code, 0) << result.output << result.errors;

  EXPECT_NE(result.output.find("stored as evidence"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("verdict: PASS"), std::string::npos) << result.output;
  // Four links of the supplier's bundle at the manufacturer, four of the final bundle.
  for (const char* link :
       {"PASS  original data\n", "PASS  calculation\n", "PASS  certification\n", "PASS  disclosure\n"}) {
    EXPECT_EQ(count_of(result.output, link), 2) << link << "\n" << result.output;
  }
  EXPECT_EQ(count_of(result.output, "FAIL"), 0) << result.output;

  std::smatch folder;
  ASSERT_TRUE(std::regex_search(result.output, folder, std::regex("three nodes on loopback, in (\\S+)")))
      << result.output;
  EXPECT_FALSE(std::filesystem::exists(folder[1].str())) << folder[1].str();
}

TEST(Demo, KeepLeavesHomesAndBundles) {
  TempDir home;
  TempDir kept;
  auto result = run_trustpcf(home.path(), "demo --keep '" + (kept.path() / "demo").string() + "'");
  ASSERT_EQ(result.exit_code, 0) << result.output << result.errors;
  EXPECT_TRUE(std::filesystem::exists(kept.path() / "demo/bundles/window-frame.bundle.json"));
  EXPECT_TRUE(std::filesystem::exists(kept.path() / "demo/supplier/trustpcf.sqlite"));

  // The verify command the demo prints runs as printed, binary path included.
  const std::string marker = "check the final bundle with\n   ";
  std::size_t start = result.output.find(marker);
  ASSERT_NE(start, std::string::npos) << result.output;
  start += marker.size();
  const std::string command = result.output.substr(start, result.output.find('\n', start) - start);
  const std::string in_temp_home = "TRUSTPCF_HOME='" + home.path().string() + "' " + command + " > /dev/null 2>&1";
  EXPECT_EQ(std::system(in_temp_home.c_str()), 0) << command;
}

TEST(Demo, MissingSampleIsNotFound) {
  TempDir home;
  auto result = run_trustpcf(home.path(), "demo --data '" + (home.path() / "absent").string() + "'");
  EXPECT_EQ(result.exit_code, 4) << result.output << result.errors;
  EXPECT_NE(result.errors.find("--data"), std::string::npos) << result.errors;
}

}  // namespace
}  // namespace trustpcf
