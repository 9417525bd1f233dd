// Transparency log throughput and proof cost:
//   BM_DurableAppend/threads:N  durable appends per second with N concurrent
//                               writers (each append waits for its fsyncs),
//                               with entries and syncs per batch as counters
//   BM_Fdatasync                one 256-byte write and fdatasync in the same
//                               folder: the disk's floor, against which the
//                               append figures should be read
//   BM_InclusionProof           inclusion proof generation from tiles in a
//                               log of 1,000,000 entries, with the log's
//                               bytes on disk per entry as counters
// Logs are written under $TMPDIR (default /tmp); run with
//   build/release/bench/tlog_bench --benchmark_counters_tabular=true

#include <atomic>
#include <filesystem>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "tlog/log.hpp"

namespace {

namespace fs = std::filesystem;
using namespace trustpcf;

// Entries of this size stand for disclosure statements: a footprint id and
// digest, a participant id and a timestamp in sorted compact JSON.
std::string disclosure_like_entry(uint64_t i) {
  return fmt::format(
      "{{\"disclosedAt\":\"2026-12-04T20:00:00Z\",\"participant\":\"did:key:"
      "z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\",\"subject\":{{\"digest\":\"sha256:"
      "{:064x}\",\"id\":\"urn:uuid:3f1c0bd6-0000-4000-8000-{:012x}\",\"kind\":\"footprint\"}},"
      "\"type\":\"trustpcf.disclosure/v1\"}}",
      i, i);
}

fs::path fresh_directory(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / fmt::format("trustpcf-bench-{}-{}", name, ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::unique_ptr<tlog::Log> open_log(const fs::path& dir) {
  auto key = tlog::load_or_create_log_key(dir, "bench.example/log");
  if (!key.ok()) return nullptr;
  auto log = tlog::Log::open(dir, *key);
  return log.ok() ? std::move(*log) : nullptr;
}

std::unique_ptr<tlog::Log> shared_log;
fs::path shared_dir;
std::atomic<uint64_t> next_entry{0};

void BM_DurableAppend(benchmark::State& state) {
  if (state.thread_index() == 0) {
    shared_dir = fresh_directory("append");
    shared_log = open_log(shared_dir);
    if (!shared_log) state.SkipWithError("cannot open the log");
  }
  for (auto _ : state) {
    auto index = shared_log->append(disclosure_like_entry(next_entry++));
    if (!index.ok()) {
      state.SkipWithError(index.error().message().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    // How the appends were batched, and the syncs each batch cost.
    const tlog::LogStats stats = shared_log->stats();
    const double batches = stats.batches > 0 ? static_cast<double>(stats.batches) : 1.0;
    state.counters["entries_per_batch"] = static_cast<double>(stats.entries) / batches;
    state.counters["data_syncs_per_batch"] = static_cast<double>(stats.data_syncs) / batches;
    state.counters["dir_syncs_per_batch"] = static_cast<double>(stats.directory_syncs) / batches;
    state.counters["state_syncs_per_batch"] = static_cast<double>(stats.state_syncs) / batches;
    shared_log.reset();
    fs::remove_all(shared_dir);
  }
}
BENCHMARK(BM_DurableAppend)->Threads(1)->Threads(8)->Threads(64)->UseRealTime()->MinTime(3.0);

void BM_Fdatasync(benchmark::State& state) {
  const fs::path dir = fresh_directory("fdatasync");
  const fs::path file = dir / "probe";
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    state.SkipWithError("cannot create the probe file");
    return;
  }
  const std::string bytes(256, 'x');
  for (auto _ : state) {
    if (::write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()) ||
        ::fdatasync(fd) != 0) {
      state.SkipWithError("write or fdatasync failed");
      break;
    }
  }
  ::close(fd);
  fs::remove_all(dir);
}
BENCHMARK(BM_Fdatasync)->UseRealTime()->Unit(benchmark::kMicrosecond)->MinTime(1.0);

// Sums sizes of all files under `dir`: apparent bytes and allocated blocks.
std::pair<uint64_t, uint64_t> disk_usage(const fs::path& dir) {
  uint64_t apparent = 0;
  uint64_t allocated = 0;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    struct stat info;
    if (::lstat(item.path().c_str(), &info) != 0) continue;
    if (S_ISREG(info.st_mode)) apparent += static_cast<uint64_t>(info.st_size);
    allocated += static_cast<uint64_t>(info.st_blocks) * 512;
  }
  return {apparent, allocated};
}

constexpr uint64_t kProofLogSize = 1'000'000;
constexpr size_t kFillBurst = 8192;

void BM_InclusionProof(benchmark::State& state) {
  const fs::path dir = fresh_directory("proof");
  std::unique_ptr<tlog::Log> log = open_log(dir);
  for (uint64_t i = 0; i < kProofLogSize;) {
    std::vector<std::future<util::Result<uint64_t>>> pending;
    for (size_t k = 0; k < kFillBurst && i < kProofLogSize; ++k, ++i) {
      pending.push_back(log->append_async(disclosure_like_entry(i)));
    }
    for (auto& future : pending) {
      if (!future.get().ok()) {
        state.SkipWithError("append failed while filling the log");
        return;
      }
    }
  }

  std::mt19937_64 random(42);
  std::uniform_int_distribution<uint64_t> pick(0, kProofLogSize - 1);
  for (auto _ : state) {
    auto proof = log->prove_inclusion(pick(random));
    if (!proof.ok()) {
      state.SkipWithError(proof.error().message().c_str());
      break;
    }
    benchmark::DoNotOptimize(proof->hashes.data());
  }

  auto [apparent, allocated] = disk_usage(dir);
  state.counters["entries"] = static_cast<double>(kProofLogSize);
  state.counters["entry_bytes"] = static_cast<double>(disclosure_like_entry(0).size());
  state.counters["apparent_bytes_per_entry"] = static_cast<double>(apparent) / kProofLogSize;
  state.counters["disk_bytes_per_entry"] = static_cast<double>(allocated) / kProofLogSize;
  log.reset();
  fs::remove_all(dir);
}
BENCHMARK(BM_InclusionProof)->Unit(benchmark::kMicrosecond)->Iterations(2000);

}  // namespace

BENCHMARK_MAIN();
