// End-to-end tests of data sovereignty over HTTPS: default deny, partners
// that never see each other's footprints, revocation, the catalog, contracts
// and the audit log.

#include <set>

#include <gtest/gtest.h>

#include "server/node_state.hpp"
#include "space/audit_log.hpp"
#include "space/contracts.hpp"
#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kExample1 = "12345678-9abc-def0-1234-567812345678";
constexpr const char* kExample2 = "f4b1225a-bd44-4c8e-861d-079e4e1dfd69";
constexpr const char* kExample3 = "8b26f3b8-f5d9-4adf-8a11-02e05d273e58";
constexpr const char* kExample4 = "d5cba999-6a4b-4cbe-9e0a-6d8f27d1d191";
constexpr const char* kUnknown = "4c0b1e8e-8a0f-4d47-9a57-2f3b5e5d9c11";

class SovereigntyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path examples = shared_dir() / "pact/v3/examples";
    if (!std::filesystem::exists(examples)) GTEST_SKIP() << "reference data " << examples << " is absent";
    std::vector<nlohmann::json> footprints;
    for (const char* name : {"example-1.json", "example-2.json", "example-3.json", "example-4.json"}) {
      footprints.push_back(read_example(examples, name));
    }
    ASSERT_TRUE(space::import_footprints(node_.db(), footprints, {.own = true}).ok());
    alpha_ = space::add_partner(node_.db(), "alpha", "https://127.0.0.1:1").value();
    beta_ = space::add_partner(node_.db(), "beta", "https://127.0.0.1:2").value();
    stranger_ = space::add_partner(node_.db(), "stranger", "https://127.0.0.1:3").value();

    space::PolicyGrant grant;
    grant.partner = "alpha";
    grant.scope = space::PolicyScope::kFootprint;
    grant.value = kExample1;
    grant.purpose = "PCF calculation";
    alpha_policy_ = space::grant_policy(node_.db(), grant).value();
    grant.partner = "beta";
    grant.scope = space::PolicyScope::kProduct;
    grant.value = "urn:gtin:5268596541023";  // examples 3 and 4
    grant.purpose = "reporting";
    ASSERT_TRUE(space::grant_policy(node_.db(), grant).ok());
    node_.start();
  }

  std::set<std::string> list_ids(const std::string& token) {
    auto response = node_.get("/3/footprints", token);
    EXPECT_TRUE(response);
    if (response) {
      EXPECT_EQ(response->status, 200);
    }
    std::set<std::string> ids;
    if (!response) return ids;
    const nlohmann::json body = nlohmann::json::parse(response->body);
    for (const auto& footprint : body["data"]) ids.insert(footprint["id"]);
    return ids;
  }

  int status_of_get(const std::string& token, const std::string& id) {
    auto response = node_.get("/3/footprints/" + id, token);
    return response ? response->status : -1;
  }

  TestNode node_{"owner"};
  space::NewPartner alpha_;
  space::NewPartner beta_;
  space::NewPartner stranger_;
  space::UsagePolicy alpha_policy_;
};

TEST_F(SovereigntyTest, PartnerWithoutPolicySeesEmptyList) {
  auto response = node_.get("/3/footprints", node_.token(stranger_));
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body), nlohmann::json::parse(R"({"data": []})"));
}

TEST_F(SovereigntyTest, NoPolicyGets403ForAnyId) {
  std::string token = node_.token(stranger_);
  auto existing = node_.get("/3/footprints/" + std::string(kExample1), token);
  auto unknown = node_.get("/3/footprints/" + std::string(kUnknown), token);
  ASSERT_TRUE(existing);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(existing->status, 403);
  EXPECT_EQ(unknown->status, 403);
  // The bodies differ only in the id, so they do not tell what exists.
  EXPECT_EQ(nlohmann::json::parse(existing->body)["code"], "AccessDenied");
  EXPECT_EQ(nlohmann::json::parse(unknown->body)["code"], "AccessDenied");
}

TEST_F(SovereigntyTest, PartnersNeverSeeEachOthersFootprints) {
  std::string alpha = node_.token(alpha_);
  std::string beta = node_.token(beta_);
  EXPECT_EQ(list_ids(alpha), (std::set<std::string>{kExample1}));
  EXPECT_EQ(list_ids(beta), (std::set<std::string>{kExample3, kExample4}));
  EXPECT_EQ(status_of_get(alpha, kExample3), 403);
  EXPECT_EQ(status_of_get(beta, kExample1), 403);
  EXPECT_EQ(status_of_get(alpha, kExample2), 403);
  EXPECT_EQ(status_of_get(beta, kExample2), 403);
  EXPECT_EQ(status_of_get(alpha, kExample1), 200);
  EXPECT_EQ(status_of_get(beta, kExample4), 200);
}

TEST_F(SovereigntyTest, FilterCannotWidenPolicy) {
  auto response = node_.get("/3/footprints?productId=urn:gtin:5268596541023", node_.token(alpha_));
  ASSERT_TRUE(response);
  EXPECT_EQ(nlohmann::json::parse(response->body)["data"].size(), 0u);
}

TEST_F(SovereigntyTest, RevokedPolicyStopsAccessAtOnce) {
  std::string alpha = node_.token(alpha_);
  ASSERT_EQ(status_of_get(alpha, kExample1), 200);
  ASSERT_TRUE(space::revoke_policy(node_.db(), alpha_policy_.id).ok());
  EXPECT_EQ(status_of_get(alpha, kExample1), 403);
  EXPECT_TRUE(list_ids(alpha).empty());
}

TEST_F(SovereigntyTest, CatalogShowsMetadataWithoutFigures) {
  auto response = node_.get("/space/catalog", node_.token(stranger_));
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  auto catalog = nlohmann::json::parse(response->body)["data"];
  ASSERT_EQ(catalog.size(), 4u);
  for (const auto& entry : catalog) {
    EXPECT_TRUE(entry.contains("productIds"));
    EXPECT_TRUE(entry.contains("declaredUnitOfMeasurement"));
    EXPECT_FALSE(entry.contains("pcf"));
    EXPECT_FALSE(entry.contains("pcfExcludingBiogenicUptake"));
  }
}

TEST_F(SovereigntyTest, CatalogNeedsToken) {
  auto response = node_.get("/space/catalog", "");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
}

TEST_F(SovereigntyTest, ApprovedContractGrantsAccess) {
  std::string token = node_.token(stranger_);
  auto http = node_.client();
  http->set_bearer_token_auth(token);
  nlohmann::json request = {{"scope", "footprint"}, {"value", kExample2}, {"purpose", "PCF calculation"}};
  auto created = http->Post("/space/contracts", request.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  std::string contract_id = nlohmann::json::parse(created->body)["data"]["id"];
  EXPECT_EQ(status_of_get(token, kExample2), 403);

  auto approved = space::approve_contract(node_.db(), contract_id);
  ASSERT_TRUE(approved.ok()) << approved.error().message();
  EXPECT_EQ(approved->status, "approved");
  EXPECT_EQ(status_of_get(token, kExample2), 200);

  auto listed = http->Get("/space/contracts");
  ASSERT_TRUE(listed);
  EXPECT_EQ(nlohmann::json::parse(listed->body)["data"][0]["status"], "approved");
}

TEST_F(SovereigntyTest, RejectedContractGrantsNothing) {
  std::string token = node_.token(stranger_);
  auto http = node_.client();
  http->set_bearer_token_auth(token);
  auto created = http->Post("/space/contracts", R"({"scope": "all", "purpose": "curiosity"})", "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201);
  std::string contract_id = nlohmann::json::parse(created->body)["data"]["id"];
  ASSERT_TRUE(space::reject_contract(node_.db(), contract_id, "no reason to share").ok());
  EXPECT_TRUE(list_ids(token).empty());
  EXPECT_FALSE(space::approve_contract(node_.db(), contract_id).ok());
}

TEST_F(SovereigntyTest, MalformedContractRequestIs400) {
  auto http = node_.client();
  http->set_bearer_token_auth(node_.token(stranger_));
  for (const char* body : {R"({"scope": "everything", "purpose": "x"})", R"({"scope": "all"})",
                           R"({"scope": "footprint", "value": "nope", "purpose": "x"})", "not json"}) {
    auto response = http->Post("/space/contracts", body, "application/json");
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400) << body;
  }
  EXPECT_TRUE(space::list_contracts(node_.db()).value().empty());
}

TEST_F(SovereigntyTest, AuditRecordsDecisionsAndServedFootprints) {
  std::string alpha = node_.token(alpha_);
  ASSERT_EQ(status_of_get(alpha, kExample1), 200);
  ASSERT_EQ(status_of_get(alpha, kExample3), 403);
  node_.server().state().audit->flush();

  auto records = space::list_audit_records(node_.db(), 0, 100).value();
  bool served = false;
  bool denied = false;
  for (const auto& record : records) {
    if (record.action == "get" && record.decision == "served" && record.target == kExample1) {
      served = true;
      EXPECT_EQ(record.partner_id, alpha_.partner.id);
      EXPECT_EQ(record.policy_id, alpha_policy_.id);
    }
    if (record.action == "get" && record.decision == "deny" && record.target == kExample3) denied = true;
  }
  EXPECT_TRUE(served);
  EXPECT_TRUE(denied);
}

TEST_F(SovereigntyTest, AuditTableRejectsUpdateAndDelete) {
  node_.token(alpha_);
  node_.server().state().audit->flush();
  EXPECT_FALSE(node_.db().exec("UPDATE space_audit SET decision = 'allow'").ok());
  EXPECT_FALSE(node_.db().exec("DELETE FROM space_audit").ok());
}

TEST_F(SovereigntyTest, AuditDigestCoversRecordsAfterMark) {
  node_.token(alpha_);
  node_.server().state().audit->flush();
  auto first = space::digest_audit_since(node_.db(), 0).value();
  EXPECT_GE(first.count, 1);
  EXPECT_EQ(first.sha256.size(), 64u);
  auto again = space::digest_audit_since(node_.db(), 0).value();
  EXPECT_EQ(again.sha256, first.sha256);

  node_.token(beta_);
  node_.server().state().audit->flush();
  auto next = space::digest_audit_since(node_.db(), first.last_seq).value();
  EXPECT_EQ(next.first_seq, first.last_seq + 1);
  EXPECT_NE(next.sha256, first.sha256);
}

}  // namespace
}  // namespace trustpcf::testing
