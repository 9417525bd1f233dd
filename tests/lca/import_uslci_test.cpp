// Import of the published US LCI database (openLCA 1.5 JSON-LD export,
// schema v1). Skipped when the reference data is absent.

#include <set>

#include <gtest/gtest.h>

#include "lca/entity_search.hpp"
#include "lca/entity_store.hpp"
#include "lca/jsonld_import.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"

namespace trustpcf::lca {
namespace {

constexpr const char* kUslciZip = "data/uslci/uslci-olca1.5-jsonld.zip";

// One import shared by the tests of this file: it takes seconds under
// sanitizers.
class UslciImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::filesystem::path zip = testing::shared_dir() / kUslciZip;
    if (!std::filesystem::exists(zip)) return;
    temp_ = new testing::TempDir();
    db_ = store::Database::open(temp_->path() / "store.sqlite").value().release();
    auto imported = import_database(*db_, zip, {});
    if (imported.ok()) {
      result_ = new ImportResult(std::move(imported).value());
    } else {
      error_ = new std::string(imported.error().message());
    }
  }

  static void TearDownTestSuite() {
    delete result_;
    delete error_;
    delete db_;
    delete temp_;
    result_ = nullptr;
    error_ = nullptr;
    db_ = nullptr;
    temp_ = nullptr;
  }

  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(zip, kUslciZip);
    ASSERT_EQ(error_, nullptr) << *error_;
    ASSERT_NE(result_, nullptr);
  }

  static testing::TempDir* temp_;
  static store::Database* db_;
  static ImportResult* result_;
  static std::string* error_;
};

testing::TempDir* UslciImport::temp_ = nullptr;
store::Database* UslciImport::db_ = nullptr;
ImportResult* UslciImport::result_ = nullptr;
std::string* UslciImport::error_ = nullptr;

TEST_F(UslciImport, CountsMatchPublishedFigures) {
  const DatabaseInfo& info = result_->info;
  EXPECT_EQ(info.name, "uslci-olca1.5-jsonld");
  EXPECT_EQ(info.schema_version, 1);
  EXPECT_EQ(info.counts.at("processes"), 766);
  EXPECT_EQ(info.counts.at("flows"), 4601);
  EXPECT_EQ(info.counts.at("unit_groups"), 27);
  EXPECT_EQ(info.counts.at("flow_properties"), 33);
  EXPECT_EQ(info.counts.at("locations"), 11);

  const Database& model = result_->model;
  EXPECT_EQ(model.processes.size(), 766u);
  EXPECT_EQ(model.flows.size(), 4601u);
  std::map<FlowType, int> by_type;
  for (const auto& [id, flow] : model.flows) ++by_type[flow.type];
  EXPECT_EQ(by_type[FlowType::kElementary], 2918);
  EXPECT_EQ(by_type[FlowType::kProduct], 1659);
  EXPECT_EQ(by_type[FlowType::kWaste], 24);
}

TEST_F(UslciImport, ProcessFeaturesMatchPublishedFigures) {
  int with_allocation = 0;
  int with_parameters = 0;
  int with_uncertainty = 0;
  int multi_output = 0;
  int with_default_provider = 0;

  for (const auto& [id, process] : result_->model.processes) {
    EXPECT_NE(process.quantitative_reference(), nullptr) << id;
    with_parameters += process.parameters.empty() ? 0 : 1;
    int product_outputs = 0;
    bool uncertain = false;
    for (const Exchange& exchange : process.exchanges) {
      const Flow& flow = result_->model.flows.at(exchange.flow_id);
      product_outputs += flow.type == FlowType::kProduct && !exchange.is_input ? 1 : 0;
      uncertain = uncertain || exchange.uncertainty.has_value();
      with_default_provider += exchange.default_provider_id.empty() ? 0 : 1;
    }
    with_uncertainty += uncertain ? 1 : 0;
    multi_output += product_outputs > 1 ? 1 : 0;
  }

  // The export has allocation factors in 40 processes, but most name no
  // product, a product that is not a co-product, or (causal factors) a flow
  // outside the process. 27 processes keep 4 physical and 557 causal factors.
  std::map<AllocationMethod, int> factors;
  for (const auto& [id, process] : result_->model.processes) {
    with_allocation += process.allocation_factors.empty() ? 0 : 1;
    for (const AllocationFactor& factor : process.allocation_factors) ++factors[factor.method];
  }
  EXPECT_EQ(with_allocation, 27);
  EXPECT_EQ(factors[AllocationMethod::kPhysical], 4);
  EXPECT_EQ(factors[AllocationMethod::kCausal], 557);
  EXPECT_EQ(factors[AllocationMethod::kEconomic], 0);

  EXPECT_EQ(with_parameters, 24);
  EXPECT_EQ(with_uncertainty, 42);
  EXPECT_EQ(multi_output, 132);
  EXPECT_EQ(with_default_provider, 0);
}

TEST_F(UslciImport, FormulaResultsMatchStoredAmounts) {
  for (const ImportWarning& warning : result_->warnings) {
    EXPECT_NE(warning.kind, "formula-result-differs") << warning.message;
  }
  int formulas = 0;
  for (const auto& [id, process] : result_->model.processes) {
    for (const Exchange& exchange : process.exchanges) formulas += exchange.amount_formula.empty() ? 0 : 1;
  }
  EXPECT_EQ(formulas, 259);
}

TEST_F(UslciImport, ReimportIsNoOp) {
  auto again = import_database(*db_, testing::shared_dir() / kUslciZip, {});
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_TRUE(again->already_imported);
  EXPECT_EQ(again->info.digest, result_->info.digest);
  auto databases = list_databases(*db_);
  ASSERT_TRUE(databases.ok());
  EXPECT_EQ(databases->size(), 1u);
}

TEST_F(UslciImport, LoadDatabaseRebuildsSameModel) {
  auto loaded = load_database(*db_, result_->info.name);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  const Database& model = result_->model;
  EXPECT_EQ(loaded->digest, model.digest);
  ASSERT_EQ(loaded->processes.size(), model.processes.size());
  ASSERT_EQ(loaded->flows.size(), model.flows.size());
  for (const auto& [id, process] : model.processes) {
    const Process& other = loaded->processes.at(id);
    ASSERT_EQ(other.exchanges.size(), process.exchanges.size()) << id;
    for (std::size_t i = 0; i < process.exchanges.size(); ++i) {
      EXPECT_EQ(other.exchanges[i].flow_id, process.exchanges[i].flow_id);
      EXPECT_EQ(other.exchanges[i].amount, process.exchanges[i].amount);
      EXPECT_EQ(model.reference_amount(process.exchanges[i]), loaded->reference_amount(other.exchanges[i]));
    }
    EXPECT_EQ(other.allocation_factors.size(), process.allocation_factors.size()) << id;
  }
}

TEST_F(UslciImport, SearchFindsProcessAndProduct) {
  std::vector<SearchHit> hits =
      search_model(result_->model, "PORTLAND CEMENT, at plant", {SearchType::kProcess, SearchType::kProduct});
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].type, SearchType::kProcess);
  EXPECT_EQ(hits[0].id, "62993671-574c-3fc5-b66a-6be3bb21ad3d");
  EXPECT_EQ(hits[1].type, SearchType::kProduct);
  EXPECT_EQ(hits[1].provider_ids, std::vector<std::string>{"62993671-574c-3fc5-b66a-6be3bb21ad3d"});
}

}  // namespace
}  // namespace trustpcf::lca
