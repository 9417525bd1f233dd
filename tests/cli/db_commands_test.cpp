// Runs the built trustpcf binary for the db commands on the bundled
// window-frame sample (openLCA JSON-LD schema v2).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "support/shared_data.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

namespace {

using trustpcf::testing::TempDir;

using trustpcf::testing::CommandResult;

// Runs quietly (-q) so that standard output holds only the command's result.
CommandResult run_trustpcf(const TempDir& home, const std::string& arguments) {
  return trustpcf::testing::run_trustpcf(home.path(), "-q " + arguments);
}

std::filesystem::path sample_folder() { return trustpcf::testing::source_dir() / "data/sample/window-frame"; }

std::string import_sample(const std::string& extra = "") {
  return "db import '" + sample_folder().string() + "' " + extra;
}

TEST(DbImport, JsonSummaryOfSample) {
  TempDir home;
  CommandResult result = run_trustpcf(home, import_sample("--json"));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  nlohmann::json summary = nlohmann::json::parse(result.output);
  EXPECT_EQ(summary["name"], "window-frame");
  EXPECT_EQ(summary["schemaVersion"], 2);
  EXPECT_EQ(summary["counts"]["processes"], 15);
  EXPECT_EQ(summary["alreadyImported"], false);
  EXPECT_EQ(summary["digest"].get<std::string>().size(), 64u);
  EXPECT_TRUE(summary["warnings"].empty()) << summary["warnings"].dump();
  EXPECT_TRUE(summary.contains("importedAt"));
  EXPECT_TRUE(summary.contains("sourcePath"));
}

TEST(DbImport, ReimportChangesNothing) {
  TempDir home;
  ASSERT_EQ(run_trustpcf(home, import_sample()).exit_code, 0);
  CommandResult again = run_trustpcf(home, import_sample("--name other"));
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("already imported"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("nothing changed"), std::string::npos) << again.output;

  CommandResult listed = run_trustpcf(home, "db list --json");
  ASSERT_EQ(listed.exit_code, 0);
  nlohmann::json list = nlohmann::json::parse(listed.output);
  ASSERT_EQ(list["databases"].size(), 1u);
  EXPECT_EQ(list["databases"][0]["name"], "window-frame");
}

TEST(DbImport, MissingPathExitsNotFound) {
  TempDir home;
  EXPECT_EQ(run_trustpcf(home, "db import '" + (home.path() / "absent.zip").string() + "'").exit_code, 4);
}

TEST(DbImport, MalformedFileExitsInvalidInput) {
  TempDir home;
  std::filesystem::path copy = home.path() / "broken";
  std::filesystem::copy(sample_folder(), copy, std::filesystem::copy_options::recursive);
  std::ofstream(copy / "processes/fc254450-5a35-480d-9469-d9d36914de85.json") << "{\"@id\": ";
  EXPECT_EQ(run_trustpcf(home, "db import '" + copy.string() + "'").exit_code, 3);

  CommandResult listed = run_trustpcf(home, "db list --json");
  ASSERT_EQ(listed.exit_code, 0);
  EXPECT_TRUE(nlohmann::json::parse(listed.output)["databases"].empty());
}

TEST(DbSearch, FindsProcessAndProduct) {
  TempDir home;
  ASSERT_EQ(run_trustpcf(home, import_sample()).exit_code, 0);
  CommandResult result = run_trustpcf(home, "db search 'WINDOW FRAME' --json");
  ASSERT_EQ(result.exit_code, 0);
  nlohmann::json found = nlohmann::json::parse(result.output);
  EXPECT_EQ(found["database"], "window-frame");
  bool process = false;
  bool product_with_provider = false;
  for (const nlohmann::json& hit : found["results"]) {
    if (hit["type"] == "process" && hit["id"] == "fc254450-5a35-480d-9469-d9d36914de85") process = true;
    if (hit["type"] == "product" && !hit["providers"].empty()) product_with_provider = true;
  }
  EXPECT_TRUE(process) << result.output;
  EXPECT_TRUE(product_with_provider) << result.output;

  CommandResult flows = run_trustpcf(home, "db search 'carbon dioxide' --type flow --json");
  ASSERT_EQ(flows.exit_code, 0);
  nlohmann::json flow_hits = nlohmann::json::parse(flows.output)["results"];
  EXPECT_FALSE(flow_hits.empty()) << flows.output;
  for (const nlohmann::json& hit : flow_hits) {
    EXPECT_EQ(hit["type"], "flow");
    EXPECT_TRUE(hit.contains("category"));
  }
}

TEST(DbSearch, WithoutDatabaseExitsNotFound) {
  TempDir home;
  EXPECT_EQ(run_trustpcf(home, "db search steel").exit_code, 4);
}

TEST(DbSearch, UnknownTypeIsUsageError) {
  TempDir home;
  EXPECT_EQ(run_trustpcf(home, "db search steel --type tree").exit_code, 2);
}

}  // namespace
