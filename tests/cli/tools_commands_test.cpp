// Runs the built trustpcf binary for the tools commands.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace {

using trustpcf::testing::TempDir;

struct CommandResult {
  int exit_code;
  std::string output;  // standard output only
};

// Runs trustpcf with `arguments`, feeding `input` on standard input from a file.
CommandResult run_tools(const std::string& arguments, const std::string& input = "") {
  TempDir folder;
  std::filesystem::path input_path = folder.path() / "stdin";
  EXPECT_TRUE(trustpcf::util::write_file_atomic(input_path, input).ok());
  std::string command = std::string(TRUSTPCF_BINARY) + " --home '" + folder.path().string() + "' " +
                        arguments + " < '" + input_path.string() + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string output;
  char buffer[4096];
  std::size_t read = 0;
  while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, read);
  int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
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
