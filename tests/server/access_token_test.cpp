// End-to-end tests of the node's EdDSA access tokens over HTTPS: the JWKS
// named by OpenID discovery checks the tokens, and tokens the node did not
// sign get 401 with the PACT error body.

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/jwt.hpp"
#include "server/node_state.hpp"
#include "space/secrets.hpp"
#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kAnyId = "4c0b1e8e-8a0f-4d47-9a57-2f3b5e5d9c11";

class AccessTokenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    partner_ = space::add_partner(node_.db(), "alpha", "https://127.0.0.1:1").value();
    space::PolicyGrant grant;
    grant.partner = "alpha";
    grant.purpose = "PCF calculation";
    ASSERT_TRUE(space::grant_policy(node_.db(), grant).ok());
    node_.start();
    token_ = node_.token(partner_);
    ASSERT_FALSE(token_.empty());
  }

  void expect_unauthorized(const std::string& token, const std::string& code) {
    auto response = node_.get("/3/footprints/" + std::string(kAnyId), token);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 401) << response->body;
    auto body = nlohmann::json::parse(response->body, nullptr, false);
    EXPECT_EQ(body.value("code", ""), code) << response->body;
    EXPECT_TRUE(body.contains("message"));
  }

  // Replaces part `index` (0 header, 1 payload, 2 signature) of `token`.
  static std::string with_part(const std::string& token, int index, const std::string& part) {
    std::size_t first = token.find('.');
    std::size_t second = token.find('.', first + 1);
    std::string parts[3] = {token.substr(0, first), token.substr(first + 1, second - first - 1),
                            token.substr(second + 1)};
    parts[index] = part;
    return parts[0] + "." + parts[1] + "." + parts[2];
  }

  TestNode node_{"owner"};
  space::NewPartner partner_;
  std::string token_;
};

TEST_F(AccessTokenTest, JwksFromDiscoveryVerifiesToken) {
  auto discovery = node_.get("/.well-known/openid-configuration", "");
  ASSERT_TRUE(discovery);
  ASSERT_EQ(discovery->status, 200);
  std::string jwks_uri = nlohmann::json::parse(discovery->body).value("jwks_uri", "");
  ASSERT_EQ(jwks_uri.rfind(node_.url(), 0), 0u) << jwks_uri;

  auto jwks = node_.get(jwks_uri.substr(node_.url().size()), "");
  ASSERT_TRUE(jwks);
  ASSERT_EQ(jwks->status, 200);
  nlohmann::json key = nlohmann::json::parse(jwks->body)["keys"][0];
  EXPECT_EQ(key["kty"], "OKP");
  EXPECT_EQ(key["crv"], "Ed25519");
  EXPECT_FALSE(key.contains("d"));

  auto decoded = crypto::decode_jwt(token_);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->header["alg"], "EdDSA");
  EXPECT_EQ(decoded->header["kid"], key["kid"]);
  auto x = crypto::base64url_decode(key["x"].get<std::string>());
  ASSERT_TRUE(x.ok());
  auto public_key = crypto::Ed25519PublicKey::from_bytes(*x);
  ASSERT_TRUE(public_key.ok());
  EXPECT_TRUE(crypto::verify_jwt(token_, *public_key).ok());
}

TEST_F(AccessTokenTest, ValidTokenIsAccepted) {
  auto response = node_.get("/3/footprints", token_);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200) << response->body;
}

TEST_F(AccessTokenTest, ExpiredTokenIs401TokenExpired) {
  auto issued = std::chrono::system_clock::now() - std::chrono::hours(2);
  expect_unauthorized(node_.server().state().issuer->issue(partner_.partner.id, partner_.partner.client_id, issued),
                      "TokenExpired");
}

TEST_F(AccessTokenTest, TokenOfAnotherNodeIs401) {
  TestNode other("other");
  space::AccessTokenIssuer foreign(space::load_or_create_node_key(other.home()).value(),
                                   space::load_token_key(other.home()).value(), "urn:pact:company:owner");
  expect_unauthorized(foreign.issue(partner_.partner.id, partner_.partner.client_id, std::chrono::system_clock::now()),
                      "BadRequest");
}

TEST_F(AccessTokenTest, TamperedPayloadIs401) {
  nlohmann::json claims = crypto::decode_jwt(token_)->payload;
  claims["exp"] = claims["exp"].get<std::int64_t>() + 86400;
  expect_unauthorized(with_part(token_, 1, space::base64url_encode(claims.dump())), "BadRequest");
}

TEST_F(AccessTokenTest, AlgNoneTokenIs401) {
  std::string none = with_part(with_part(token_, 0, space::base64url_encode(R"({"alg":"none","typ":"JWT"})")), 2, "");
  expect_unauthorized(none, "BadRequest");
}

TEST_F(AccessTokenTest, Hs256TokenIs401) {
  std::string header = space::base64url_encode(R"({"alg":"HS256","typ":"JWT"})");
  std::string forged = with_part(token_, 0, header);
  std::string signing_input = forged.substr(0, forged.rfind('.'));
  std::string key = space::load_token_key(node_.home()).value();
  expect_unauthorized(with_part(forged, 2, space::base64url_encode(space::hmac_sha256(key, signing_input))),
                      "BadRequest");
}

}  // namespace
}  // namespace trustpcf::testing
