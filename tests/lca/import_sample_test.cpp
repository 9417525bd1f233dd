// Import of the bundled window-frame sample (openLCA JSON-LD schema v2).

#include <gtest/gtest.h>

#include "lca/jsonld_import.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace trustpcf::lca {
namespace {

TEST(SampleImport, KeepsDefaultProvidersAndParameters) {
  testing::TempDir temp;
  auto db = store::Database::open(temp.path() / "store.sqlite");
  ASSERT_TRUE(db.ok()) << db.error().message();
  auto result = import_database(**db, testing::source_dir() / "data/sample/window-frame", {});
  ASSERT_TRUE(result.ok()) << result.error().message();

  EXPECT_EQ(result->info.name, "window-frame");
  EXPECT_EQ(result->info.schema_version, 2);
  EXPECT_TRUE(result->warnings.empty()) << result->warnings.front().message;
  EXPECT_EQ(result->model.processes.size(), 15u);
  EXPECT_EQ(result->model.global_parameters.size(), 1u);

  int default_providers = 0;
  for (const auto& [id, process] : result->model.processes) {
    EXPECT_NE(process.quantitative_reference(), nullptr) << id;
    for (const Exchange& exchange : process.exchanges) {
      if (exchange.default_provider_id.empty()) continue;
      ++default_providers;
      EXPECT_TRUE(result->model.processes.contains(exchange.default_provider_id)) << exchange.default_provider_id;
    }
  }
  EXPECT_EQ(default_providers, 34);
}

}  // namespace
}  // namespace trustpcf::lca
