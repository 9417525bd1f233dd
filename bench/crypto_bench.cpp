// Speed of the crypto module: Ed25519 verification through trustpcf's API
// beside raw libsodium, and RFC 8785 canonicalization throughput on a
// generated document of about 1 MB. Results are recorded in
// docs/benchmarks.md.

#include <benchmark/benchmark.h>
#include <sodium.h>

#include <string>

#include <nlohmann/json.hpp>

#include "crypto/digest.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/jcs.hpp"

namespace {

using namespace trustpcf::crypto;

// Size of the signed message in the verification benchmarks, in bytes: about
// the size of a canonical product footprint summary.
constexpr std::size_t kMessageSize = 256;
// Target size of the generated JSON document, in bytes.
constexpr std::size_t kDocumentSize = 1024 * 1024;

struct SignedMessage {
  Ed25519KeyPair key = Ed25519KeyPair::from_seed(Bytes(kEd25519SeedSize, 42)).value();
  std::string message = std::string(kMessageSize, 'm');
  Bytes signature;

  SignedMessage() {
    Ed25519Signature raw = key.sign(message);
    signature.assign(raw.begin(), raw.end());
  }
};

const SignedMessage& signed_message() {
  static const SignedMessage instance;
  return instance;
}

// A footprint-like document: records with names, numbers of many
// magnitudes, nested objects and non-ASCII text, pretty-printed so that
// whitespace must be dropped, until it reaches kDocumentSize.
std::string generate_document() {
  nlohmann::json records = nlohmann::json::array();
  std::string text;
  for (int i = 0; text.size() < kDocumentSize; ++i) {
    records.push_back({
        {"id", "urn:uuid:" + std::to_string(1000000 + i)},
        {"productName", "Stahlblech \u00e9l\u00e9ment " + std::to_string(i)},
        {"pcf", {{"declaredUnit", "kilogram"}, {"unitaryProductAmount", 1.0 + i * 0.25},
                 {"pCfExcludingBiogenic", 1.0 / (i + 3)}, {"fossilGhgEmissions", i * 1e-7},
                 {"boundaryProcessesDescription", "cradle-to-gate; \"quoted\" \\ text\n"}}},
        {"flags", {true, false, nullptr, i % 7}},
    });
    if (i % 256 == 255) text = records.dump(2);
  }
  return records.dump(2);
}

const std::string& document() {
  static const std::string text = generate_document();
  return text;
}

void BM_Ed25519VerifyTrustpcf(benchmark::State& state) {
  const SignedMessage& input = signed_message();
  for (auto _ : state) {
    trustpcf::util::Status status =
        ed25519_verify(input.key.public_key(), input.message, input.signature);
    benchmark::DoNotOptimize(status);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519VerifyTrustpcf);

void BM_Ed25519VerifyLibsodium(benchmark::State& state) {
  const SignedMessage& input = signed_message();
  const auto* message = reinterpret_cast<const unsigned char*>(input.message.data());
  for (auto _ : state) {
    int rc = crypto_sign_verify_detached(input.signature.data(), message, input.message.size(),
                                         input.key.public_key().bytes().data());
    benchmark::DoNotOptimize(rc);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Ed25519VerifyLibsodium);

// Parsing text strictly and writing the canonical form, as `tools jcs` does.
void BM_JcsCanonicalizeText(benchmark::State& state) {
  const std::string& text = document();
  for (auto _ : state) {
    auto canonical = canonicalize_text(text);
    benchmark::DoNotOptimize(canonical);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["input_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_JcsCanonicalizeText)->Unit(benchmark::kMillisecond);

// Writing the canonical form of a document already in memory, as digest_of does.
void BM_JcsCanonicalizeInMemory(benchmark::State& state) {
  const nlohmann::json value = nlohmann::json::parse(document());
  for (auto _ : state) {
    std::string canonical = canonicalize(value);
    benchmark::DoNotOptimize(canonical);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * document().size()));
}
BENCHMARK(BM_JcsCanonicalizeInMemory)->Unit(benchmark::kMillisecond);

void BM_Sha256(benchmark::State& state) {
  const std::string& text = document();
  for (auto _ : state) {
    Sha256 digest = sha256(text);
    benchmark::DoNotOptimize(digest);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Sha256)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
