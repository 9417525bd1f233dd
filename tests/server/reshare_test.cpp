// End-to-end tests of resharing over HTTPS on loopback. A supplier node
// serves a footprint with its usage terms and a manufacturer node imports
// it. The manufacturer passes it on to its own partners only when the
// supplier allowed resharing, and denies it by default without terms. Own
// footprints are not limited.

#include <gtest/gtest.h>

#include "server/node_state.hpp"
#include "space/audit_log.hpp"
#include "space/usage_terms.hpp"
#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kExample1 = "12345678-9abc-def0-1234-567812345678";
constexpr const char* kExample3 = "8b26f3b8-f5d9-4adf-8a11-02e05d273e58";

class ReshareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    examples_ = shared_dir() / "pact/v3/examples";
    if (!std::filesystem::exists(examples_)) GTEST_SKIP() << "reference data " << examples_ << " is absent";
    ASSERT_TRUE(space::import_footprints(supplier_.db(), {read_example(examples_, "example-1.json")}, {.own = true}).ok());
    maker_at_supplier_ = space::add_partner(supplier_.db(), "maker", "https://127.0.0.1:1").value();
    alpha_ = space::add_partner(maker_.db(), "alpha", "https://127.0.0.1:2").value();
    beta_ = space::add_partner(maker_.db(), "beta", "https://127.0.0.1:3").value();
    grant(maker_.db(), "alpha", true);
    grant(maker_.db(), "beta", false);
  }

  static space::UsagePolicy grant(store::Database& db, const std::string& partner, bool reshare) {
    space::PolicyGrant policy;
    policy.partner = partner;
    policy.purpose = "PCF calculation";
    policy.reshare = reshare;
    return space::grant_policy(db, policy).value();
  }

  // The supplier grants the manufacturer access (with `reshare`), serves
  // example 1 to it over HTTPS, and the manufacturer imports the response.
  nlohmann::json receive_from_supplier(bool reshare) {
    grant(supplier_.db(), "maker", reshare);
    supplier_.start();
    auto response = supplier_.get("/3/footprints/" + std::string(kExample1), supplier_.token(maker_at_supplier_));
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, 200) << response->body;
    nlohmann::json body = nlohmann::json::parse(response->body);
    auto footprints = space::footprints_from_json(body).value();
    auto imported = space::import_footprints(maker_.db(), footprints);
    EXPECT_TRUE(imported.ok()) << imported.error().message();
    return body["data"];
  }

  int status_of_get(const space::NewPartner& partner, const std::string& id) {
    auto response = maker_.get("/3/footprints/" + id, maker_.token(partner));
    return response ? response->status : -1;
  }

  std::size_t listed(const space::NewPartner& partner) {
    auto response = maker_.get("/3/footprints", maker_.token(partner));
    if (!response || response->status != 200) return 999;
    return nlohmann::json::parse(response->body)["data"].size();
  }

  std::filesystem::path examples_;
  TestNode supplier_{"supplier"};
  TestNode maker_{"maker"};
  space::NewPartner maker_at_supplier_;
  space::NewPartner alpha_;
  space::NewPartner beta_;
};

TEST_F(ReshareTest, ServedFootprintCarriesUsageTerms) {
  nlohmann::json footprint = receive_from_supplier(true);
  auto terms = space::received_terms_from_footprint(footprint);
  ASSERT_TRUE(terms.ok()) << terms.error().message();
  ASSERT_TRUE(terms->has_value());
  EXPECT_EQ((*terms)->granted_by, "urn:pact:company:supplier");
  EXPECT_EQ((*terms)->purpose, "PCF calculation");
  EXPECT_TRUE((*terms)->reshare);
  EXPECT_FALSE((*terms)->valid_until.has_value());
  const std::string schema = footprint["extensions"][0]["dataSchema"];
  EXPECT_EQ(schema, supplier_.url() + space::kUsageTermsSchemaPath);
}

TEST_F(ReshareTest, ExtensionSchemaIsServedWithoutToken) {
  supplier_.start();
  auto response = supplier_.get(space::kUsageTermsSchemaPath, "");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body)["required"].size(), 4u);
}

TEST_F(ReshareTest, ReshareAllowedPassesToBothPartners) {
  receive_from_supplier(true);
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample1), 200);
  EXPECT_EQ(status_of_get(beta_, kExample1), 200);
  EXPECT_EQ(listed(alpha_), 1u);
  EXPECT_EQ(listed(beta_), 1u);
}

TEST_F(ReshareTest, PassedOnTermsAreTheLocalPolicy) {
  receive_from_supplier(true);
  maker_.start();
  for (const auto& [partner, reshare] : {std::pair{&alpha_, true}, std::pair{&beta_, false}}) {
    auto response = maker_.get("/3/footprints/" + std::string(kExample1), maker_.token(*partner));
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200);
    nlohmann::json footprint = nlohmann::json::parse(response->body)["data"];
    ASSERT_EQ(footprint["extensions"].size(), 1u) << "the supplier's terms are replaced, not repeated";
    auto terms = space::received_terms_from_footprint(footprint).value();
    ASSERT_TRUE(terms.has_value());
    EXPECT_EQ(terms->granted_by, "urn:pact:company:maker");
    EXPECT_EQ(terms->reshare, reshare) << partner->partner.name;
  }
}

TEST_F(ReshareTest, ReshareNotAllowedIsDeniedToEveryPartner) {
  receive_from_supplier(false);
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample1), 403);
  EXPECT_EQ(status_of_get(beta_, kExample1), 403);
  EXPECT_EQ(listed(alpha_), 0u);
  EXPECT_EQ(listed(beta_), 0u);
}

TEST_F(ReshareTest, RefusalIsAudited) {
  receive_from_supplier(false);
  maker_.start();
  ASSERT_EQ(status_of_get(alpha_, kExample1), 403);
  maker_.server().state().audit->flush();
  bool audited = false;
  auto records = space::list_audit_records(maker_.db(), 0, 1000).value();
  for (const auto& record : records) {
    if (record.action == "get" && record.decision == "deny" && record.target == kExample1 &&
        record.detail.find("does not allow passing") != std::string::npos) {
      audited = true;
      EXPECT_EQ(record.partner_id, alpha_.partner.id);
    }
  }
  EXPECT_TRUE(audited);
}

TEST_F(ReshareTest, ImportWithoutTermsIsDeniedByDefault) {
  ASSERT_TRUE(space::import_footprints(maker_.db(), {read_example(examples_, "example-3.json")}).ok());
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample3), 403);
  EXPECT_EQ(listed(alpha_), 0u);
}

TEST_F(ReshareTest, ImportAsOwnIsServed) {
  ASSERT_TRUE(space::import_footprints(maker_.db(), {read_example(examples_, "example-3.json")}, {.own = true}).ok());
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample3), 200);
}

TEST_F(ReshareTest, FootprintNamingOwnCompanyIsServed) {
  nlohmann::json own = read_example(examples_, "example-3.json");
  own["companyIds"] = {"urn:pact:company:maker"};
  ASSERT_TRUE(space::import_footprints(maker_.db(), {own}).ok());
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample3), 200);
}

TEST_F(ReshareTest, ExpiredSupplierTermsAreDenied) {
  nlohmann::json footprint = receive_from_supplier(true);
  footprint["extensions"][0]["data"]["validUntil"] = "2020-01-01T00:00:00Z";
  footprint["version"] = footprint.value("version", 0) + 1;  // a newer version replaces the stored one
  ASSERT_TRUE(space::import_footprints(maker_.db(), {footprint}).ok());
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample1), 403);
}

TEST_F(ReshareTest, NewerVersionWithoutTermsLosesThem) {
  nlohmann::json footprint = receive_from_supplier(true);
  footprint.erase("extensions");
  footprint["version"] = footprint.value("version", 0) + 1;
  ASSERT_TRUE(space::import_footprints(maker_.db(), {footprint}).ok());
  maker_.start();
  EXPECT_EQ(status_of_get(alpha_, kExample1), 403);
}

TEST_F(ReshareTest, MalformedTermsAreRejectedOnImport) {
  nlohmann::json footprint = receive_from_supplier(true);
  footprint["extensions"][0]["data"].erase("reshareAllowed");
  auto imported = space::import_footprints(maker_.db(), {footprint});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(imported.error().message().find("reshareAllowed"), std::string::npos) << imported.error().message();
}

}  // namespace
}  // namespace trustpcf::testing
