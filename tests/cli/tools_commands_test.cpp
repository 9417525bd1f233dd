// Runs the built trustpcf binary for the tools commands.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/shared_data.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace {

using trustpcf::testing::TempDir;

using trustpcf::testing::CommandResult;

// Runs trustpcf with `arguments` in a fresh home, feeding `input` on standard input.
CommandResult run_tools(const std::string& arguments, const std::string& input = "") {
  TempDir home;
  return trustpcf::testing::run_trustpcf(home.path(), arguments, input);
}

TEST(ToolsJcs, CanonicalizesStandardInput) {
  CommandResult result = run_tools("tools jcs", R"({"b": 2, "a": [1.0, 1e21]})");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, R"({"a":[1,1e+21],"b":2})");
}

TEST(ToolsJcs, PublishedVectorFromFile) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/jcs");
  CommandResult result = run_tools("tools jcs '" + (folder / "input/unicode.json").string() + "'");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output, trustpcf::util::read_file(folder / "output/unicode.json").value());
}

TEST(ToolsJcs, DuplicateKeyExitsInvalidInput) {
  EXPECT_EQ(run_tools("tools jcs", R"({"a":1,"a":2})").exit_code, 3);
}

TEST(ToolsJcs, MissingFileExitsNotFound) {
  EXPECT_EQ(run_tools("tools jcs /nonexistent/input.json").exit_code, 4);
}

TEST(ToolsDigest, HashesCanonicalForm) {
  CommandResult spaced = run_tools("tools digest", R"({ "b" : 2, "a" : 1 })");
  CommandResult compact = run_tools("tools digest", R"({"a":1,"b":2})");
  ASSERT_EQ(spaced.exit_code, 0);
  EXPECT_EQ(spaced.output, compact.output);
  EXPECT_EQ(spaced.output.size(), 65u);  // 64 hex digits and a newline
}

TEST(ToolsDigest, RawJsonOutput) {
  CommandResult result = run_tools("tools digest --raw --json", "abc");
  ASSERT_EQ(result.exit_code, 0);
  nlohmann::json output = nlohmann::json::parse(result.output);
  EXPECT_EQ(output["sha256"], "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(output["digest"],
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(output["canonical"], false);
  EXPECT_EQ(output["size"], 3);
}

TEST(ToolsDigest, NonJsonWithoutRawExitsInvalidInput) {
  EXPECT_EQ(run_tools("tools digest", "abc").exit_code, 3);
}

}  // namespace
