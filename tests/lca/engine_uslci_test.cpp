// The engine on the real US LCI database: every process-product pair either
// computes or fails with a named reason, and five products from different
// sectors agree with an independent dense calculation. Skips when the export
// or the JSON-LD importer is absent.

#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include "engine_uslci.hpp"
#include "lca/allocation.hpp"
#include "lca/linking.hpp"
#include "lca/result.hpp"
#include "support/shared_data.hpp"

namespace trustpcf::lca {
namespace {

// Relative agreement required between the sparse and the dense solve.
constexpr double kRelativeTolerance = 1e-9;

class EngineUslci : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
#if TRUSTPCF_HAVE_JSONLD_IMPORTER
    std::filesystem::path path = ::trustpcf::testing::shared_dir() / testing::kUslciExport;
    if (!std::filesystem::exists(path)) return;
    auto loaded = testing::load_export(path);
    if (!loaded.ok()) {
      load_error_ = new std::string(loaded.error().message());
      return;
    }
    database_ = new Database(std::move(loaded).value());
#endif
  }
  static void TearDownTestSuite() {
    delete database_;
    database_ = nullptr;
    delete load_error_;
    load_error_ = nullptr;
  }
  void SetUp() override {
#if !TRUSTPCF_HAVE_JSONLD_IMPORTER
    GTEST_SKIP() << "the JSON-LD importer (lca/jsonld_reader.hpp) is not in this build";
#endif
    TRUSTPCF_REQUIRE_SHARED(path, testing::kUslciExport);
    ASSERT_EQ(load_error_, nullptr) << *load_error_;
    ASSERT_NE(database_, nullptr);
  }

  static std::vector<TechnosphereKey> all_pairs() {
    std::vector<TechnosphereKey> pairs;
    for (const auto& [process_id, process] : database_->processes) {
      for (const std::string& flow_id : co_products(*database_, process)) {
        pairs.push_back(TechnosphereKey{process_id, flow_id});
      }
    }
    return pairs;
  }

  static Database* database_;
  static std::string* load_error_;
};

Database* EngineUslci::database_ = nullptr;
std::string* EngineUslci::load_error_ = nullptr;

// Counts outcomes for one allocation mode and checks that every failure is a
// model or input error whose message names a process by id.
void compute_every_pair(const Database& database, const std::vector<TechnosphereKey>& pairs,
                        AllocationMode mode) {
  CalculationCache cache;
  int computed = 0;
  int with_warnings = 0;
  std::map<std::string, int> failures;
  for (const TechnosphereKey& pair : pairs) {
    CalculationRequest request;
    request.demand = Demand{pair.process_id, pair.flow_id, 1.0};
    request.allocation = mode;
    auto result = calculate(database, request, &cache);
    if (result.ok()) {
      ++computed;
      if (!result->warnings.empty()) ++with_warnings;
      continue;
    }
    const util::Error& error = result.error();
    EXPECT_TRUE(error.code() == util::ErrorCode::kModel ||
                error.code() == util::ErrorCode::kInvalidInput)
        << pair.process_id << ": " << error.message();
    EXPECT_NE(error.message().find("("), std::string::npos) << error.message();
    // Classify by the start of the message, which names the failure.
    std::string kind = error.message().find("loop gain") != std::string::npos ||
                               error.message().find("negative scaling") != std::string::npos
                           ? "unstable loop or negative scaling"
                       : error.message().find("singular") != std::string::npos ? "singular system"
                       : error.message().find("allocation") != std::string::npos
                           ? "no usable allocation"
                           : util::error_code_name(error.code());
    ++failures[kind];
  }

  std::cout << "USLCI allocation=" << allocation_mode_name(mode) << ": " << pairs.size()
            << " process-product pairs, " << computed << " computed (" << with_warnings
            << " with sanity warnings)";
  for (const auto& [kind, count] : failures) std::cout << ", " << count << " failed: " << kind;
  std::cout << "; factorizations " << cache.factorizations() << ", reuses " << cache.reuses()
            << "\n";
  int failed = 0;
  for (const auto& [kind, count] : failures) failed += count;
  EXPECT_EQ(computed + failed, static_cast<int>(pairs.size()));
  EXPECT_GT(computed, 0);
}

TEST_F(EngineUslci, EveryPairComputesOrFailsWithReason) {
  std::vector<TechnosphereKey> pairs = all_pairs();
  ASSERT_GT(pairs.size(), 700u);
  compute_every_pair(*database_, pairs, AllocationMode::kDefault);

  // Without allocation every pair builds its whole product system: about 7 s
  // in a Release build, estimated at ten times that under AddressSanitizer.
  // A sanitizer build checks every tenth pair so the suite stays fast.
#if defined(__SANITIZE_ADDRESS__)
  std::vector<TechnosphereKey> sample;
  for (size_t k = 0; k < pairs.size(); k += 10) sample.push_back(pairs[k]);
  compute_every_pair(*database_, sample, AllocationMode::kNone);
#else
  compute_every_pair(*database_, pairs, AllocationMode::kNone);
#endif
}

TEST_F(EngineUslci, LinkingSummaryCounts) {
  LinkingSummary summary = summarize_linking(ProviderIndex(*database_));
  std::cout << "USLCI linking: " << summary.cut_offs.size() << " cut-offs, "
            << summary.flows_with_several_providers.size() << " products with several providers, "
            << summary.multi_provider_choices.size() << " choices among several providers\n";
  EXPECT_GT(summary.cut_offs.size(), 0u);
  for (const LinkChoice& choice : summary.multi_provider_choices) {
    EXPECT_GT(choice.candidate_process_ids.size(), 1u);
    EXPECT_FALSE(choice.provider_process_id.empty());
  }
}

// The independent route: dense matrices filled straight from the exchanges
// with Database::reference_amount, for the columns and links the engine
// chose, solved by dense LU with partial pivoting.
struct DenseInventory {
  std::map<std::string, double> signed_totals;  // flow id -> output-positive amount
};

DenseInventory dense_inventory(const Database& database, const CalculationResult& result) {
  const ProductSystem& system = result.system;
  const auto n = static_cast<Eigen::Index>(system.columns.size());
  std::map<std::pair<std::string, int>, std::string> provider_of;  // (consumer, exchange) -> provider
  for (const LinkChoice& choice : system.link_choices) {
    provider_of[{choice.consumer_process_id, choice.exchange_internal_id}] = choice.provider_process_id;
  }
  std::map<std::string, const ProcessAllocation*> allocation_of;
  for (const ProcessAllocation& allocation : system.allocations) {
    allocation_of[allocation.process_id] = &allocation;
  }

  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  std::map<std::string, Eigen::VectorXd> b_rows;
  auto b_row = [&](const std::string& flow_id) -> Eigen::VectorXd& {
    auto [it, inserted] = b_rows.try_emplace(flow_id, Eigen::VectorXd::Zero(n));
    return it->second;
  };

  for (Eigen::Index j = 0; j < n; ++j) {
    const TechnosphereKey& key = system.columns[j];
    const Process& process = database.processes.at(key.process_id);
    const ProcessAllocation& allocation = *allocation_of.at(process.id);
    bool allocated = allocation.method != AllocationMethod::kNone;
    for (const Exchange& exchange : process.exchanges) {
      const Flow& flow = database.flows.at(exchange.flow_id);
      double amount = database.reference_amount(exchange);
      double value = exchange.is_input ? -amount : amount;
      bool providing = !exchange.is_avoided_product &&
                       ((flow.type == FlowType::kProduct && !exchange.is_input) ||
                        (flow.type == FlowType::kWaste && exchange.is_input));
      if (providing) {
        if (exchange.flow_id == key.flow_id) {
          a(j, j) += value;
        } else if (!allocated) {
          b_row(exchange.flow_id)[j] += value;
        }
        continue;
      }
      double share = allocation.share(key.flow_id, exchange);
      if (exchange.is_avoided_product) {
        value = flow.type == FlowType::kWaste ? -std::abs(amount) : std::abs(amount);
      }
      if (flow.type == FlowType::kElementary) {
        b_row(exchange.flow_id)[j] += value * share;
        continue;
      }
      const std::string& provider = provider_of.at({process.id, exchange.internal_id});
      if (provider.empty()) {
        b_row(exchange.flow_id)[j] += value * share;
      } else {
        a(system.column_index.at(TechnosphereKey{provider, exchange.flow_id}), j) += value * share;
      }
    }
  }

  Eigen::VectorXd f = Eigen::VectorXd::Zero(n);
  f[system.demand_column] = system.demand_value;
  Eigen::VectorXd s = a.partialPivLu().solve(f);
  DenseInventory inventory;
  for (const auto& [flow_id, row] : b_rows) inventory.signed_totals[flow_id] = row.dot(s);
  return inventory;
}

TEST_F(EngineUslci, FiveSectorsAgreeWithDenseSolve) {
  // Compares the first computable product (in id order) of each top-level
  // category with at least kMinColumns columns, from five categories. Mode
  // default comes first, then none for sectors that default cannot compute.
  // Most USLCI chains reach the refinery, whose co-products have no
  // allocation factors and no mass units.
  constexpr size_t kMinColumns = 3;
  std::set<std::string> sectors;
  int compared = 0;
  for (AllocationMode mode : {AllocationMode::kDefault, AllocationMode::kNone}) {
    CalculationCache cache;
    for (const TechnosphereKey& pair : all_pairs()) {
      if (compared == 5) break;
      const Process& process = database_->processes.at(pair.process_id);
      std::string sector = process.category_path.empty() ? "" : process.category_path.front();
      if (sectors.count(sector)) continue;

      CalculationRequest request;
      request.demand = Demand{pair.process_id, pair.flow_id, 1.0};
      request.allocation = mode;
      auto result = calculate(*database_, request, &cache);
      if (!result.ok() || !result->warnings.empty() || result->system.columns.size() < kMinColumns) {
        continue;
      }
      sectors.insert(sector);
      ++compared;

      DenseInventory dense = dense_inventory(*database_, *result);
      double largest = 0.0;
      for (const InventoryEntry& entry : result->inventory) {
        largest = std::max(largest, std::abs(entry.amount));
      }
      ASSERT_EQ(dense.signed_totals.size(), result->inventory.size()) << process.name;
      for (const InventoryEntry& entry : result->inventory) {
        double sparse = entry.is_input ? -entry.amount : entry.amount;
        double expected = dense.signed_totals.at(entry.flow_id);
        EXPECT_LE(std::abs(sparse - expected),
                  kRelativeTolerance * std::abs(expected) + 1e-15 * largest)
            << "process '" << process.name << "' flow " << entry.flow_id << " sparse " << sparse
            << " dense " << expected;
      }
      std::cout << "USLCI dense check (allocation " << allocation_mode_name(mode) << "): sector '"
                << sector << "', process '" << process.name << "', "
                << result->system.columns.size() << " columns, " << result->inventory.size()
                << " inventory flows\n";
    }
  }
  EXPECT_EQ(compared, 5);
}

}  // namespace
}  // namespace trustpcf::lca
