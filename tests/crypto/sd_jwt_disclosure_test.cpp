// The SD-JWT pieces for documents signed by other means than a JWT:
// disclosures with a given salt, keyed salts, and digest resolution.

#include <gtest/gtest.h>

#include "crypto/encoding.hpp"
#include "crypto/sd_jwt.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

Ed25519KeyPair key_of(std::uint8_t fill) {
  return std::move(Ed25519KeyPair::from_seed(Bytes(32, fill))).value();
}

TEST(SdJwtMakeDisclosure, ParsesBackWithSameDigest) {
  SdJwtDisclosure made = make_sd_jwt_disclosure("c2FsdA", "site", "Plant A");
  auto parsed = parse_sd_jwt_disclosure(made.encoded);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->digest, made.digest);
  EXPECT_EQ(parsed->salt, "c2FsdA");
  EXPECT_EQ(parsed->name, "site");
  EXPECT_EQ(parsed->value, "Plant A");
}

TEST(SdJwtDeriveSalt, SameKeyAndInputGiveSameSalt) {
  EXPECT_EQ(derive_sd_jwt_salt(key_of(1), "footprint 1 /comment"),
            derive_sd_jwt_salt(key_of(1), "footprint 1 /comment"));
}

TEST(SdJwtDeriveSalt, OtherKeyOrInputGiveOtherSalt) {
  std::string salt = derive_sd_jwt_salt(key_of(1), "footprint 1 /comment");
  EXPECT_NE(salt, derive_sd_jwt_salt(key_of(2), "footprint 1 /comment"));
  EXPECT_NE(salt, derive_sd_jwt_salt(key_of(1), "footprint 2 /comment"));
}

TEST(SdJwtDeriveSalt, CarriesSaltSizeBytes) {
  auto bytes = base64url_decode(derive_sd_jwt_salt(key_of(1), "x"));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), kSdJwtSaltSize);
}

TEST(SdJwtResolve, RestoresDisclosedAndDropsUndisclosed) {
  SdJwtDisclosure site = make_sd_jwt_disclosure("salt-1-aaaaaaaaaaaaaa", "site", "Plant A");
  SdJwtDisclosure supplier = make_sd_jwt_disclosure("salt-2-aaaaaaaaaaaaaa", "supplier", "Grid Inc");
  json payload = {{"unit", "kWh"}, {"_sd", {site.digest, supplier.digest}}};

  auto resolved = resolve_sd_disclosures(payload, {site.encoded});
  ASSERT_TRUE(resolved.ok()) << resolved.error().message();
  EXPECT_EQ(resolved->claims, (json{{"unit", "kWh"}, {"site", "Plant A"}}));
  EXPECT_EQ(resolved->paths.at(site.encoded), "/site");
}

TEST(SdJwtResolve, RejectsUnreferencedDisclosure) {
  SdJwtDisclosure site = make_sd_jwt_disclosure("salt-1-aaaaaaaaaaaaaa", "site", "Plant A");
  SdJwtDisclosure changed = make_sd_jwt_disclosure("salt-1-aaaaaaaaaaaaaa", "site", "Plant B");
  json payload = {{"_sd", {site.digest}}};
  auto resolved = resolve_sd_disclosures(payload, {changed.encoded});
  ASSERT_FALSE(resolved.ok());
  EXPECT_EQ(resolved.error().code(), util::ErrorCode::kVerification);
}

TEST(Ed25519KeyCache, SmallOrderKeyStaysRejectedAfterValidOnes) {
  Bytes valid = key_of(7).public_key().to_bytes();
  ASSERT_TRUE(Ed25519PublicKey::from_bytes(valid).ok());
  ASSERT_TRUE(Ed25519PublicKey::from_bytes(valid).ok());
  Bytes identity(kEd25519PublicKeySize, 0);
  identity[0] = 0x01;  // the neutral element, of order one
  EXPECT_FALSE(Ed25519PublicKey::from_bytes(identity).ok());
  EXPECT_FALSE(Ed25519PublicKey::from_bytes(identity).ok());
}

}  // namespace
}  // namespace trustpcf::crypto
