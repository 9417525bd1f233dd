#include "crypto/sd_jwt.hpp"

#include <gtest/gtest.h>

#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

json sample_claims() {
  return json::parse(R"({
    "iss": "https://issuer.example",
    "given_name": "Erika",
    "family_name": "Mustermann",
    "address": {"street_address": "Heidestrasse 17", "locality": "Koeln"},
    "nationalities": ["DE", "FR", "NL"]
  })");
}

const std::vector<std::string> kDisclosable = {"/given_name", "/address/street_address", "/address",
                                               "/nationalities/0", "/nationalities/2"};

class SdJwtTest : public ::testing::Test {
 protected:
  Ed25519KeyPair issuer_ = Ed25519KeyPair::generate();
  SdJwt issued_ =
      issue_sd_jwt(sample_claims(), kDisclosable, issuer_, {"dc+sd-jwt", "k1", 2}).value();
};

// The disclosure and digest of the family_name example in RFC 9901.
TEST(SdJwtDisclosure, PublishedDigestExample) {
  auto disclosure =
      parse_sd_jwt_disclosure("WyI2cU1RdlJMNWhhaiIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0");
  ASSERT_TRUE(disclosure.ok()) << disclosure.error().message();
  EXPECT_EQ(disclosure->digest, "uutlBuYeMDyjLLTpf6Jxi7yNkEF35jdyWMn9U7b_RYY");
  EXPECT_EQ(disclosure->salt, "6qMQvRL5haj");
  EXPECT_EQ(disclosure->name, "family_name");
  EXPECT_EQ(disclosure->value,
            "M\xC3\xB6"
            "bius");
}

TEST(SdJwtDisclosure, RejectsMalformed) {
  EXPECT_FALSE(parse_sd_jwt_disclosure(base64url_encode(std::string_view("[\"salt\"]"))).ok());
  EXPECT_FALSE(parse_sd_jwt_disclosure(base64url_encode(std::string_view("[1, \"a\", 2]"))).ok());
  EXPECT_FALSE(
      parse_sd_jwt_disclosure(base64url_encode(std::string_view("[\"s\", \"_sd\", 2]"))).ok());
  EXPECT_FALSE(parse_sd_jwt_disclosure("not base64!").ok());
}

TEST_F(SdJwtTest, IssuedPayloadHidesDisclosableClaims) {
  DecodedJwt jwt = decode_jwt(issued_.jwt).value();
  EXPECT_EQ(jwt.header["alg"], "EdDSA");
  EXPECT_EQ(jwt.header["typ"], "dc+sd-jwt");
  EXPECT_EQ(jwt.payload["_sd_alg"], "sha-256");
  EXPECT_FALSE(jwt.payload.contains("given_name"));
  EXPECT_FALSE(jwt.payload.contains("address"));
  EXPECT_EQ(jwt.payload["family_name"], "Mustermann");
  // given_name and address, plus two decoys.
  EXPECT_EQ(jwt.payload["_sd"].size(), 4u);
  EXPECT_TRUE(std::is_sorted(jwt.payload["_sd"].begin(), jwt.payload["_sd"].end()));
  EXPECT_EQ(jwt.payload["nationalities"][1], "FR");
  EXPECT_TRUE(jwt.payload["nationalities"][0].contains("..."));
  EXPECT_EQ(issued_.disclosures.size(), 5u);
}

TEST_F(SdJwtTest, AllDisclosuresRestoreClaims) {
  auto verified = verify_sd_jwt(issued_.serialize(), issuer_.public_key());
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->claims, sample_claims());
  EXPECT_EQ(verified->disclosed_paths,
            (std::vector<std::string>{"/address", "/address/street_address", "/given_name",
                                      "/nationalities/0", "/nationalities/2"}));
}

TEST_F(SdJwtTest, PresentSubsetRevealsOnlyIt) {
  SdJwt presented = present_sd_jwt(issued_, {"/given_name", "/nationalities/2"}).value();
  EXPECT_EQ(presented.disclosures.size(), 2u);
  auto verified = verify_sd_jwt(presented.serialize(), issuer_.public_key());
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->claims["given_name"], "Erika");
  EXPECT_FALSE(verified->claims.contains("address"));
  EXPECT_EQ(verified->claims["nationalities"], json::array({"FR", "NL"}));
}

TEST_F(SdJwtTest, PresentNestedClaimIncludesParent) {
  SdJwt presented = present_sd_jwt(issued_, {"/address/street_address"}).value();
  EXPECT_EQ(presented.disclosures.size(), 2u);
  auto verified = verify_sd_jwt(presented.serialize(), issuer_.public_key());
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->claims["address"]["street_address"], "Heidestrasse 17");
  EXPECT_FALSE(verified->claims.contains("given_name"));
}

TEST_F(SdJwtTest, PresentNothingKeepsPlainClaims) {
  SdJwt presented = present_sd_jwt(issued_, {}).value();
  auto verified = verify_sd_jwt(presented.serialize(), issuer_.public_key());
  ASSERT_TRUE(verified.ok());
  EXPECT_EQ(verified->claims["family_name"], "Mustermann");
  EXPECT_EQ(verified->claims["nationalities"], json::array({"FR"}));
  EXPECT_FALSE(verified->claims.contains("_sd"));
}

TEST_F(SdJwtTest, FlippedBitInPayloadFails) {
  SdJwt tampered = issued_;
  std::size_t dot = tampered.jwt.find('.');
  tampered.jwt[dot + 5] = tampered.jwt[dot + 5] == 'A' ? 'B' : 'A';
  auto verified = verify_sd_jwt(tampered.serialize(), issuer_.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("SD-JWT issuer signature"), std::string::npos);
}

TEST_F(SdJwtTest, FlippedBitInSignatureFails) {
  SdJwt tampered = issued_;
  char& last = tampered.jwt[tampered.jwt.size() - 3];
  last = last == 'A' ? 'B' : 'A';
  auto verified = verify_sd_jwt(tampered.serialize(), issuer_.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code(), util::ErrorCode::kVerification);
}

TEST_F(SdJwtTest, OtherIssuerKeyFails) {
  Ed25519KeyPair other = Ed25519KeyPair::generate();
  EXPECT_FALSE(verify_sd_jwt(issued_.serialize(), other.public_key()).ok());
}

TEST_F(SdJwtTest, ChangedDisclosureFails) {
  SdJwt tampered = issued_;
  std::string& disclosure = tampered.disclosures[0];
  disclosure[4] = disclosure[4] == 'A' ? 'B' : 'A';
  auto verified = verify_sd_jwt(tampered.serialize(), issuer_.public_key());
  ASSERT_FALSE(verified.ok());
}

TEST_F(SdJwtTest, DuplicateDisclosureFails) {
  SdJwt tampered = issued_;
  tampered.disclosures.push_back(tampered.disclosures[0]);
  auto verified = verify_sd_jwt(tampered.serialize(), issuer_.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("sent twice"), std::string::npos);
}

TEST_F(SdJwtTest, ForeignDisclosureIsUnused) {
  SdJwt other = issue_sd_jwt(sample_claims(), {"/given_name"}, issuer_).value();
  SdJwt tampered = issued_;
  tampered.disclosures.push_back(other.disclosures[0]);
  auto verified = verify_sd_jwt(tampered.serialize(), issuer_.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("not referenced"), std::string::npos);
}

TEST(SdJwtVerify, RejectsOtherHashAlgorithm) {
  Ed25519KeyPair issuer = Ed25519KeyPair::generate();
  std::string jwt = sign_jwt(json::object(), {{"_sd_alg", "sha-512"}, {"a", 1}}, issuer);
  auto verified = verify_sd_jwt(jwt + "~", issuer.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("_sd_alg"), std::string::npos);
}

TEST(SdJwtVerify, RejectsRepeatedDigest) {
  Ed25519KeyPair issuer = Ed25519KeyPair::generate();
  std::string digest = sha256_base64url("anything");
  json payload = {{"_sd", {digest}}, {"inner", {{"_sd", {digest}}}}, {"_sd_alg", "sha-256"}};
  auto verified =
      verify_sd_jwt(sign_jwt(json::object(), payload, issuer) + "~", issuer.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("more than once"), std::string::npos);
}

TEST(SdJwtVerify, RejectsPropertyDisclosureInArray) {
  Ed25519KeyPair issuer = Ed25519KeyPair::generate();
  std::string disclosure = base64url_encode(std::string_view(R"(["salt","name","value"])"));
  json payload = {{"list", {{{"...", sha256_base64url(disclosure)}}}}};
  std::string text = sign_jwt(json::object(), payload, issuer) + "~" + disclosure + "~";
  auto verified = verify_sd_jwt(text, issuer.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("referenced from the array"), std::string::npos);
}

TEST(SdJwtVerify, RejectsNameCollision) {
  Ed25519KeyPair issuer = Ed25519KeyPair::generate();
  std::string disclosure = base64url_encode(std::string_view(R"(["salt","name","new"])"));
  json payload = {{"name", "old"}, {"_sd", {sha256_base64url(disclosure)}}};
  std::string text = sign_jwt(json::object(), payload, issuer) + "~" + disclosure + "~";
  auto verified = verify_sd_jwt(text, issuer.public_key());
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("collides"), std::string::npos);
}

TEST(SdJwtParse, RejectsKeyBindingAndEmptyParts) {
  EXPECT_FALSE(SdJwt::parse("a.b.c~d~kb.jwt.sig").ok());
  EXPECT_FALSE(SdJwt::parse("a.b.c~~").ok());
  EXPECT_FALSE(SdJwt::parse("a.b.c").ok());
  auto parsed = SdJwt::parse("a.b.c~d1~d2~");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->disclosures.size(), 2u);
}

TEST(SdJwtIssue, RejectsMissingClaim) {
  Ed25519KeyPair issuer = Ed25519KeyPair::generate();
  auto issued = issue_sd_jwt(sample_claims(), {"/middle_name"}, issuer);
  ASSERT_FALSE(issued.ok());
  EXPECT_NE(issued.error().message().find("/middle_name"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::crypto
