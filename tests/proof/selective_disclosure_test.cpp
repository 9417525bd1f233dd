// Selective disclosure through SD-JWT disclosures: a bundle written by
// make_bundle, certified and published, then copies that withhold the
// footprint comment and boundary description and the evidence site and
// supplier. Each copy must verify, hide the values and keep the digest; each
// changed disclosure must fail the right link naming the field.

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "crypto/digest.hpp"
#include "crypto/encoding.hpp"
#include "crypto/sd_jwt.hpp"
#include "proof/certify.hpp"
#include "proof/evidence_sd.hpp"
#include "proof/evidence_store.hpp"
#include "proof/make_bundle.hpp"
#include "proof/publish.hpp"
#include "proof/selective_disclosure.hpp"
#include "proof/verify.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "tlog/log.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

constexpr const char* kNow = "2026-12-04T12:00:00Z";
constexpr const char* kSite = "Plant Lindenhof";
constexpr const char* kSupplier = "Stadtwerke Beispielstadt";
constexpr const char* kRequestComment = "internal line 7, customer order 4411";

crypto::Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

// Returns a fixed footprint and keeps the predicate it was given.
class RecordingRecomputer : public Recomputer {
 public:
  explicit RecordingRecomputer(nlohmann::json footprint) : footprint_(std::move(footprint)) {}
  util::Result<nlohmann::json> recompute(const nlohmann::json& predicate) override {
    predicate_ = predicate;
    return footprint_;
  }
  const nlohmann::json& predicate() const { return predicate_; }

 private:
  nlohmann::json footprint_;
  nlohmann::json predicate_;
};

// Every text of the bundle file as written, and decoded where it is base64
// or base64url (the DSSE payload, SD-JWT disclosures), with JSON escapes
// undone: the places where a value could be recovered from.
void collect_texts(const nlohmann::json& node, std::vector<std::string>& texts) {
  if (node.is_object() || node.is_array()) {
    for (const auto& [name, member] : node.items()) {
      texts.push_back(name);
      collect_texts(member, texts);
    }
    return;
  }
  if (!node.is_string()) return;
  const std::string& text = node.get_ref<const std::string&>();
  texts.push_back(text);
  if (auto decoded = crypto::base64url_decode(text); decoded.ok()) texts.push_back(crypto::to_string(*decoded));
  if (auto decoded = crypto::base64_decode(text); decoded.ok()) texts.push_back(crypto::to_string(*decoded));
}

bool appears_in(const Bundle& bundle, const std::string& value) {
  std::vector<std::string> texts;
  collect_texts(nlohmann::json::parse(bundle_to_footprint(bundle).dump(2)), texts);
  for (const std::string& text : texts) {
    if (text.find(value) != std::string::npos) return true;
  }
  return false;
}

class SelectiveDisclosureTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-1.json");
    auto text = util::read_file(example);
    ASSERT_TRUE(text.ok());
    footprint_ = nlohmann::json::parse(*text);
    footprint_["comment"] = std::string(kRequestComment) + "\nComputed by trustpcf.";
    comment_ = footprint_["comment"];
    boundary_ = footprint_["pcf"]["boundaryProcessesDescription"];

    nlohmann::json record = {{"activityType", "electricity"}, {"quantity", "1250.5"},
                             {"unit", "kWh"}, {"periodStart", "2024-01-01T00:00:00Z"},
                             {"periodEnd", "2024-02-01T00:00:00Z"}, {"site", kSite},
                             {"supplier", kSupplier}};
    std::vector<nlohmann::json> raw = {record, record, record};
    raw[1]["quantity"] = "980";
    auto batch = build_batch(raw, UnitCatalog::fallback(), meter_.public_key(), &meter_);
    ASSERT_TRUE(batch.ok()) << batch.error().message();
    batch_ = std::move(batch).value();

    auto bundle = make_bundle(footprint_, inputs(), {{batch_, {0, 2}}}, owner_);
    ASSERT_TRUE(bundle.ok()) << bundle.error().message();
    bundle_ = std::move(bundle).value();

    auto db = store::Database::open(dir_.path() / "store.sqlite");
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    StatusListStore statuses(*db_);
    RecordingRecomputer recomputer(footprint_);
    CertifyOptions options;
    options.recomputer = &recomputer;
    options.now = kNow;
    auto report = certify(bundle_, verifier_, statuses, options);
    ASSERT_TRUE(report.ok()) << report.error().message();
    ASSERT_TRUE(report->passed()) << report->checks.back().reason;

    auto signer = tlog::NoteSigner::generate("example.org/sd-log");
    ASSERT_TRUE(signer.ok());
    auto verifier_key = tlog::NoteVerifier::parse(signer->verifier_key());
    auto log_public = crypto::Ed25519PublicKey::from_bytes(
        crypto::Bytes(verifier_key->public_key().begin(), verifier_key->public_key().end()));
    ASSERT_TRUE(log_public.ok());
    auto log = tlog::Log::open(dir_.path() / "log", std::move(signer).value());
    ASSERT_TRUE(log.ok()) << log.error().message();
    log_ = std::move(log).value();
    ASSERT_TRUE(publish(bundle_, *log_, crypto::did_key_of(owner_.public_key()),
                        util::parse_rfc3339(kNow).value())
                    .ok());
    options_.trusted = {verifier_.public_key(), *log_public};
  }

  ReceiptInputs inputs() const {
    ReceiptInputs inputs;
    inputs.background_database = std::string(64, 'a');
    inputs.product_system = {{"request", {{"process", "p1"}, {"comment", kRequestComment}}}, {"links", {}}};
    inputs.characterization_method = "ipcc-ar6-gwp100";
    inputs.characterization_table = std::string(64, 'c');
    return inputs;
  }

  Bundle withheld(const std::vector<std::string>& fields) const {
    Bundle copy = bundle_;
    util::Status status = withhold_fields(copy, fields);
    EXPECT_TRUE(status.ok()) << status.error().message();
    return copy;
  }

  // Replaces the disclosure named `name` in `disclosures` by one with the same
  // salt and `value`.
  static void change_disclosure(std::vector<std::string>& disclosures, const std::string& name,
                                const nlohmann::json& value) {
    for (std::string& encoded : disclosures) {
      auto parsed = crypto::parse_sd_jwt_disclosure(encoded);
      ASSERT_TRUE(parsed.ok());
      if (parsed->name != name) continue;
      encoded = crypto::make_sd_jwt_disclosure(parsed->salt, name, value).encoded;
      return;
    }
    FAIL() << "no disclosure named " << name;
  }

  void expect_failure(const Bundle& bundle, Link link, const std::string& words) {
    VerifyReport report = verify_bundle(bundle, options_);
    ASSERT_TRUE(report.first_failure().has_value());
    EXPECT_EQ(std::string(link_name(*report.first_failure())), link_name(link));
    const std::string& reason = report.links[static_cast<int>(link)].reason;
    EXPECT_NE(reason.find(words), std::string::npos) << reason;
  }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<tlog::Log> log_;
  nlohmann::json footprint_;
  std::string comment_;
  std::string boundary_;
  crypto::Ed25519KeyPair meter_ = key_of(1);
  crypto::Ed25519KeyPair owner_ = key_of(2);
  crypto::Ed25519KeyPair verifier_ = key_of(3);
  EvidenceBatch batch_;
  Bundle bundle_;
  VerifyOptions options_;
};

TEST_F(SelectiveDisclosureTest, FullBundlePassesAllLinks) {
  VerifyReport report = verify_bundle(bundle_, options_);
  for (const LinkResult& link : report.links) EXPECT_TRUE(link.passed) << link.reason;
  EXPECT_TRUE(report.withheld.empty());
}

TEST_F(SelectiveDisclosureTest, FullBundleRevealsEveryField) {
  EXPECT_EQ(bundle_.footprint["comment"], comment_);
  auto content = disclosed_content(bundle_.evidence[0].records[0].record);
  ASSERT_TRUE(content.ok()) << content.error().message();
  EXPECT_EQ((*content)["site"], kSite);
  EXPECT_EQ((*content)["supplier"], kSupplier);
  EXPECT_FALSE(bundle_.evidence[0].records[0].record.content.contains("site"));
}

TEST_F(SelectiveDisclosureTest, WithheldBundlePassesAllLinks) {
  Bundle bundle = withheld({"comment", "boundary", "site", "supplier"});
  VerifyReport report = verify_bundle(bundle, options_);
  for (const LinkResult& link : report.links) EXPECT_TRUE(link.passed) << link.reason;
  EXPECT_EQ(report.withheld, (std::vector<std::string>{"boundary", "comment", "site", "supplier"}));
}

TEST_F(SelectiveDisclosureTest, WithheldValuesAppearNowhere) {
  Bundle bundle = withheld({"comment", "boundary", "site", "supplier"});
  for (const std::string& value : {std::string(kSite), std::string(kSupplier), std::string(kRequestComment),
                                   comment_, boundary_}) {
    EXPECT_FALSE(appears_in(bundle, value)) << value;
  }
}

TEST_F(SelectiveDisclosureTest, FullBundleCarriesEveryValue) {
  // The check above must be able to fail: the full bundle reveals the values,
  // site and supplier only inside base64url disclosures.
  for (const std::string& value : {std::string(kSite), std::string(kSupplier), std::string(kRequestComment),
                                   comment_, boundary_}) {
    EXPECT_TRUE(appears_in(bundle_, value)) << value;
  }
}

TEST_F(SelectiveDisclosureTest, WithholdingKeepsFootprintDigest) {
  Bundle bundle = withheld({"comment", "boundary", "site", "supplier"});
  auto full = bundle_footprint_digest(bundle_);
  auto partial = bundle_footprint_digest(bundle);
  ASSERT_TRUE(full.ok());
  ASSERT_TRUE(partial.ok()) << partial.error().message();
  EXPECT_EQ(*partial, *full);
}

TEST_F(SelectiveDisclosureTest, WithheldBundleSurvivesFileRoundTrip) {
  Bundle bundle = withheld({"comment", "site"});
  auto read = bundle_from_footprint(nlohmann::json::parse(bundle_to_footprint(bundle).dump()));
  ASSERT_TRUE(read.ok()) << read.error().message();
  VerifyReport report = verify_bundle(*read, options_);
  EXPECT_TRUE(report.passed());
  EXPECT_EQ(report.withheld, (std::vector<std::string>{"comment", "site"}));
}

TEST_F(SelectiveDisclosureTest, ChangedCommentDisclosureFailsCalculation) {
  Bundle bundle = bundle_;
  change_disclosure(bundle.selective_disclosure->disclosures, "comment", "another comment");
  expect_failure(bundle, Link::kCalculation, "comment");
}

TEST_F(SelectiveDisclosureTest, ChangedCommentValueFailsCalculation) {
  Bundle bundle = bundle_;
  bundle.footprint["comment"] = "another comment";
  expect_failure(bundle, Link::kCalculation, "footprint field 'comment'");
}

TEST_F(SelectiveDisclosureTest, ChangedBoundaryDisclosureFailsCalculation) {
  Bundle bundle = bundle_;
  change_disclosure(bundle.selective_disclosure->disclosures, "boundaryProcessesDescription", "none");
  bundle.footprint["pcf"]["boundaryProcessesDescription"] = "none";
  expect_failure(bundle, Link::kCalculation, "'boundary'");
}

TEST_F(SelectiveDisclosureTest, ChangedRequestCommentDisclosureFailsCalculation) {
  Bundle bundle = withheld({"comment"});
  // Put back only the receipt's request comment disclosure, with another value.
  std::string salt = "c2FsdC1yZXF1ZXN0LWNvbW1lbnQ";
  bundle.selective_disclosure->disclosures.push_back(
      crypto::make_sd_jwt_disclosure(salt, "comment", "forged").encoded);
  expect_failure(bundle, Link::kCalculation, "'comment'");
}

TEST_F(SelectiveDisclosureTest, ChangedSiteDisclosureFailsOriginalData) {
  Bundle bundle = bundle_;
  change_disclosure(bundle.evidence[0].records[0].record.disclosures, "site", "Plant X");
  expect_failure(bundle, Link::kOriginalData, "field 'site'");
}

TEST_F(SelectiveDisclosureTest, ChangedRecordDigestListFailsOriginalData) {
  Bundle bundle = bundle_;
  nlohmann::json& digests = bundle.evidence[0].records[0].record.content["_sd"];
  digests[0] = crypto::sha256_base64url("another disclosure");
  expect_failure(bundle, Link::kOriginalData, "content digest");
}

TEST_F(SelectiveDisclosureTest, ChangedFootprintDigestListFailsCalculation) {
  Bundle bundle = withheld({"comment"});
  bundle.selective_disclosure->footprint_digests["_sd"][0] = crypto::sha256_base64url("another disclosure");
  expect_failure(bundle, Link::kCalculation, "subject digest");
}

TEST_F(SelectiveDisclosureTest, RecomputationGetsDisclosedRequest) {
  RecordingRecomputer recomputer(footprint_);
  LinkResult result = verify_calculation(bundle_, &recomputer);
  EXPECT_TRUE(result.passed) << result.reason;
  EXPECT_EQ(recomputer.predicate()["productSystem"]["definition"]["request"]["comment"], kRequestComment);
}

TEST_F(SelectiveDisclosureTest, RecomputationOfWithheldBundleNeedsFullBundle) {
  RecordingRecomputer recomputer(footprint_);
  LinkResult result = verify_calculation(withheld({"comment"}), &recomputer);
  EXPECT_FALSE(result.passed);
  EXPECT_NE(result.reason.find("needs the full bundle"), std::string::npos) << result.reason;
}

TEST_F(SelectiveDisclosureTest, MakeBundleIsDeterministic) {
  auto again = make_bundle(footprint_, inputs(), {{batch_, {0, 2}}}, owner_);
  ASSERT_TRUE(again.ok());
  auto first = make_bundle(footprint_, inputs(), {{batch_, {0, 2}}}, owner_);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(bundle_to_footprint(*again).dump(), bundle_to_footprint(*first).dump());
}

TEST_F(SelectiveDisclosureTest, SameRecordsGiveSameBatchId) {
  std::vector<nlohmann::json> raw = {{{"activityType", "electricity"}, {"quantity", "1"}, {"unit", "kWh"},
                                      {"periodStart", "2024-01-01"}, {"periodEnd", "2024-02-01"},
                                      {"site", kSite}}};
  auto first = build_batch(raw, UnitCatalog::fallback(), meter_.public_key(), &meter_);
  auto second = build_batch(raw, UnitCatalog::fallback(), meter_.public_key(), &meter_);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->root_hex(), second->root_hex());
}

TEST_F(SelectiveDisclosureTest, UnknownFieldIsUsageError) {
  Bundle bundle = bundle_;
  util::Status status = withhold_fields(bundle, {"quantity"});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kUsage);
}

TEST_F(SelectiveDisclosureTest, PlainRecordFieldCannotBeWithheld) {
  Bundle bundle = bundle_;
  EvidenceRecord& record = bundle.evidence[0].records[0].record;
  auto content = disclosed_content(record);
  ASSERT_TRUE(content.ok());
  record.content = *content;  // as records signed before selective disclosure
  record.disclosures.clear();
  util::Status status = withhold_fields(bundle, {"site"});
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(status.error().message().find("'site'"), std::string::npos) << status.error().message();
}

TEST_F(SelectiveDisclosureTest, StoredBatchKeepsDisclosures) {
  ASSERT_TRUE(store_batch(*db_, batch_, "meter.csv").ok());
  auto loaded = load_batch(*db_, batch_.root_hex());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  ASSERT_EQ(loaded->records.size(), batch_.records.size());
  EXPECT_EQ(loaded->records[0].disclosures, batch_.records[0].disclosures);
  EXPECT_EQ(loaded->records[0].disclosures.size(), 2u);
  EXPECT_TRUE(verify_record(loaded->records[0]).ok());
}

TEST(EvidenceSignedElsewhere, PlainRecordIsAcceptedWithoutDigests) {
  auto meter = key_of(5);
  nlohmann::json content = {{"activityType", "diesel"}, {"quantity", "40"}, {"unit", "l"},
                            {"periodStart", "2024-03-01"}, {"periodEnd", "2024-04-01"},
                            {"site", kSite}, {"source", crypto::did_key_of(meter.public_key())}};
  crypto::Ed25519Signature signature = meter.sign(evidence_signing_input(content));
  nlohmann::json raw = content;
  raw["signature"] = crypto::base64url_encode(crypto::Bytes(signature.begin(), signature.end()));

  auto batch = build_batch({raw}, UnitCatalog::fallback(), meter.public_key(), nullptr);
  ASSERT_TRUE(batch.ok()) << batch.error().message();
  EXPECT_EQ(batch->records[0].content["site"], kSite);
  EXPECT_TRUE(batch->records[0].disclosures.empty());
}

TEST(EvidenceSignedElsewhere, DisclosureOfOtherFieldIsRejected) {
  auto meter = key_of(5);
  crypto::SdJwtDisclosure quantity = crypto::make_sd_jwt_disclosure("c2FsdC1xdWFudGl0eS14eHh4", "quantity", "40");
  nlohmann::json raw = {{"activityType", "diesel"}, {"unit", "l"}, {"periodStart", "2024-03-01"},
                        {"periodEnd", "2024-04-01"}, {"site", kSite}, {"_sd", {quantity.digest}},
                        {"disclosures", {quantity.encoded}}, {"signature", "AAAA"}};
  auto batch = build_batch({raw}, UnitCatalog::fallback(), meter.public_key(), nullptr);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(batch.error().message().find("'quantity'"), std::string::npos) << batch.error().message();
}

}  // namespace
}  // namespace trustpcf::proof
