// The whole proof chain on a PACT example footprint with a hand-made
// receipt, and the tampering matrix: each change must fail the right link
// with a reason naming what failed.

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "proof/bundle.hpp"
#include "proof/certify.hpp"
#include "proof/publish.hpp"
#include "proof/receipt.hpp"
#include "proof/verify.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "tlog/log.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

constexpr const char* kNow = "2026-12-04T12:00:00Z";
constexpr const char* kLogOrigin = "example.org/trustpcf-log";

crypto::Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

// Returns a fixed footprint, as an engine repeating the run would.
class FixedRecomputer : public Recomputer {
 public:
  explicit FixedRecomputer(nlohmann::json footprint) : footprint_(std::move(footprint)) {}
  util::Result<nlohmann::json> recompute(const nlohmann::json&) override { return footprint_; }

 private:
  nlohmann::json footprint_;
};

ReceiptInputs receipt_inputs(const EvidenceBatch& batch) {
  ReceiptInputs inputs;
  inputs.evidence.push_back(batch.commitment());
  inputs.background_database = std::string(64, 'a');
  inputs.product_system = {{"process", "window frame production"}, {"amount", 1}};
  inputs.characterization_method = "ipcc-ar6-gwp100";
  inputs.characterization_table = std::string(64, 'c');
  inputs.options = {{"allocation", "default"}};
  return inputs;
}

class ProofBundleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-1.json");
    auto text = util::read_file(example);
    ASSERT_TRUE(text.ok());
    footprint_ = nlohmann::json::parse(*text);

    auto db = store::Database::open(dir_.path() / "store.sqlite");
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();

    nlohmann::json record = {{"activityType", "electricity"}, {"quantity", "1250.5"},
                             {"unit", "kWh"}, {"periodStart", "2024-01-01T00:00:00Z"},
                             {"periodEnd", "2024-02-01T00:00:00Z"}, {"site", "Plant A"}};
    std::vector<nlohmann::json> raw = {record, record, record};
    raw[1]["quantity"] = "980";
    raw[2]["activityType"] = "natural gas";
    raw[2]["unit"] = "MJ";
    auto batch = build_batch(raw, UnitCatalog::fallback(), meter_.public_key(), &meter_);
    ASSERT_TRUE(batch.ok()) << batch.error().message();
    batch_ = std::move(batch).value();

    bundle_.footprint = footprint_;
    auto disclosure = disclose_evidence(batch_, {0, 2});
    ASSERT_TRUE(disclosure.ok());
    bundle_.evidence.push_back(std::move(disclosure).value());
    auto receipt = make_receipt(footprint_, receipt_inputs(batch_), owner_);
    ASSERT_TRUE(receipt.ok()) << receipt.error().message();
    bundle_.receipt = std::move(receipt).value();

    StatusListStore statuses(*db_);
    FixedRecomputer recomputer(footprint_);
    CertifyOptions options;
    options.recomputer = &recomputer;
    options.provider_name = "Example Verification Body";
    options.now = kNow;
    auto report = certify(bundle_, verifier_, statuses, options);
    ASSERT_TRUE(report.ok()) << report.error().message();
    ASSERT_TRUE(report->passed());

    auto signer = tlog::NoteSigner::generate(kLogOrigin);
    ASSERT_TRUE(signer.ok());
    log_key_text_ = signer->to_private_key_text();
    auto log_public = crypto::Ed25519PublicKey::from_bytes(log_public_bytes(*signer));
    ASSERT_TRUE(log_public.ok());
    auto log = tlog::Log::open(dir_.path() / "log", std::move(signer).value());
    ASSERT_TRUE(log.ok()) << log.error().message();
    log_ = std::move(log).value();
    ASSERT_TRUE(publish(bundle_, *log_, crypto::did_key_of(owner_.public_key()), now()).ok());

    log_public_ = *log_public;
    options_.trusted = {verifier_.public_key(), log_public_};
  }

  static crypto::Bytes log_public_bytes(const tlog::NoteSigner& signer) {
    auto verifier = tlog::NoteVerifier::parse(signer.verifier_key());
    return crypto::Bytes(verifier->public_key().begin(), verifier->public_key().end());
  }

  static util::Clock::time_point now() { return util::parse_rfc3339(kNow).value(); }

  // Verifies and checks that `link` is the first failure with `words` in its reason.
  void expect_failure(const Bundle& bundle, Link link, const std::string& words,
                      const VerifyOptions* options = nullptr) {
    VerifyReport report = verify_bundle(bundle, options ? *options : options_);
    ASSERT_FALSE(report.passed());
    ASSERT_TRUE(report.first_failure().has_value());
    EXPECT_EQ(link_name(*report.first_failure()), std::string(link_name(link)));
    const LinkResult& result = report.links[static_cast<int>(link)];
    EXPECT_FALSE(result.passed);
    EXPECT_NE(result.reason.find(words), std::string::npos) << result.reason;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  nlohmann::json footprint_;
  crypto::Ed25519KeyPair meter_ = key_of(1);
  crypto::Ed25519KeyPair owner_ = key_of(2);
  crypto::Ed25519KeyPair verifier_ = key_of(3);
  EvidenceBatch batch_;
  Bundle bundle_;
  std::unique_ptr<tlog::Log> log_;
  std::string log_key_text_;
  crypto::Ed25519PublicKey log_public_;
  VerifyOptions options_;
};

TEST_F(ProofBundleTest, CompleteBundlePassesAllLinks) {
  VerifyReport report = verify_bundle(bundle_, options_);
  for (const LinkResult& link : report.links) EXPECT_TRUE(link.passed) << link.reason;
  EXPECT_TRUE(report.passed());
  EXPECT_EQ(report.to_json()["verdict"], "PASS");
}

TEST_F(ProofBundleTest, CertificationFillsPactVerification) {
  const nlohmann::json& verification = bundle_.footprint["pcf"]["verification"];
  EXPECT_EQ(verification["coverage"], "product level");
  EXPECT_EQ(verification["providerName"], "Example Verification Body");
  EXPECT_EQ(verification["completedAt"], kNow);
  EXPECT_EQ(verification["standardName"], kDefaultStandard);
  EXPECT_EQ((*bundle_.credential)["credentialSubject"]["scope"]["recomputed"], true);
}

TEST_F(ProofBundleTest, BundleSurvivesFootprintRoundTrip) {
  nlohmann::json footprint = bundle_to_footprint(bundle_);
  ASSERT_EQ(footprint["extensions"].size(), 1u);
  EXPECT_EQ(footprint["extensions"][0]["dataSchema"], kBundleDataSchema);
  EXPECT_EQ(footprint["extensions"][0]["specVersion"], "2.0.0");
  EXPECT_EQ(footprint_digest(footprint), footprint_digest(footprint_));

  auto path = dir_.path() / "bundle.json";
  ASSERT_TRUE(write_bundle(path, bundle_).ok());
  auto read = read_bundle(path);
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_TRUE(verify_bundle(*read, options_).passed());
}

TEST_F(ProofBundleTest, UsageTermsFromServingNodeKeepBundleValid) {
  nlohmann::json served = bundle_to_footprint(bundle_);
  served["extensions"].push_back({{"specVersion", "2.0.0"},
                                  {"dataSchema", std::string("https://127.0.0.1:8443") + kUsageTermsSchemaPath},
                                  {"data", {{"policyId", "p-1"}, {"reshareAllowed", false}}}});
  EXPECT_EQ(footprint_digest(served), footprint_digest(footprint_));

  auto read = bundle_from_footprint(served);
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_TRUE(verify_bundle(*read, options_).passed());
}

TEST_F(ProofBundleTest, OtherExtensionChangesDigest) {
  nlohmann::json extended = footprint_;
  extended["extensions"] = nlohmann::json::array(
      {{{"specVersion", "2.0.0"}, {"dataSchema", "https://example.com/battery/schema.json"}, {"data", {}}}});
  EXPECT_NE(footprint_digest(extended), footprint_digest(footprint_));
}

TEST_F(ProofBundleTest, FootprintWithoutExtensionIsRejected) {
  auto bundle = bundle_from_footprint(footprint_);
  ASSERT_FALSE(bundle.ok());
  EXPECT_NE(bundle.error().message().find("carries no proof bundle"), std::string::npos);
}

TEST_F(ProofBundleTest, ChangedFootprintDigitFailsCalculation) {
  Bundle bundle = bundle_;
  bundle.footprint["pcf"]["pcfExcludingBiogenicUptake"] = "0.385";
  expect_failure(bundle, Link::kCalculation, "subject digest");
  VerifyReport report = verify_bundle(bundle, options_);
  EXPECT_FALSE(report.links[2].passed);
  EXPECT_FALSE(report.links[3].passed);
}

TEST_F(ProofBundleTest, ChangedEvidenceRecordFailsOriginalData) {
  Bundle bundle = bundle_;
  bundle.evidence[0].records[0].record.content["quantity"] = "1250.6";
  expect_failure(bundle, Link::kOriginalData, "content digest");
}

TEST_F(ProofBundleTest, ResignedEvidenceRecordFailsSignature) {
  Bundle bundle = bundle_;
  EvidenceRecord& record = bundle.evidence[0].records[0].record;
  record.content["quantity"] = "1250.6";
  record.digest = crypto::sha256_hex(evidence_signing_input(record.content));
  expect_failure(bundle, Link::kOriginalData, "does not verify");
}

TEST_F(ProofBundleTest, RecordMovedToOtherIndexFailsInclusion) {
  Bundle bundle = bundle_;
  bundle.evidence[0].records[1].index = 1;
  expect_failure(bundle, Link::kOriginalData, "inclusion proof");
}

TEST_F(ProofBundleTest, ChangedCommitmentFailsOriginalData) {
  Bundle bundle = bundle_;
  bundle.evidence[0].commitment["treeSize"] = 4;
  expect_failure(bundle, Link::kOriginalData, "receipt names evidence batch");
}

TEST_F(ProofBundleTest, ChangedReceiptFailsCalculation) {
  Bundle bundle = bundle_;
  std::string& payload = bundle.receipt->payload;
  std::size_t at = payload.find("ipcc-ar6");
  ASSERT_NE(at, std::string::npos);
  payload.replace(at, 8, "ipcc-ar5");
  expect_failure(bundle, Link::kCalculation, "DSSE signature");
}

TEST_F(ProofBundleTest, RecomputationMismatchFailsCalculation) {
  nlohmann::json different = footprint_;
  different["pcf"]["fossilGhgEmissions"] = "0.36";
  FixedRecomputer recomputer(different);
  VerifyOptions options = options_;
  options.recomputer = &recomputer;
  expect_failure(bundle_, Link::kCalculation, "recomputation gives footprint digest", &options);
}

TEST_F(ProofBundleTest, ChangedCredentialFailsCertification) {
  Bundle bundle = bundle_;
  (*bundle.credential)["credentialSubject"]["providerName"] = "Another Body";
  expect_failure(bundle, Link::kCertification, "does not verify");
}

TEST_F(ProofBundleTest, ChangedPactVerificationFailsCertification) {
  Bundle bundle = bundle_;
  bundle.footprint["pcf"]["verification"]["coverage"] = "PCF program";
  expect_failure(bundle, Link::kCertification, "pcf.verification differs");
}

TEST_F(ProofBundleTest, RevokedCredentialFailsCertification) {
  StatusListStore statuses(*db_);
  auto issuer = statuses.revoke((*bundle_.credential)["id"]);
  ASSERT_TRUE(issuer.ok()) << issuer.error().message();
  EXPECT_EQ(*issuer, crypto::did_key_of(verifier_.public_key()));
  auto list = statuses.signed_list(verifier_, "2026-12-05T00:00:00Z");
  ASSERT_TRUE(list.ok());
  VerifyOptions options = options_;
  options.status_list = *list;
  expect_failure(bundle_, Link::kCertification, "is revoked", &options);
}

TEST_F(ProofBundleTest, StatusListOfOtherIssuerFailsCertification) {
  StatusListStore statuses(*db_);
  auto list = statuses.signed_list(owner_, kNow);
  ASSERT_TRUE(list.ok());
  VerifyOptions options = options_;
  options.status_list = *list;
  expect_failure(bundle_, Link::kCertification, "not by the credential's issuer", &options);
}

TEST_F(ProofBundleTest, UntrustedIssuerFailsCertification) {
  VerifyOptions options = options_;
  options.trusted = {log_public_};
  expect_failure(bundle_, Link::kCertification, "is not trusted", &options);
}

TEST_F(ProofBundleTest, ChangedCheckpointFailsDisclosure) {
  Bundle bundle = bundle_;
  std::string& note = bundle.disclosure->checkpoint;
  std::size_t line = note.find('\n');
  note[line + 1] = note[line + 1] == '1' ? '2' : '1';
  expect_failure(bundle, Link::kDisclosure, "checkpoint");
}

TEST_F(ProofBundleTest, ChangedInclusionProofFailsDisclosure) {
  Bundle bundle = bundle_;
  // Footprint and credential entries are leaves 0 and 1, so each proof has a hash.
  ASSERT_FALSE(bundle.disclosure->entries[0].inclusion_proof.empty());
  std::string& hash = bundle.disclosure->entries[0].inclusion_proof[0];
  hash[0] = hash[0] == 'A' ? 'B' : 'A';
  expect_failure(bundle, Link::kDisclosure, "inclusion proof");
}

TEST_F(ProofBundleTest, ChangedLogEntryFailsDisclosure) {
  Bundle bundle = bundle_;
  std::string& entry = bundle.disclosure->entries[0].entry;
  std::size_t at = entry.find("2026");
  entry.replace(at, 4, "2025");
  expect_failure(bundle, Link::kDisclosure, "inclusion proof");
}

TEST_F(ProofBundleTest, UntrustedLogKeyFailsDisclosure) {
  VerifyOptions options = options_;
  options.trusted = {verifier_.public_key()};
  expect_failure(bundle_, Link::kDisclosure, "log key", &options);
}

TEST_F(ProofBundleTest, ForkedLogFailsDisclosure) {
  // A second log under the same key, with different entries of the same
  // count: two signed checkpoints of one size with different roots.
  auto signer = tlog::NoteSigner::from_private_key_text(log_key_text_);
  ASSERT_TRUE(signer.ok());
  auto fork = tlog::Log::open(dir_.path() / "fork", std::move(signer).value());
  ASSERT_TRUE(fork.ok()) << fork.error().message();
  ASSERT_TRUE((*fork)->append("a different first entry").ok());
  ASSERT_TRUE((*fork)->append("a different second entry").ok());
  VerifyOptions options = options_;
  options.known_checkpoints = {(*fork)->checkpoint().note};
  expect_failure(bundle_, Link::kDisclosure, "forked", &options);
}

TEST_F(ProofBundleTest, ChangedCredentialLogEntryFailsDisclosure) {
  Bundle bundle = bundle_;
  bundle.disclosure->entries.pop_back();
  expect_failure(bundle, Link::kDisclosure, "no log entry discloses credential");
}

TEST_F(ProofBundleTest, ConsistentKnownCheckpointPasses) {
  VerifyOptions options = options_;
  options.known_checkpoints = {bundle_.disclosure->checkpoint};
  EXPECT_TRUE(verify_bundle(bundle_, options).passed());
}

TEST_F(ProofBundleTest, UncertifiedBundleFailsOnlyLaterLinks) {
  Bundle bundle;
  bundle.footprint = footprint_;
  bundle.evidence = bundle_.evidence;
  bundle.receipt = bundle_.receipt;
  VerifyReport report = verify_bundle(bundle, options_);
  EXPECT_TRUE(report.links[0].passed) << report.links[0].reason;
  EXPECT_TRUE(report.links[1].passed) << report.links[1].reason;
  EXPECT_FALSE(report.links[2].passed);
  EXPECT_FALSE(report.links[3].passed);
}

TEST_F(ProofBundleTest, CertifyRejectsFailedMethodologyCheck) {
  Bundle bundle;
  bundle.footprint = footprint_;
  bundle.footprint["pcf"]["primaryDataShare"] = "101";
  bundle.evidence = bundle_.evidence;
  auto receipt = make_receipt(bundle.footprint, receipt_inputs(batch_), owner_);
  ASSERT_TRUE(receipt.ok());
  bundle.receipt = std::move(receipt).value();
  StatusListStore statuses(*db_);
  CertifyOptions options;
  options.now = kNow;
  auto report = certify(bundle, verifier_, statuses, options);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->passed());
  EXPECT_FALSE(bundle.credential.has_value());
}

TEST_F(ProofBundleTest, ReceiptDifferencesNameChangedInputs) {
  ReceiptInputs inputs = receipt_inputs(batch_);
  auto first = make_receipt_statement(footprint_, inputs);
  inputs.background_database = std::string(64, 'b');
  inputs.options["allocation"] = "economic";
  auto second = make_receipt_statement(footprint_, inputs);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  std::vector<std::string> differences = receipt_differences(first->predicate, second->predicate);
  EXPECT_EQ(differences, (std::vector<std::string>{"backgroundDatabase", "options.allocation"}));
}

}  // namespace
}  // namespace trustpcf::proof
