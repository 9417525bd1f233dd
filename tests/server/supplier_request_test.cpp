// The buyer's side of the PACT exchange end to end over HTTPS on loopback.
// A supplier node started by the test serves a certified, published proof
// bundle, and the buyer requests it with the client credentials the
// supplier issued, verifies it offline and stores it. Also: no usage
// policy, a tampered bundle, a wrong secret, footprints without a bundle
// and paging.

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "proof/bundle.hpp"
#include "proof/certify.hpp"
#include "proof/publish.hpp"
#include "proof/receipt.hpp"
#include "proof/supplier_footprint.hpp"
#include "space/schema.hpp"
#include "space/supplier_request.hpp"
#include "space/suppliers.hpp"
#include "test_node.hpp"
#include "tlog/log.hpp"
#include "util/time.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kProduct = "urn:gtin:5695872369587";  // productIds of PACT example 1
constexpr const char* kNow = "2026-12-04T12:00:00Z";

crypto::Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

// Returns the footprint it was given, as an engine repeating the run would.
class FixedRecomputer : public proof::Recomputer {
 public:
  explicit FixedRecomputer(nlohmann::json footprint) : footprint_(std::move(footprint)) {}
  util::Result<nlohmann::json> recompute(const nlohmann::json&) override { return footprint_; }

 private:
  nlohmann::json footprint_;
};

class SupplierRequestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-1.json");
    footprint_ = read_example(example.parent_path(), "example-1.json");
    bundle_ = make_certified_bundle(footprint_);

    buyer_db_ = store::Database::open(buyer_home_.path() / util::kStoreFileName).value();
    buyer_at_supplier_ = space::add_partner(supplier_.db(), "buyer", "https://127.0.0.1:1").value();
  }

  // A bundle with a hand-made receipt, certified by verifier_ and published
  // in a log whose key is log_public_.
  proof::Bundle make_certified_bundle(const nlohmann::json& footprint) {
    proof::Bundle bundle;
    bundle.footprint = footprint;
    proof::ReceiptInputs inputs;
    inputs.background_database = std::string(64, 'a');
    inputs.product_system = {{"process", "powder coating"}, {"amount", 1}};
    inputs.characterization_method = "ipcc-ar6-gwp100";
    inputs.characterization_table = std::string(64, 'c');
    bundle.receipt = proof::make_receipt(footprint, inputs, owner_).value();

    proof::StatusListStore statuses(supplier_.db());
    FixedRecomputer recomputer(footprint);
    proof::CertifyOptions options;
    options.recomputer = &recomputer;
    options.provider_name = "Example Verification Body";
    options.now = kNow;
    auto report = proof::certify(bundle, verifier_, statuses, options);
    EXPECT_TRUE(report.ok());
    if (report.ok()) {
      EXPECT_TRUE(report->passed());
    }

    auto signer = tlog::NoteSigner::generate("supplier.example/trustpcf-log").value();
    auto verifier_key = tlog::NoteVerifier::parse(signer.verifier_key()).value();
    log_public_ = crypto::Ed25519PublicKey::from_bytes(
                      crypto::Bytes(verifier_key.public_key().begin(), verifier_key.public_key().end()))
                      .value();
    log_ = tlog::Log::open(log_dir_.path(), std::move(signer)).value();
    EXPECT_TRUE(proof::publish(bundle, *log_, crypto::did_key_of(owner_.public_key()),
                               util::parse_rfc3339(kNow).value())
                    .ok());
    return bundle;
  }

  void offer(const nlohmann::json& footprint) {
    auto imported = space::import_footprints(supplier_.db(), {footprint}, {.own = true});
    ASSERT_TRUE(imported.ok()) << imported.error().message();
  }

  void grant_product() {
    space::PolicyGrant grant;
    grant.partner = "buyer";
    grant.scope = space::PolicyScope::kProduct;
    grant.value = kProduct;
    grant.purpose = "PCF calculation";
    ASSERT_TRUE(space::grant_policy(supplier_.db(), grant).ok());
  }

  space::SupplierRequest request() const {
    space::SupplierRequest request;
    request.base_url = supplier_.url();
    request.credentials = {buyer_at_supplier_.partner.client_id, buyer_at_supplier_.client_secret};
    request.ca_file = supplier_.certificate();
    request.product_id = kProduct;
    request.trusted = {verifier_.public_key(), log_public_};
    return request;
  }

  util::Result<space::SupplierResponse> fetch(const space::SupplierRequest& request) {
    return space::request_supplier_footprints(*buyer_db_, request);
  }

  TestNode supplier_{"supplier"};
  TempDir buyer_home_;
  TempDir log_dir_;
  std::unique_ptr<store::Database> buyer_db_;
  space::NewPartner buyer_at_supplier_;
  nlohmann::json footprint_;
  crypto::Ed25519KeyPair owner_ = key_of(2);
  crypto::Ed25519KeyPair verifier_ = key_of(3);
  crypto::Ed25519PublicKey log_public_;
  std::unique_ptr<tlog::Log> log_;
  proof::Bundle bundle_;
};

TEST_F(SupplierRequestTest, GrantedPartnerStoresVerifiedBundle) {
  offer(proof::bundle_to_footprint(bundle_));
  grant_product();
  supplier_.start();

  auto response = fetch(request());
  ASSERT_TRUE(response.ok()) << response.error().message();
  ASSERT_EQ(response->footprints.size(), 1u);
  const space::ReceivedFootprint& received = response->footprints[0];
  EXPECT_EQ(received.outcome, space::ReceivedOutcome::kStored) << received.reason;
  ASSERT_TRUE(received.report.has_value());
  EXPECT_TRUE(received.report->passed());
  EXPECT_EQ(received.footprint_id, footprint_["id"]);
  EXPECT_EQ(received.footprint_digest, proof::footprint_digest(bundle_.footprint));
  auto stored = proof::load_supplier_footprint(*buyer_db_, received.footprint_digest);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_TRUE(stored->summary.certified);
  EXPECT_EQ(stored->summary.origin, supplier_.url());
}

TEST_F(SupplierRequestTest, SecondRequestFindsFootprintStored) {
  offer(proof::bundle_to_footprint(bundle_));
  grant_product();
  supplier_.start();

  ASSERT_TRUE(fetch(request()).ok());
  auto again = fetch(request());
  ASSERT_TRUE(again.ok()) << again.error().message();
  ASSERT_EQ(again->footprints.size(), 1u);
  EXPECT_EQ(again->footprints[0].outcome, space::ReceivedOutcome::kAlreadyStored);
}

TEST_F(SupplierRequestTest, PartnerWithoutPolicyReceivesNothing) {
  offer(proof::bundle_to_footprint(bundle_));
  supplier_.start();

  auto response = fetch(request());
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_TRUE(response->footprints.empty());
}

TEST_F(SupplierRequestTest, TamperedBundleIsRejectedNamingLink) {
  nlohmann::json tampered = proof::bundle_to_footprint(bundle_);
  tampered["pcf"]["pcfExcludingBiogenicUptake"] = "0.5";
  offer(tampered);
  grant_product();
  supplier_.start();

  auto response = fetch(request());
  ASSERT_TRUE(response.ok()) << response.error().message();
  ASSERT_EQ(response->footprints.size(), 1u);
  const space::ReceivedFootprint& received = response->footprints[0];
  EXPECT_EQ(received.outcome, space::ReceivedOutcome::kRejected);
  EXPECT_NE(received.reason.find("calculation link fails"), std::string::npos) << received.reason;
  EXPECT_TRUE(received.footprint_digest.empty());
  EXPECT_TRUE(proof::list_supplier_footprints(*buyer_db_).value().empty());
}

TEST_F(SupplierRequestTest, UntrustedIssuerIsRejected) {
  offer(proof::bundle_to_footprint(bundle_));
  grant_product();
  supplier_.start();

  space::SupplierRequest untrusting = request();
  untrusting.trusted = {log_public_};
  auto response = fetch(untrusting);
  ASSERT_TRUE(response.ok()) << response.error().message();
  ASSERT_EQ(response->footprints.size(), 1u);
  EXPECT_EQ(response->footprints[0].outcome, space::ReceivedOutcome::kRejected);
  EXPECT_NE(response->footprints[0].reason.find("certification link fails"), std::string::npos)
      << response->footprints[0].reason;
}

TEST_F(SupplierRequestTest, WrongSecretIsDenied) {
  offer(proof::bundle_to_footprint(bundle_));
  grant_product();
  supplier_.start();

  space::SupplierRequest wrong = request();
  wrong.credentials.client_secret = "not-the-issued-secret";
  auto response = fetch(wrong);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), util::ErrorCode::kDenied) << response.error().message();
}

TEST_F(SupplierRequestTest, UntrustedCertificateFailsConnection) {
  supplier_.start();
  space::SupplierRequest other_ca = request();
  TestNode stranger("stranger");
  other_ca.ca_file = stranger.certificate();
  auto response = fetch(other_ca);
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code(), util::ErrorCode::kNetwork) << response.error().message();
}

TEST_F(SupplierRequestTest, FootprintWithoutBundleIsSkipped) {
  offer(footprint_);
  grant_product();
  supplier_.start();

  auto response = fetch(request());
  ASSERT_TRUE(response.ok()) << response.error().message();
  ASSERT_EQ(response->footprints.size(), 1u);
  EXPECT_EQ(response->footprints[0].outcome, space::ReceivedOutcome::kSkippedUnverified);
  ASSERT_TRUE(space::ensure_space_schema(*buyer_db_).ok());
  EXPECT_FALSE(space::get_footprint(*buyer_db_, footprint_["id"]).value().has_value());
}

TEST_F(SupplierRequestTest, AcceptUnverifiedImportsEveryPage) {
  // More footprints of the product than one page contains (100 by default).
  constexpr int kCount = 105;
  for (int i = 0; i < kCount; ++i) {
    nlohmann::json copy = footprint_;
    copy["id"] = fmt::format("12345678-9abc-def0-1234-{:012d}", i);
    copy.erase("precedingPfIds");
    offer(copy);
  }
  grant_product();
  supplier_.start();

  space::SupplierRequest accepting = request();
  accepting.accept_unverified = true;
  auto response = fetch(accepting);
  ASSERT_TRUE(response.ok()) << response.error().message();
  EXPECT_EQ(response->pages, 2);
  ASSERT_EQ(response->footprints.size(), static_cast<std::size_t>(kCount));
  EXPECT_EQ(response->footprints[0].outcome, space::ReceivedOutcome::kImportedUnverified);
  EXPECT_EQ(space::count_footprints(*buyer_db_).value(), kCount);
}

TEST(NextLink, FindsNextAmongSeveral) {
  EXPECT_EQ(space::next_link("<https://a.example/3/footprints?c=1>; rel=\"next\""),
            "https://a.example/3/footprints?c=1");
  EXPECT_EQ(space::next_link("<https://a/first>; rel=\"first\", <https://a/n>; rel=\"next\""), "https://a/n");
  EXPECT_EQ(space::next_link("<https://a/prev>; rel=\"prev\""), "");
  EXPECT_EQ(space::next_link(""), "");
}

TEST(Suppliers, AddFindRemove) {
  TempDir home;
  auto db = store::Database::open(home.path() / util::kStoreFileName).value();
  space::Supplier supplier;
  supplier.name = "alu";
  supplier.url = "https://127.0.0.1:8443/";
  supplier.client_id = "tpcf-id";
  supplier.client_secret = "secret";
  auto added = space::add_supplier(*db, supplier);
  ASSERT_TRUE(added.ok()) << added.error().message();
  EXPECT_EQ(added->url, "https://127.0.0.1:8443");

  auto found = space::find_supplier(*db, "alu");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->client_secret, "secret");
  EXPECT_EQ(std::filesystem::status(db->path()).permissions() & std::filesystem::perms::others_read,
            std::filesystem::perms::none);
  EXPECT_EQ(space::add_supplier(*db, supplier).error().code(), util::ErrorCode::kUsage);

  ASSERT_TRUE(space::remove_supplier(*db, "alu").ok());
  EXPECT_EQ(space::find_supplier(*db, "alu").error().code(), util::ErrorCode::kNotFound);
}

TEST(Suppliers, PlainHttpUrlIsInvalid) {
  TempDir home;
  auto db = store::Database::open(home.path() / util::kStoreFileName).value();
  space::Supplier supplier;
  supplier.name = "alu";
  supplier.url = "http://127.0.0.1:8443";
  supplier.client_id = "tpcf-id";
  supplier.client_secret = "secret";
  EXPECT_EQ(space::add_supplier(*db, supplier).error().code(), util::ErrorCode::kInvalidInput);
}

}  // namespace
}  // namespace trustpcf::testing
