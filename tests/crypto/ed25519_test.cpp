#include "crypto/ed25519.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

Bytes hex(const std::string& text) { return hex_decode(text).value(); }

TEST(Ed25519Vectors, Rfc8032Section71) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/ed25519/rfc8032.json");
  json cases = json::parse(util::read_file(path).value());
  ASSERT_EQ(cases.size(), 3u);
  for (const json& test : cases) {
    SCOPED_TRACE(test["name"].get<std::string>());
    auto pair = Ed25519KeyPair::from_seed(hex(test["secret_key"]));
    ASSERT_TRUE(pair.ok());
    EXPECT_EQ(hex_encode(pair->public_key().to_bytes()), test["public_key"]);

    std::string message = to_string(hex(test["message"]));
    Ed25519Signature signature = pair->sign(message);
    EXPECT_EQ(hex_encode(Bytes(signature.begin(), signature.end())), test["signature"]);

    util::Status status = ed25519_verify(pair->public_key(), message, hex(test["signature"]));
    EXPECT_TRUE(status.ok());
  }
}

TEST(Ed25519Vectors, AllWycheproofCases) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/ed25519/wycheproof_ed25519_test.json");
  json file = json::parse(util::read_file(path).value());
  int checked = 0;
  for (const json& group : file["testGroups"]) {
    Bytes public_key = hex(group["publicKey"]["pk"]);
    for (const json& test : group["tests"]) {
      SCOPED_TRACE("tcId " + std::to_string(test["tcId"].get<int>()) + " " +
                   test["comment"].get<std::string>());
      // Some invalid cases carry signatures that are not even hex of the
      // right size; those must fail too.
      auto signature = hex_decode(test["sig"].get<std::string>());
      bool verified = signature.ok() &&
                      ed25519_verify_raw(public_key, to_string(hex(test["msg"])), *signature).ok();
      EXPECT_EQ(verified, test["result"] == "valid");
      ++checked;
    }
  }
  EXPECT_EQ(checked, 151);
}

TEST(Ed25519Verify, FlippedBitInMessageFails) {
  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  Ed25519Signature signature = pair.sign("payload");
  Bytes bytes(signature.begin(), signature.end());
  ASSERT_TRUE(ed25519_verify(pair.public_key(), "payload", bytes).ok());

  util::Status status = ed25519_verify(pair.public_key(), "paylobd", bytes);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(status.error().message().find("does not verify"), std::string::npos);
}

TEST(Ed25519Verify, FlippedBitInSignatureFails) {
  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  Ed25519Signature signature = pair.sign("payload");
  for (std::size_t byte : {0u, 31u, 32u, 63u}) {
    Bytes bytes(signature.begin(), signature.end());
    bytes[byte] ^= 0x01;
    EXPECT_FALSE(ed25519_verify(pair.public_key(), "payload", bytes).ok()) << "byte " << byte;
  }
}

TEST(Ed25519Verify, FlippedBitInKeyFails) {
  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  Ed25519Signature signature = pair.sign("payload");
  Bytes key = pair.public_key().to_bytes();
  key[5] ^= 0x10;
  util::Status status =
      ed25519_verify_raw(key, "payload", Bytes(signature.begin(), signature.end()));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kVerification);
}

TEST(Ed25519Verify, RejectsWrongSignatureSize) {
  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  util::Status status = ed25519_verify(pair.public_key(), "payload", Bytes(63, 0));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("63 bytes"), std::string::npos);
}

TEST(Ed25519PublicKey, RejectsSmallOrderAndWrongSize) {
  Bytes identity(32, 0);
  identity[0] = 0x01;  // the neutral element, of order 1
  EXPECT_FALSE(Ed25519PublicKey::from_bytes(identity).ok());
  EXPECT_FALSE(Ed25519PublicKey::from_bytes(Bytes(31, 7)).ok());
}

TEST(Ed25519KeyPair, GeneratedKeysDiffer) {
  Ed25519KeyPair first = Ed25519KeyPair::generate();
  Ed25519KeyPair second = Ed25519KeyPair::generate();
  EXPECT_NE(first.public_key(), second.public_key());
}

TEST(Ed25519KeyPair, SeedRoundTrips) {
  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  auto again = Ed25519KeyPair::from_seed(pair.seed());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->public_key(), pair.public_key());
}

}  // namespace
}  // namespace trustpcf::crypto
