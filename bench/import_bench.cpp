// USLCI import and load_database times.
//
//   build/release/bench/import_bench --benchmark_min_time=1
//
// Reads the export from $TRUSTPCF_SHARED (default ../shared beside the
// source tree); each import goes into a fresh SQLite file in a temporary
// folder.

#include <cstdlib>
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>
#include <spdlog/spdlog.h>

#include "lca/entity_store.hpp"
#include "lca/jsonld_import.hpp"
#include "lca/jsonld_reader.hpp"

namespace {

using namespace trustpcf;

std::filesystem::path uslci_zip() {
  const char* env = std::getenv("TRUSTPCF_SHARED");
  std::filesystem::path shared = env && *env ? env : TRUSTPCF_SHARED_DEFAULT;
  return shared / "data/uslci/uslci-olca1.5-jsonld.zip";
}

std::filesystem::path fresh_folder(const std::string& label) {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / ("trustpcf-bench-" + label);
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  return folder;
}

// Reading, parsing, canonicalizing and digesting only.
void BM_ReadUslciExport(benchmark::State& state) {
  for (auto _ : state) {
    auto exported = lca::read_jsonld_export(uslci_zip());
    if (!exported.ok()) {
      state.SkipWithError(exported.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(exported->digest);
  }
}

// The whole `db import`: read, validate, build the model, store in one
// transaction.
void BM_ImportUslci(benchmark::State& state) {
  std::filesystem::path folder = fresh_folder("import");
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto db = store::Database::open(folder / ("store-" + std::to_string(round++) + ".sqlite")).value();
    state.ResumeTiming();
    auto result = lca::import_database(*db, uslci_zip(), {});
    if (!result.ok()) {
      state.SkipWithError(result.error().message().c_str());
      return;
    }
  }
  std::filesystem::remove_all(folder);
}

// Rebuilding the model from the store, as every footprint command does.
void BM_LoadUslci(benchmark::State& state) {
  std::filesystem::path folder = fresh_folder("load");
  auto db = store::Database::open(folder / "store.sqlite").value();
  auto imported = lca::import_database(*db, uslci_zip(), {});
  if (!imported.ok()) {
    state.SkipWithError(imported.error().message().c_str());
    return;
  }
  for (auto _ : state) {
    auto model = lca::load_database(*db, imported->info.name);
    if (!model.ok()) {
      state.SkipWithError(model.error().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(model->processes.size());
  }
  std::filesystem::remove_all(folder);
}

BENCHMARK(BM_ReadUslciExport)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ImportUslci)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadUslci)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  if (!std::filesystem::exists(uslci_zip())) {
    std::fprintf(stderr, "USLCI export %s is absent; set TRUSTPCF_SHARED\n", uslci_zip().c_str());
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
