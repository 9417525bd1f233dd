// Tests of the node's EdDSA access tokens: issue and verify, expiry, tokens
// of another node, tampering, and headers this node never writes.

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/jwt.hpp"
#include "space/access_tokens.hpp"
#include "space/secrets.hpp"

namespace trustpcf::space {
namespace {

constexpr const char* kIssuer = "urn:pact:company:owner";

AccessTokenIssuer make_issuer() {
  return AccessTokenIssuer(crypto::Ed25519KeyPair::generate(), std::string(32, 'k'), kIssuer);
}

std::chrono::system_clock::time_point now() { return std::chrono::system_clock::now(); }

// Replaces the JWT part `index` (0 header, 1 payload, 2 signature) of `token`.
std::string with_part(const std::string& token, int index, const std::string& part) {
  std::size_t first = token.find('.');
  std::size_t second = token.find('.', first + 1);
  std::string parts[3] = {token.substr(0, first), token.substr(first + 1, second - first - 1),
                          token.substr(second + 1)};
  parts[index] = part;
  return parts[0] + "." + parts[1] + "." + parts[2];
}

TEST(AccessTokens, IssuedTokenVerifies) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  TokenVerdict verdict = issuer.verify(token, now());
  ASSERT_EQ(verdict.check, TokenCheck::kValid);
  EXPECT_EQ(verdict.claims.partner_id, "partner-1");
  EXPECT_EQ(verdict.claims.client_id, "client-1");
}

TEST(AccessTokens, HeaderIsEdDsaWithKeyId) {
  AccessTokenIssuer issuer = make_issuer();
  auto decoded = crypto::decode_jwt(issuer.issue("partner-1", "client-1", now()));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->header["alg"], "EdDSA");
  EXPECT_EQ(decoded->header["typ"], "JWT");
  EXPECT_EQ(decoded->header["kid"], issuer.key_id());
}

TEST(AccessTokens, JwksKeyVerifiesToken) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  nlohmann::json jwk = issuer.jwks()["keys"][0];
  EXPECT_EQ(jwk["kty"], "OKP");
  EXPECT_EQ(jwk["crv"], "Ed25519");
  EXPECT_EQ(jwk["kid"], issuer.key_id());
  auto x = crypto::base64url_decode(jwk["x"].get<std::string>());
  ASSERT_TRUE(x.ok());
  auto key = crypto::Ed25519PublicKey::from_bytes(*x);
  ASSERT_TRUE(key.ok());
  EXPECT_TRUE(crypto::verify_jwt(token, *key).ok());
}

TEST(AccessTokens, ThumbprintMatchesRfc8037Example) {
  // RFC 8037 appendix A.3: the thumbprint of the appendix A.2 public key.
  auto x = crypto::base64url_decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
  ASSERT_TRUE(x.ok());
  auto key = crypto::Ed25519PublicKey::from_bytes(*x);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(jwk_thumbprint(*key), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

TEST(AccessTokens, ExpiredTokenIsExpired) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now() - std::chrono::hours(2));
  EXPECT_EQ(issuer.verify(token, now()).check, TokenCheck::kExpired);
}

TEST(AccessTokens, CachedTokenExpiresOnTime) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  ASSERT_EQ(issuer.verify(token, now()).check, TokenCheck::kValid);
  EXPECT_EQ(issuer.verify(token, now() + kAccessTokenLifetime).check, TokenCheck::kExpired);
}

TEST(AccessTokens, TokenOfAnotherKeyIsInvalid) {
  AccessTokenIssuer issuer = make_issuer();
  AccessTokenIssuer other = make_issuer();
  EXPECT_EQ(issuer.verify(other.issue("partner-1", "client-1", now()), now()).check, TokenCheck::kInvalid);
}

TEST(AccessTokens, ForeignTokenWithOurKeyIdIsInvalid) {
  AccessTokenIssuer issuer = make_issuer();
  AccessTokenIssuer other = make_issuer();
  std::string foreign = other.issue("partner-1", "client-1", now());
  std::string header = base64url_encode(R"({"alg":"EdDSA","kid":")" + issuer.key_id() + R"(","typ":"JWT"})");
  EXPECT_EQ(issuer.verify(with_part(foreign, 0, header), now()).check, TokenCheck::kInvalid);
}

TEST(AccessTokens, TamperedPayloadIsInvalid) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  nlohmann::json claims = crypto::decode_jwt(token)->payload;
  claims["sub"] = "partner-2";
  EXPECT_EQ(issuer.verify(with_part(token, 1, base64url_encode(claims.dump())), now()).check, TokenCheck::kInvalid);
}

TEST(AccessTokens, AlgNoneIsInvalid) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  std::string none = with_part(with_part(token, 0, base64url_encode(R"({"alg":"none","typ":"JWT"})")), 2, "");
  EXPECT_EQ(issuer.verify(none, now()).check, TokenCheck::kInvalid);
}

TEST(AccessTokens, Hs256TokenIsInvalid) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  // An HMAC over the token under the node's public key bytes: the classic
  // algorithm-confusion forgery.
  std::string header = base64url_encode(R"({"alg":"HS256","kid":")" + issuer.key_id() + R"(","typ":"JWT"})");
  std::string forged = with_part(token, 0, header);
  std::string signing_input = forged.substr(0, forged.rfind('.'));
  auto public_key = crypto::base64url_decode(issuer.jwks()["keys"][0]["x"].get<std::string>()).value();
  std::string key_bytes(public_key.begin(), public_key.end());
  forged = with_part(forged, 2, base64url_encode(hmac_sha256(key_bytes, signing_input)));
  EXPECT_EQ(issuer.verify(forged, now()).check, TokenCheck::kInvalid);
}

TEST(AccessTokens, WrongIssuerIsInvalid) {
  crypto::Bytes seed = crypto::Ed25519KeyPair::generate().seed();
  AccessTokenIssuer issuer(crypto::Ed25519KeyPair::from_seed(seed).value(), std::string(32, 'k'), kIssuer);
  AccessTokenIssuer renamed(crypto::Ed25519KeyPair::from_seed(seed).value(), std::string(32, 'k'), "urn:pact:company:x");
  EXPECT_EQ(issuer.verify(renamed.issue("partner-1", "client-1", now()), now()).check, TokenCheck::kInvalid);
}

TEST(AccessTokens, MalformedTokenIsInvalid) {
  AccessTokenIssuer issuer = make_issuer();
  std::string token = issuer.issue("partner-1", "client-1", now());
  EXPECT_EQ(issuer.verify(token + "x", now()).check, TokenCheck::kInvalid);
  EXPECT_EQ(issuer.verify(token + ".x", now()).check, TokenCheck::kInvalid);
  EXPECT_EQ(issuer.verify("", now()).check, TokenCheck::kInvalid);
  EXPECT_EQ(issuer.verify("a.b", now()).check, TokenCheck::kInvalid);
}

}  // namespace
}  // namespace trustpcf::space
