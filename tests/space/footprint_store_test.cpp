// Tests of the footprint store against a real SQLite file: import forms,
// versions, validation errors and policy-filtered listing.

#include <gtest/gtest.h>

#include "space/footprint_store.hpp"
#include "space/partners.hpp"
#include "space/usage_policies.hpp"
#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "util/files.hpp"

namespace trustpcf::space {
namespace {

class FootprintStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = store::Database::open(dir_.path() / "store.sqlite").value();
    examples_ = testing::shared_dir() / "pact/v3/examples";
    if (!std::filesystem::exists(examples_)) GTEST_SKIP() << "reference data " << examples_ << " is absent";
  }
  nlohmann::json example(const std::string& name) {
    return nlohmann::json::parse(util::read_file(examples_ / name).value());
  }
  std::int64_t now() const { return 1'800'000'000; }

  testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
  std::filesystem::path examples_;
};

TEST_F(FootprintStoreTest, ImportAcceptsListResponse) {
  auto footprints = footprints_from_json(example("list-footprints-response.json"));
  ASSERT_TRUE(footprints.ok());
  auto summary = import_footprints(*db_, *footprints);
  ASSERT_TRUE(summary.ok()) << summary.error().message();
  EXPECT_EQ(summary->added, 1);
}

TEST_F(FootprintStoreTest, ImportAcceptsGetResponse) {
  auto footprints = footprints_from_json(example("get-footprint-response.json"));
  ASSERT_TRUE(footprints.ok());
  EXPECT_EQ(footprints->size(), 1u);
}

TEST_F(FootprintStoreTest, ImportRejectsInvalidExampleAndStoresNothing) {
  auto footprints = footprints_from_json(example("invalid-response-all-properties.json"));
  ASSERT_TRUE(footprints.ok());
  std::vector<nlohmann::json> batch = {example("example-1.json")};
  batch.insert(batch.end(), footprints->begin(), footprints->end());
  auto summary = import_footprints(*db_, batch);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_EQ(count_footprints(*db_).value(), 0);
}

TEST_F(FootprintStoreTest, MissingRequiredPropertyIsNamed) {
  nlohmann::json footprint = example("example-1.json");
  footprint["pcf"].erase("declaredUnitAmount");
  auto summary = import_footprints(*db_, {footprint});
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.error().message().find("pcf.declaredUnitAmount"), std::string::npos) << summary.error().message();
}

TEST_F(FootprintStoreTest, SameIdKeepsNewerVersion) {
  nlohmann::json older = example("example-1.json");
  older["version"] = 1;
  nlohmann::json newer = older;
  newer["version"] = 2;
  newer["productNameCompany"] = "newer";
  ASSERT_TRUE(import_footprints(*db_, {newer}).ok());
  auto summary = import_footprints(*db_, {older});
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->unchanged, 1);
  auto stored = get_footprint(*db_, older["id"]).value();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(nlohmann::json::parse(stored->document)["productNameCompany"], "newer");
}

TEST_F(FootprintStoreTest, ListNeedsPolicy) {
  ASSERT_TRUE(import_footprints(*db_, {example("example-1.json"), example("example-3.json")}).ok());
  auto partner = add_partner(*db_, "p", "https://127.0.0.1:9").value();
  EXPECT_TRUE(list_visible_footprints(*db_, partner.partner.id, {}, 0, 10, now()).value().empty());

  PolicyGrant grant;
  grant.partner = "p";
  grant.scope = PolicyScope::kProduct;
  grant.value = "urn:gtin:5268596541023";
  grant.purpose = "reporting";
  auto policy = grant_policy(*db_, grant).value();
  auto visible = list_visible_footprints(*db_, partner.partner.id, {}, 0, 10, now()).value();
  ASSERT_EQ(visible.size(), 1u);
  EXPECT_EQ(visible[0].id, "8b26f3b8-f5d9-4adf-8a11-02e05d273e58");
  EXPECT_EQ(visible[0].policy_id, policy.id);
}

TEST_F(FootprintStoreTest, ExpiredAndRevokedPoliciesGrantNothing) {
  ASSERT_TRUE(import_footprints(*db_, {example("example-1.json")}).ok());
  auto partner = add_partner(*db_, "p", "https://127.0.0.1:9").value();
  PolicyGrant grant;
  grant.partner = "p";
  grant.purpose = "reporting";
  grant.valid_until = now() - 1;
  ASSERT_TRUE(grant_policy(*db_, grant).ok());
  EXPECT_TRUE(list_visible_footprints(*db_, partner.partner.id, {}, 0, 10, now()).value().empty());

  grant.valid_until.reset();
  auto live = grant_policy(*db_, grant).value();
  EXPECT_EQ(list_visible_footprints(*db_, partner.partner.id, {}, 0, 10, now()).value().size(), 1u);
  ASSERT_TRUE(revoke_policy(*db_, live.id).ok());
  EXPECT_TRUE(list_visible_footprints(*db_, partner.partner.id, {}, 0, 10, now()).value().empty());
}

}  // namespace
}  // namespace trustpcf::space

namespace trustpcf::space {
namespace {

TEST_F(FootprintStoreTest, AllScopeListsEverything) {
  ASSERT_TRUE(import_footprints(*db_, {example("example-1.json"), example("example-3.json")}).ok());
  auto partner = add_partner(*db_, "p", "https://127.0.0.1:9").value();
  PolicyGrant grant;
  grant.partner = "p";
  grant.purpose = "reporting";
  ASSERT_TRUE(grant_policy(*db_, grant).ok());
  auto visible = list_visible_footprints(*db_, partner.partner.id, {}, 0, 10, now());
  ASSERT_TRUE(visible.ok()) << visible.error().message();
  EXPECT_EQ(visible->size(), 2u);
}

}  // namespace
}  // namespace trustpcf::space
