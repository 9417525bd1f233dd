// End-to-end tests of the PACT v3 API over real HTTPS on loopback: token
// endpoint, discovery, ListFootprints filters and pagination, GetFootprint
// and the error bodies of each path.

#include <set>

#include <gtest/gtest.h>

#include "server/node_state.hpp"
#include "space/footprint_validation.hpp"
#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kExample1 = "12345678-9abc-def0-1234-567812345678";
constexpr const char* kExample2 = "f4b1225a-bd44-4c8e-861d-079e4e1dfd69";
constexpr const char* kExample3 = "8b26f3b8-f5d9-4adf-8a11-02e05d273e58";
constexpr const char* kExample4 = "d5cba999-6a4b-4cbe-9e0a-6d8f27d1d191";
// A footprint made from example 1 without a validity period, so that the
// default (3 years after referencePeriodEnd 2024-12-31) applies.
constexpr const char* kDefaultValidity = "0b0c7a9e-51a4-4e57-9f77-3c4f0c6a1d01";
// A previous version of example 2, named in its precedingPfIds.
constexpr const char* kExample2Predecessor = "079e425a-464f-528d-341d-4a944a1dfd70";

class PactApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path examples = shared_dir() / "pact/v3/examples";
    if (!std::filesystem::exists(examples)) GTEST_SKIP() << "reference data " << examples << " is absent";
    std::vector<nlohmann::json> footprints;
    for (const char* name : {"example-1.json", "example-2.json", "example-3.json", "example-4.json"}) {
      footprints.push_back(read_example(examples, name));
    }
    nlohmann::json undated = footprints[0];
    undated["id"] = kDefaultValidity;
    undated.erase("validityPeriodStart");
    undated.erase("validityPeriodEnd");
    undated["productIds"] = {"urn:gtin:1111111111111"};
    footprints.push_back(undated);
    nlohmann::json predecessor = footprints[1];
    predecessor["id"] = kExample2Predecessor;
    predecessor.erase("precedingPfIds");
    predecessor["status"] = "Deprecated";
    footprints.push_back(predecessor);
    ASSERT_TRUE(space::import_footprints(node_.db(), footprints, {.own = true}).ok());

    all_ = space::add_partner(node_.db(), "all-access", "https://127.0.0.1:1").value();
    none_ = space::add_partner(node_.db(), "no-access", "https://127.0.0.1:2").value();
    space::PolicyGrant grant;
    grant.partner = "all-access";
    grant.purpose = "PCF calculation";
    ASSERT_TRUE(space::grant_policy(node_.db(), grant).ok());
    node_.start();
    token_ = node_.token(all_);
    ASSERT_FALSE(token_.empty());
  }

  // Lists with `query` and returns the ids in the body, or fails.
  std::set<std::string> list_ids(const std::string& query) {
    auto response = node_.get("/3/footprints" + query, token_);
    EXPECT_TRUE(response);
    if (!response) return {};
    EXPECT_EQ(response->status, 200) << query << " " << response->body;
    std::set<std::string> ids;
    const nlohmann::json body = nlohmann::json::parse(response->body);
    for (const auto& footprint : body["data"]) ids.insert(footprint["id"]);
    return ids;
  }

  TestNode node_{"owner"};
  space::NewPartner all_;
  space::NewPartner none_;
  std::string token_;
};

void expect_error_body(const httplib::Result& response, int status, const std::string& code) {
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, status) << response->body;
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
  auto body = nlohmann::json::parse(response->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << response->body;
  EXPECT_EQ(body.value("code", ""), code);
  ASSERT_TRUE(body.contains("message"));
  EXPECT_TRUE(body["message"].is_string());
}

TEST_F(PactApiTest, TokenResponseHasBearerTokenAndExpiry) {
  auto http = node_.client();
  http->set_basic_auth(all_.partner.client_id, all_.client_secret);
  auto response = http->Post("/auth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded");
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body["token_type"], "bearer");
  EXPECT_TRUE(body["access_token"].is_string());
  EXPECT_GT(body["expires_in"].get<int>(), 0);
}

TEST_F(PactApiTest, TokenWrongSecretIsInvalidClient) {
  auto http = node_.client();
  http->set_basic_auth(all_.partner.client_id, "not-the-secret");
  auto response = http->Post("/auth/token", "grant_type=client_credentials", "application/x-www-form-urlencoded");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(nlohmann::json::parse(response->body)["error"], "invalid_client");
}

TEST_F(PactApiTest, TokenWrongGrantTypeIsUnsupported) {
  auto http = node_.client();
  http->set_basic_auth(all_.partner.client_id, all_.client_secret);
  auto response = http->Post("/auth/token", "grant_type=password", "application/x-www-form-urlencoded");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(nlohmann::json::parse(response->body)["error"], "unsupported_grant_type");
}

TEST_F(PactApiTest, OpenIdConfigurationNamesAbsoluteTokenEndpoint) {
  auto response = node_.get("/.well-known/openid-configuration", "");
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body)["token_endpoint"], node_.url() + "/auth/token");
}

TEST_F(PactApiTest, PlainHttpFailsTheHandshake) {
  httplib::Client plain("127.0.0.1", node_.port());
  plain.set_read_timeout(2, 0);
  auto response = plain.Get("/3/footprints");
  EXPECT_FALSE(response) << "a plain-HTTP request got HTTP " << response->status;
}

TEST_F(PactApiTest, MissingTokenIs401) {
  expect_error_body(node_.get("/3/footprints", ""), 401, "BadRequest");
}

TEST_F(PactApiTest, InvalidTokenIs401BadRequest) {
  expect_error_body(node_.get("/3/footprints", "very-invalid-access-token"), 401, "BadRequest");
  std::string tampered = token_;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  expect_error_body(node_.get("/3/footprints/" + std::string(kExample1), tampered), 401, "BadRequest");
}

TEST_F(PactApiTest, ExpiredTokenIs401TokenExpired) {
  auto issued = std::chrono::system_clock::now() - std::chrono::hours(2);
  std::string expired = node_.server().state().issuer->issue(all_.partner.id, all_.partner.client_id, issued);
  expect_error_body(node_.get("/3/footprints", expired), 401, "TokenExpired");
}

TEST_F(PactApiTest, TokenOfAnotherNodeIsInvalid) {
  TestNode other("other");
  space::AccessTokenIssuer foreign(space::load_or_create_node_key(other.home()).value(),
                                   space::load_token_key(other.home()).value(), "urn:pact:company:owner");
  std::string token = foreign.issue(all_.partner.id, all_.partner.client_id, std::chrono::system_clock::now());
  expect_error_body(node_.get("/3/footprints", token), 401, "BadRequest");
}

TEST_F(PactApiTest, ListReturnsLatestVersionsOnly) {
  std::set<std::string> ids = list_ids("");
  EXPECT_EQ(ids, (std::set<std::string>{kExample1, kExample2, kExample3, kExample4, kDefaultValidity}));
}

TEST_F(PactApiTest, ListedFootprintsHaveRequiredProperties) {
  auto response = node_.get("/3/footprints", token_);
  ASSERT_TRUE(response);
  auto body = nlohmann::json::parse(response->body);
  ASSERT_TRUE(body["data"].is_array());
  for (const auto& footprint : body["data"]) {
    util::Status valid = space::validate_footprint(footprint);
    EXPECT_TRUE(valid.ok()) << valid.error().message();
  }
}

TEST_F(PactApiTest, GetReturnsPreviousVersionToo) {
  auto response = node_.get("/3/footprints/" + std::string(kExample2Predecessor), token_);
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  EXPECT_EQ(nlohmann::json::parse(response->body)["data"]["id"], kExample2Predecessor);
}

TEST_F(PactApiTest, GetReturnsFootprintInDataProperty) {
  auto response = node_.get("/3/footprints/" + std::string(kExample3), token_);
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);
  auto body = nlohmann::json::parse(response->body);
  EXPECT_EQ(body["data"]["id"], kExample3);
  EXPECT_TRUE(space::validate_footprint(body["data"]).ok());
}

TEST_F(PactApiTest, GetUnknownIdIs404) {
  expect_error_body(node_.get("/3/footprints/00000000-0000-0000-0000-000000000000", token_), 404, "NotFound");
}

TEST_F(PactApiTest, GetMalformedIdIs400) {
  expect_error_body(node_.get("/3/footprints/not-a-uuid", token_), 400, "BadRequest");
}

TEST_F(PactApiTest, FilterByProductIdIsCaseInsensitive) {
  EXPECT_EQ(list_ids("?productId=URN:GTIN:5268596541023"), (std::set<std::string>{kExample3, kExample4}));
}

TEST_F(PactApiTest, RepeatedParameterIsOr) {
  EXPECT_EQ(list_ids("?productId=urn:gtin:5695872369587&productid=urn:gtin:4712345060507"),
            (std::set<std::string>{kExample1, kExample2}));
}

TEST_F(PactApiTest, DifferentFiltersAreAnd) {
  EXPECT_EQ(list_ids("?productId=urn:gtin:5268596541023&geography=DE-BW"), (std::set<std::string>{kExample3}));
}

TEST_F(PactApiTest, FilterByCompanyId) {
  EXPECT_EQ(list_ids("?companyId=urn:company:example:company4"), (std::set<std::string>{kExample4}));
}

TEST_F(PactApiTest, FilterByGeographyMatchesRegionCountryOrSubdivision) {
  EXPECT_EQ(list_ids("?geography=us"), (std::set<std::string>{kExample2}));
  EXPECT_EQ(list_ids("?geography=US-TX"), (std::set<std::string>{kExample1, kDefaultValidity}));
  EXPECT_EQ(list_ids("?geography=Latin%20America%20and%20the%20Caribbean"), (std::set<std::string>{kExample4}));
}

TEST_F(PactApiTest, FilterByClassification) {
  EXPECT_EQ(list_ids("?classification=urn:pact:productclassification:un-cpc:7892"),
            (std::set<std::string>{kExample3, kExample4}));
}

TEST_F(PactApiTest, FilterByStatus) {
  EXPECT_EQ(list_ids("?status=deprecated"), (std::set<std::string>{}));
  EXPECT_EQ(list_ids("?status=Active").size(), 5u);
}

TEST_F(PactApiTest, ValidityFiltersUseDefaultPeriod) {
  // Every footprint is valid 2024-12-31 .. 2027-12-31, the undated one by the
  // 3-year default after its reference period.
  EXPECT_EQ(list_ids("?validOn=2027-06-01T00:00Z").size(), 5u);
  EXPECT_EQ(list_ids("?validOn=2028-06-01T00:00:00Z").size(), 0u);
  EXPECT_EQ(list_ids("?validAfter=2024-12-30T00:00:00Z").size(), 5u);
  EXPECT_EQ(list_ids("?validAfter=2024-12-31T00:00:00Z").size(), 0u);
  EXPECT_EQ(list_ids("?validBefore=2028-01-01T00:00:00Z").size(), 5u);
  EXPECT_EQ(list_ids("?validBefore=2027-12-31T00:00:00Z").size(), 0u);
}

TEST_F(PactApiTest, InvalidFilterValuesAre400) {
  expect_error_body(node_.get("/3/footprints?status=Pending", token_), 400, "BadRequest");
  expect_error_body(node_.get("/3/footprints?validOn=yesterday", token_), 400, "BadRequest");
  expect_error_body(node_.get("/3/footprints?limit=0", token_), 400, "BadRequest");
  expect_error_body(node_.get("/3/footprints?limit=ten", token_), 400, "BadRequest");
  expect_error_body(node_.get("/3/footprints?colour=red", token_), 400, "BadRequest");
}

TEST_F(PactApiTest, ExtensionParametersAreIgnored) {
  EXPECT_EQ(list_ids("?x-atq-invoice-id=12345").size(), 5u);
}

TEST_F(PactApiTest, PaginationLinkWalksAllPages) {
  std::set<std::string> seen;
  std::string path = "/3/footprints?limit=2&status=Active";
  int pages = 0;
  while (!path.empty()) {
    auto response = node_.get(path, token_);
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200) << response->body;
    auto data = nlohmann::json::parse(response->body)["data"];
    EXPECT_LE(data.size(), 2u);
    for (const auto& footprint : data) EXPECT_TRUE(seen.insert(footprint["id"]).second) << "repeated " << footprint["id"];
    ++pages;
    std::string link = response->get_header_value("Link");
    path.clear();
    if (!link.empty()) {
      const std::string prefix = "<" + node_.url() + "/3/footprints?";
      ASSERT_EQ(link.rfind(prefix, 0), 0u) << link;
      ASSERT_NE(link.find(">; rel=\"next\""), std::string::npos) << link;
      path = link.substr(prefix.size() - std::string("/3/footprints?").size(), link.find('>') - prefix.size() +
                         std::string("/3/footprints?").size());
    }
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen.size(), 5u);
}

TEST_F(PactApiTest, PaginationLinkCanBeCalledTwice) {
  auto first = node_.get("/3/footprints?limit=1", token_);
  ASSERT_TRUE(first);
  std::string link = first->get_header_value("Link");
  std::string path = link.substr(link.find("/3/"), link.find('>') - link.find("/3/"));
  auto once = node_.get(path, token_);
  auto twice = node_.get(path, token_);
  ASSERT_TRUE(once);
  ASSERT_TRUE(twice);
  EXPECT_EQ(once->body, twice->body);
}

TEST_F(PactApiTest, TamperedPaginationLinkIs400) {
  expect_error_body(node_.get("/3/footprints?x-trustpcf-cursor=e30.AAAA", token_), 400, "BadRequest");
}

TEST_F(PactApiTest, PaginationLinkOfAnotherClientIs400) {
  auto first = node_.get("/3/footprints?limit=1", token_);
  ASSERT_TRUE(first);
  std::string link = first->get_header_value("Link");
  std::string path = link.substr(link.find("/3/"), link.find('>') - link.find("/3/"));
  expect_error_body(node_.get(path, node_.token(none_)), 400, "BadRequest");
}

TEST_F(PactApiTest, ResponsesMatchOpenApiSchema) {
  auto list = node_.get("/3/footprints", token_);
  auto get = node_.get("/3/footprints/" + std::string(kExample4), token_);
  ASSERT_TRUE(list);
  ASSERT_TRUE(get);
  TempDir work;
  auto [status, output] = validate_against_openapi({list->body, get->body}, work.path());
  if (status == kSchemaCheckSkipped) GTEST_SKIP() << output;
  EXPECT_EQ(status, 0) << output;
}

TEST_F(PactApiTest, UnknownRouteIs404WithErrorBody) {
  expect_error_body(node_.get("/3/nothing-here", token_), 404, "NotFound");
}

}  // namespace
}  // namespace trustpcf::testing
