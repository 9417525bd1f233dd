#include "proof/supplier_footprint.hpp"

#include <gtest/gtest.h>

#include "proof/make_bundle.hpp"
#include "proof/selective_disclosure.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

crypto::Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(crypto::Ed25519KeyPair::from_seed(crypto::Bytes(32, fill))).value();
}

class SupplierFootprintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TRUSTPCF_REQUIRE_SHARED(example, "pact/v3/examples/example-1.json");
    auto text = util::read_file(example);
    ASSERT_TRUE(text.ok());
    ReceiptInputs inputs;
    inputs.background_database = std::string(64, 'a');
    inputs.characterization_method = "ipcc-ar6-gwp100";
    inputs.characterization_table = std::string(64, 'c');
    auto bundle = make_bundle(nlohmann::json::parse(*text), inputs, {}, key_of(2));
    ASSERT_TRUE(bundle.ok()) << bundle.error().message();
    bundle_ = std::move(bundle).value();

    auto db = store::Database::open(dir_.path() / "store.sqlite");
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
  }

  VerifyReport report_of(const Bundle& bundle) { return verify_bundle(bundle, VerifyOptions{}); }

  trustpcf::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  Bundle bundle_;
};

TEST_F(SupplierFootprintTest, StoresAndLoadsByDigestPrefix) {
  auto stored = store_supplier_footprint(*db_, bundle_, "supplier.json", report_of(bundle_));
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_TRUE(stored->added);
  // The digest the supplier's receipt names, over the committed form.
  EXPECT_EQ(stored->summary.footprint_digest, bundle_footprint_digest(bundle_).value());

  auto loaded = load_supplier_footprint(*db_, stored->summary.footprint_digest.substr(0, 8));
  ASSERT_TRUE(loaded.ok()) << loaded.error().message();
  EXPECT_EQ(loaded->summary.footprint_id, bundle_.footprint["id"]);
  EXPECT_EQ(loaded->summary.declared_unit, bundle_.footprint["pcf"]["declaredUnitOfMeasurement"]);
  EXPECT_EQ(loaded->summary.pcf_excluding_biogenic_uptake, bundle_.footprint["pcf"]["pcfExcludingBiogenicUptake"]);
  EXPECT_EQ(loaded->summary.product_ids.size(), bundle_.footprint["productIds"].size());
  EXPECT_EQ(loaded->summary.origin, "supplier.json");
  EXPECT_EQ(bundle_footprint_digest(loaded->bundle).value(), stored->summary.footprint_digest);
  ASSERT_TRUE(loaded->bundle.receipt.has_value());
  EXPECT_TRUE(verify_calculation(loaded->bundle, nullptr).passed);
}

TEST_F(SupplierFootprintTest, SecondStoreAddsNothing) {
  ASSERT_TRUE(store_supplier_footprint(*db_, bundle_, "a.json", report_of(bundle_)).ok());
  auto again = store_supplier_footprint(*db_, bundle_, "b.json", report_of(bundle_));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->added);
  EXPECT_EQ(again->summary.origin, "a.json");
  auto list = list_supplier_footprints(*db_);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 1u);
}

TEST_F(SupplierFootprintTest, FailedCalculationLinkIsRejected) {
  Bundle tampered = bundle_;
  tampered.footprint["pcf"]["pcfExcludingBiogenicUptake"] = "0.001";
  auto stored = store_supplier_footprint(*db_, tampered, "supplier.json", report_of(tampered));
  ASSERT_FALSE(stored.ok());
  EXPECT_EQ(stored.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(stored.error().message().find("calculation link fails"), std::string::npos);
}

TEST_F(SupplierFootprintTest, FailedCertificationIsRejectedWhenCredentialPresent) {
  Bundle certified = bundle_;
  certified.credential = nlohmann::json{{"id", "urn:uuid:not-a-credential"}};
  auto stored = store_supplier_footprint(*db_, certified, "supplier.json", report_of(certified));
  ASSERT_FALSE(stored.ok());
  EXPECT_NE(stored.error().message().find("certification link fails"), std::string::npos);
}

TEST_F(SupplierFootprintTest, UnknownDigestIsNotFound) {
  auto loaded = load_supplier_footprint(*db_, "0123456789abcdef");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code(), util::ErrorCode::kNotFound);
}

TEST_F(SupplierFootprintTest, ShortPrefixIsUsageError) {
  auto loaded = load_supplier_footprint(*db_, "0123");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code(), util::ErrorCode::kUsage);
}

}  // namespace
}  // namespace trustpcf::proof
