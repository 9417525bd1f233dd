// LCA engine speed on the US LCI database: the first footprint of a run
// (database-wide product system, UMFPACK factorization, solve, inventory) and
// a further footprint with the cached factorization (the demand's product
// system, solve, sanity checks, inventory). Needs the USLCI export in the
// shared reference data ($TRUSTPCF_SHARED, else ../shared) and the JSON-LD
// importer; skips otherwise.
//
//   build/release/bench/engine_bench --benchmark_min_time=2

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include "../tests/lca/engine_uslci.hpp"
#include "lca/allocation.hpp"
#include "lca/result.hpp"

namespace trustpcf::lca {
namespace {

std::filesystem::path uslci_path() {
  const char* env = std::getenv("TRUSTPCF_SHARED");
  std::filesystem::path shared = env != nullptr && *env ? env : TRUSTPCF_SHARED_DEFAULT;
  return shared / testing::kUslciExport;
}

// The loaded database and the demands measured: for each allocation mode, the
// computable process-product pairs with the largest product systems.
struct Fixture {
  std::unique_ptr<Database> database;
  std::string error;
  std::map<AllocationMode, std::vector<Demand>> demands;
  std::map<AllocationMode, size_t> largest_system;
};

const Fixture& fixture() {
  static const Fixture* loaded = [] {
    auto* result = new Fixture();
    spdlog::set_level(spdlog::level::err);
#if TRUSTPCF_HAVE_JSONLD_IMPORTER
    if (!std::filesystem::exists(uslci_path())) {
      result->error = "USLCI export not found at " + uslci_path().string();
      return result;
    }
    auto database = testing::load_export(uslci_path());
    if (!database.ok()) {
      result->error = database.error().message();
      return result;
    }
    result->database = std::make_unique<Database>(std::move(database).value());
    for (AllocationMode mode : {AllocationMode::kDefault, AllocationMode::kNone}) {
      CalculationCache cache;
      std::vector<std::pair<size_t, Demand>> sized;
      for (const auto& [process_id, process] : result->database->processes) {
        for (const std::string& flow_id : co_products(*result->database, process)) {
          CalculationRequest request{Demand{process_id, flow_id, 1.0}, mode};
          auto computed = calculate(*result->database, request, &cache);
          if (computed.ok()) sized.emplace_back(computed->system.columns.size(), request.demand);
        }
      }
      std::stable_sort(sized.begin(), sized.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (size_t k = 0; k < sized.size() && k < 10; ++k) result->demands[mode].push_back(sized[k].second);
      result->largest_system[mode] = sized.empty() ? 0 : sized.front().first;
    }
#else
    result->error = "the JSON-LD importer is not in this build";
#endif
    return result;
  }();
  return *loaded;
}

AllocationMode mode_of(const benchmark::State& state) {
  return state.range(0) == 0 ? AllocationMode::kDefault : AllocationMode::kNone;
}

// A fresh cache per iteration: builds and factorizes the database-wide
// system, then computes the largest product system of the mode.
void BM_FirstFootprint(benchmark::State& state) {
  const Fixture& loaded = fixture();
  if (!loaded.error.empty()) {
    state.SkipWithError(loaded.error.c_str());
    return;
  }
  AllocationMode mode = mode_of(state);
  const std::vector<Demand>& demands = loaded.demands.at(mode);
  for (auto _ : state) {
    CalculationCache cache;
    auto result = calculate(*loaded.database, CalculationRequest{demands.front(), mode}, &cache);
    if (!result.ok()) {
      state.SkipWithError(result.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(result->inventory.data());
  }
  state.SetLabel(allocation_mode_name(mode));
  state.counters["system_columns"] = static_cast<double>(loaded.largest_system.at(mode));
}

// One cache for the run: each iteration computes one of the ten largest
// product systems of the mode with the cached factorization.
void BM_FurtherFootprint(benchmark::State& state) {
  const Fixture& loaded = fixture();
  if (!loaded.error.empty()) {
    state.SkipWithError(loaded.error.c_str());
    return;
  }
  AllocationMode mode = mode_of(state);
  const std::vector<Demand>& demands = loaded.demands.at(mode);
  CalculationCache cache;
  auto warm = calculate(*loaded.database, CalculationRequest{demands.front(), mode}, &cache);
  if (!warm.ok()) {
    state.SkipWithError(warm.error().message().c_str());
    return;
  }
  size_t next = 0;
  for (auto _ : state) {
    auto result = calculate(*loaded.database, CalculationRequest{demands[next], mode}, &cache);
    next = (next + 1) % demands.size();
    if (!result.ok()) {
      state.SkipWithError(result.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(result->inventory.data());
  }
  state.SetLabel(allocation_mode_name(mode));
  state.counters["system_columns"] = static_cast<double>(loaded.largest_system.at(mode));
}

BENCHMARK(BM_FirstFootprint)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FurtherFootprint)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace trustpcf::lca

BENCHMARK_MAIN();
