#include "crypto/dsse.hpp"

#include <gtest/gtest.h>
#include <openssl/bn.h>

#include "crypto/intoto.hpp"
#include "crypto/p256.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

// Big-endian 32-byte form of a decimal coordinate.
Bytes coordinate(const std::string& decimal) {
  BIGNUM* number = nullptr;
  BN_dec2bn(&number, decimal.c_str());
  Bytes bytes(kP256CoordinateSize);
  BN_bn2binpad(number, bytes.data(), static_cast<int>(bytes.size()));
  BN_free(number);
  return bytes;
}

struct PublishedVector {
  json file;
  DsseEnvelope envelope;
  DsseVerifier verifier;
};

PublishedVector load_vector(const std::filesystem::path& path) {
  json file = json::parse(util::read_file(path).value());
  Bytes point{0x04};
  Bytes x = coordinate(file["ecdsa_p256"]["x"]);
  Bytes y = coordinate(file["ecdsa_p256"]["y"]);
  point.insert(point.end(), x.begin(), x.end());
  point.insert(point.end(), y.begin(), y.end());
  P256PublicKey key = P256PublicKey::from_uncompressed(point).value();
  DsseVerifier verifier{"", [key](std::string_view message, const Bytes& signature) {
                          return key.verify(message, signature);
                        }};
  DsseEnvelope envelope = DsseEnvelope::from_json(file["envelope"]).value();
  return {file, envelope, verifier};
}

TEST(DssePae, PublishedVector) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/dsse/dsse_protocol_testvector.json");
  json file = json::parse(util::read_file(path).value());
  EXPECT_EQ(
      dsse_pae(file["payloadType"].get<std::string>(), file["payload_utf8"].get<std::string>()),
      file["pae"]);
}

TEST(DsseVerify, PublishedP256Envelope) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/dsse/dsse_protocol_testvector.json");
  PublishedVector vector = load_vector(path);
  EXPECT_EQ(vector.envelope.payload, vector.file["payload_utf8"]);
  EXPECT_EQ(vector.envelope.payload_type, vector.file["payloadType"]);
  auto accepted = dsse_verify(vector.envelope, {vector.verifier});
  ASSERT_TRUE(accepted.ok()) << accepted.error().message();
  EXPECT_EQ(accepted->size(), 1u);
}

TEST(DsseVerify, PublishedEnvelopeWithFlippedPayloadBitFails) {
  TRUSTPCF_REQUIRE_SHARED(path, "vectors/dsse/dsse_protocol_testvector.json");
  PublishedVector vector = load_vector(path);
  vector.envelope.payload[0] ^= 0x01;
  auto accepted = dsse_verify(vector.envelope, {vector.verifier});
  ASSERT_FALSE(accepted.ok());
  EXPECT_NE(accepted.error().message().find("does not verify"), std::string::npos);
}

TEST(DsseEnvelope, JsonRoundTrip) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "hello", {}};
  dsse_sign(envelope, key, "k1");
  auto parsed = DsseEnvelope::from_json(envelope.to_json());
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->payload, "hello");
  ASSERT_EQ(parsed->signatures.size(), 1u);
  EXPECT_EQ(parsed->signatures[0].keyid, "k1");
  EXPECT_EQ(parsed->signatures[0].sig, envelope.signatures[0].sig);
}

TEST(DsseEnvelope, AcceptsUrlSafeUnpaddedBase64) {
  json text = {{"payload", "aGVsbG8gd29ybGQ"}, {"payloadType", "t"}, {"signatures", json::array()}};
  auto parsed = DsseEnvelope::from_json(text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->payload, "hello world");
}

TEST(DsseEnvelope, RejectsMissingFields) {
  auto missing = DsseEnvelope::from_json(json{{"payload", ""}, {"signatures", json::array()}});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("payloadType"), std::string::npos);
}

TEST(DsseVerify, ThresholdCountsDistinctKeys) {
  Ed25519KeyPair first = Ed25519KeyPair::generate();
  Ed25519KeyPair second = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "payload", {}};
  dsse_sign(envelope, first, "first");
  dsse_sign(envelope, second, "second");
  std::vector<DsseVerifier> verifiers{dsse_ed25519_verifier(first.public_key(), "first"),
                                      dsse_ed25519_verifier(second.public_key(), "second")};
  auto both = dsse_verify(envelope, verifiers, 2);
  ASSERT_TRUE(both.ok()) << both.error().message();
  EXPECT_EQ(*both, (std::vector<std::string>{"first", "second"}));

  // The same signature twice does not count as two keys.
  DsseEnvelope doubled{"text/plain", "payload", {}};
  dsse_sign(doubled, first, "first");
  dsse_sign(doubled, first, "first");
  EXPECT_FALSE(dsse_verify(doubled, verifiers, 2).ok());
}

TEST(DsseVerify, FlippedBitInSignatureFails) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "payload", {}};
  dsse_sign(envelope, key);
  envelope.signatures[0].sig[10] ^= 0x04;
  auto accepted = dsse_verify(envelope, {dsse_ed25519_verifier(key.public_key())});
  ASSERT_FALSE(accepted.ok());
  EXPECT_EQ(accepted.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(accepted.error().message().find("signature 0"), std::string::npos);
}

TEST(DsseVerify, FlippedBitInPayloadTypeFails) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "payload", {}};
  dsse_sign(envelope, key);
  envelope.payload_type = "text/plaim";
  EXPECT_FALSE(dsse_verify(envelope, {dsse_ed25519_verifier(key.public_key())}).ok());
}

TEST(DsseVerify, WrongKeyFails) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  Ed25519KeyPair other = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "payload", {}};
  dsse_sign(envelope, key);
  EXPECT_FALSE(dsse_verify(envelope, {dsse_ed25519_verifier(other.public_key())}).ok());
}

TEST(DsseVerify, KeyidMismatchIsReported) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "payload", {}};
  dsse_sign(envelope, key, "a");
  auto accepted = dsse_verify(envelope, {dsse_ed25519_verifier(key.public_key(), "b")});
  ASSERT_FALSE(accepted.ok());
  EXPECT_NE(accepted.error().message().find("no signature matched"), std::string::npos);
}

TEST(InTotoStatement, SignAndVerifyRoundTrip) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  InTotoStatement statement;
  statement.subjects.push_back({"footprint.json", {{"sha256", std::string(64, 'a')}}});
  statement.predicate_type = "https://example.com/receipt/v1";
  statement.predicate = {{"engine", "1.0"}};
  DsseEnvelope envelope = sign_statement(statement, key);
  EXPECT_EQ(envelope.payload_type, kInTotoPayloadType);

  auto verified = verify_statement(envelope, {dsse_ed25519_verifier(key.public_key())});
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->predicate_type, statement.predicate_type);
  EXPECT_EQ(verified->subjects[0].digest.at("sha256"), std::string(64, 'a'));
  EXPECT_EQ(verified->predicate["engine"], "1.0");
}

TEST(InTotoStatement, RejectsOtherPayloadType) {
  Ed25519KeyPair key = Ed25519KeyPair::generate();
  DsseEnvelope envelope{"text/plain", "{}", {}};
  dsse_sign(envelope, key);
  auto verified = verify_statement(envelope, {dsse_ed25519_verifier(key.public_key())});
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("payload type"), std::string::npos);
}

TEST(InTotoStatement, RejectsSubjectWithoutDigest) {
  json statement = {
      {"_type", kInTotoStatementType}, {"subject", {{{"name", "x"}}}}, {"predicateType", "p"}};
  auto parsed = InTotoStatement::from_json(statement);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message().find("subject 0"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::crypto
