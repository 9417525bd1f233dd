// Proof bundle verification without recomputation, beside the floor set by
// raw libsodium Ed25519 verification: a bundle needs kVerificationsPerBundle
// signature checks (two disclosed evidence records, the receipt, the
// credential, the status list and the log checkpoint).

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>

#include "crypto/did_key.hpp"
#include "proof/certify.hpp"
#include "proof/make_bundle.hpp"
#include "proof/publish.hpp"
#include "proof/receipt.hpp"
#include "proof/verify.hpp"
#include "tlog/log.hpp"
#include "util/files.hpp"

namespace {

using namespace trustpcf;

constexpr int kVerificationsPerBundle = 6;

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("TRUSTPCF_SHARED"); env && *env) return env;
  return TRUSTPCF_SHARED_DEFAULT;
}

crypto::Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

struct Fixture {
  proof::Bundle bundle;
  proof::VerifyOptions options;
  std::filesystem::path dir;
  bool ready = false;
};

// Builds a complete bundle once: evidence, receipt, certificate, publication.
Fixture& fixture() {
  static Fixture state = [] {
    Fixture f;
    auto text = util::read_file(shared_dir() / "pact/v3/examples/example-1.json");
    if (!text.ok()) return f;
    f.dir = std::filesystem::temp_directory_path() / "trustpcf-proof-bench";
    std::filesystem::remove_all(f.dir);
    std::filesystem::create_directories(f.dir);

    auto meter = key_of(1);
    auto owner = key_of(2);
    auto verifier = key_of(3);
    nlohmann::json record = {{"activityType", "electricity"}, {"quantity", "1250.5"},
                             {"unit", "kWh"}, {"periodStart", "2024-01-01T00:00:00Z"},
                             {"periodEnd", "2024-02-01T00:00:00Z"}, {"site", "Plant A"}};
    auto batch = proof::build_batch({record, record, record}, proof::UnitCatalog::fallback(),
                                    meter.public_key(), &meter);
    // As `footprint compute --bundle` writes it: the comment and boundary
    // description behind disclosure digests, each record's site too.
    proof::ReceiptInputs inputs;
    inputs.background_database = std::string(64, 'a');
    inputs.characterization_table = std::string(64, 'c');
    auto made = proof::make_bundle(nlohmann::json::parse(*text), inputs, {{*batch, {0, 2}}}, owner);
    if (!made.ok()) return f;
    f.bundle = std::move(made).value();

    auto db = store::Database::open(f.dir / "store.sqlite");
    proof::StatusListStore statuses(**db);
    proof::CertifyOptions options;
    options.now = "2026-12-04T12:00:00Z";
    auto report = proof::certify(f.bundle, verifier, statuses, options);
    if (!report.ok() || !report->passed()) return f;

    auto signer = tlog::NoteSigner::generate("bench.example/log");
    auto verifier_key = tlog::NoteVerifier::parse(signer->verifier_key());
    auto log = tlog::Log::open(f.dir / "log", std::move(signer).value());
    if (!proof::publish(f.bundle, **log, "did:example:owner", util::Clock::now()).ok()) return f;

    f.options.trusted = {verifier.public_key(),
                         std::move(crypto::Ed25519PublicKey::from_bytes(crypto::Bytes(
                                       verifier_key->public_key().begin(),
                                       verifier_key->public_key().end())))
                             .value()};
    f.ready = proof::verify_bundle(f.bundle, f.options).passed();
    return f;
  }();
  return state;
}

void BM_VerifyBundle(benchmark::State& state) {
  Fixture& f = fixture();
  if (!f.ready) {
    state.SkipWithError("building the bundle failed; set TRUSTPCF_SHARED to the reference data folder");
    return;
  }
  for (auto _ : state) {
    proof::VerifyReport report = proof::verify_bundle(f.bundle, f.options);
    benchmark::DoNotOptimize(report);
  }
  state.counters["bundles_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_VerifyBundle)->Unit(benchmark::kMicrosecond);

// kVerificationsPerBundle raw libsodium verifications: the floor per bundle.
void BM_RawEd25519Floor(benchmark::State& state) {
  if (sodium_init() < 0) {
    state.SkipWithError("sodium_init failed");
    return;
  }
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(public_key, secret_key);
  const unsigned char message[64] = {1};
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, message, sizeof message, secret_key);
  for (auto _ : state) {
    for (int i = 0; i < kVerificationsPerBundle; ++i) {
      int result = crypto_sign_verify_detached(signature, message, sizeof message, public_key);
      benchmark::DoNotOptimize(result);
    }
  }
  state.counters["bundles_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RawEd25519Floor)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
