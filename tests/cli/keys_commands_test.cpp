// Runs the built trustpcf binary for the keys commands.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/command.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace {

using trustpcf::testing::TempDir;

using trustpcf::testing::CommandResult;

CommandResult run_trustpcf(const TempDir& home, const std::string& arguments) {
  return trustpcf::testing::run_trustpcf(home.path(), arguments);
}

TEST(KeysNew, PrintsDidKeyOnly) {
  TempDir home;
  CommandResult result = run_trustpcf(home, "keys new issuer");
  ASSERT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.output.rfind("did:key:z6Mk", 0), 0u) << result.output;
  EXPECT_EQ(result.output.find('\n'), result.output.size() - 1);
}

TEST(KeysNew, NeverPrintsSecret) {
  TempDir home;
  CommandResult created = run_trustpcf(home, "keys new issuer --json");
  ASSERT_EQ(created.exit_code, 0);
  CommandResult shown = run_trustpcf(home, "keys show issuer --json");
  ASSERT_EQ(shown.exit_code, 0);
  std::string file = trustpcf::util::read_file(home.path() / "keys" / "issuer.key").value();
  std::string secret = nlohmann::json::parse(file)["secretKeyMultibase"];
  EXPECT_EQ(created.output.find(secret), std::string::npos);
  EXPECT_EQ(shown.output.find(secret), std::string::npos);
  EXPECT_EQ(shown.output.find("secret"), std::string::npos);
}

TEST(KeysShow, JsonFieldsMatchNew) {
  TempDir home;
  CommandResult created = run_trustpcf(home, "keys new issuer");
  ASSERT_EQ(created.exit_code, 0);
  CommandResult shown = run_trustpcf(home, "keys show issuer --json");
  ASSERT_EQ(shown.exit_code, 0);
  nlohmann::json fields = nlohmann::json::parse(shown.output);
  EXPECT_EQ(fields["name"], "issuer");
  EXPECT_EQ(fields["did"].get<std::string>() + "\n", created.output);
  EXPECT_EQ("did:key:" + fields["publicKeyMultibase"].get<std::string>(), fields["did"]);
}

TEST(KeysList, JsonListsEveryKey) {
  TempDir home;
  ASSERT_EQ(run_trustpcf(home, "keys new b").exit_code, 0);
  ASSERT_EQ(run_trustpcf(home, "keys new a").exit_code, 0);
  CommandResult listed = run_trustpcf(home, "keys list --json");
  ASSERT_EQ(listed.exit_code, 0);
  nlohmann::json keys = nlohmann::json::parse(listed.output)["keys"];
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0]["name"], "a");
  EXPECT_EQ(keys[1]["name"], "b");
}

TEST(KeysShow, MissingKeyExitsNotFound) {
  TempDir home;
  EXPECT_EQ(run_trustpcf(home, "keys show absent").exit_code, 4);
}

TEST(KeysNew, DuplicateAndBadNameExitUsage) {
  TempDir home;
  ASSERT_EQ(run_trustpcf(home, "keys new issuer").exit_code, 0);
  EXPECT_EQ(run_trustpcf(home, "keys new issuer").exit_code, 2);
  EXPECT_EQ(run_trustpcf(home, "keys new ../escape").exit_code, 2);
}

}  // namespace
