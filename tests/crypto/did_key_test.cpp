#include "crypto/did_key.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

TEST(Multikey, PublishedKeyPairRoundTrips) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/vc-di-eddsa/keyPair.json");
  json key_pair = json::parse(util::read_file(path).value());
  std::string public_text = key_pair["publicKeyMultibase"];
  std::string secret_text = key_pair["privateKeyMultibase"];

  auto pair = multikey_decode_secret(secret_text);
  ASSERT_TRUE(pair.ok()) << pair.error().message();
  EXPECT_EQ(multikey_encode(pair->public_key()), public_text);
  EXPECT_EQ(multikey_encode_secret(*pair), secret_text);

  auto key = multikey_decode(public_text);
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(*key, pair->public_key());
}

TEST(DidKey, IdentifierAndVerificationMethod) {
  auto key = multikey_decode("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(did_key_of(*key), "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  EXPECT_EQ(did_key_verification_method(*key),
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
            "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
}

TEST(ResolveDidKey, AcceptsDidAndVerificationMethod) {
  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  auto from_did = resolve_did_key(did_key_of(pair.public_key()));
  ASSERT_TRUE(from_did.ok());
  EXPECT_EQ(*from_did, pair.public_key());
  auto from_method = resolve_did_key(did_key_verification_method(pair.public_key()));
  ASSERT_TRUE(from_method.ok());
  EXPECT_EQ(*from_method, pair.public_key());
}

TEST(ResolveDidKey, RejectsOtherMethodAndFragmentMismatch) {
  auto other = resolve_did_key("did:web:example.com");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message().find("only did:key"), std::string::npos);

  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  std::string mismatched = did_key_of(pair.public_key()) + "#key-1";
  auto mismatch = resolve_did_key(mismatched);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.error().message().find("fragment"), std::string::npos);
}

TEST(MultikeyDecode, RejectsOtherCodec) {
  // An X25519 key (multicodec 0xec) is not an Ed25519 key.
  Bytes x25519{0xec, 0x01};
  x25519.resize(34, 0x11);
  auto other = multikey_decode(multibase_encode(x25519));
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.error().message().find("ed25519-pub"), std::string::npos);
}

TEST(MultikeyDecode, ChangedCharacterGivesOtherKeyOrError) {
  auto original = multikey_decode("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  ASSERT_TRUE(original.ok());
  auto changed = multikey_decode("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ3");
  if (changed.ok()) {
    EXPECT_NE(*changed, *original);
  } else {
    EXPECT_EQ(changed.error().code(), util::ErrorCode::kInvalidInput);
  }
}

}  // namespace
}  // namespace trustpcf::crypto
