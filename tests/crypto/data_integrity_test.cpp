#include "crypto/data_integrity.hpp"

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "crypto/jcs.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using nlohmann::json;

std::string read_trimmed(const std::filesystem::path& path) {
  std::string text = util::read_file(path).value();
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

class EddsaJcs2022Vector : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = ::trustpcf::testing::shared_dir() / "vectors/vc-di-eddsa";
    if (!std::filesystem::exists(folder_)) {
      GTEST_SKIP() << "reference data " << folder_.string()
                   << " is absent; set TRUSTPCF_SHARED to the folder holding it";
    }
    json key_pair = json::parse(util::read_file(folder_ / "keyPair.json").value());
    key_.emplace(
        multikey_decode_secret(key_pair["privateKeyMultibase"].get<std::string>()).value());
    unsigned_ = json::parse(util::read_file(folder_ / "unsigned.json").value());
    proof_config_ =
        json::parse(util::read_file(folder_ / "eddsa-jcs-2022/proofConfigJCS.json").value());
    signed_ = json::parse(util::read_file(folder_ / "eddsa-jcs-2022/signedJCS.json").value());
  }

  std::string step(const char* name) { return read_trimmed(folder_ / "eddsa-jcs-2022" / name); }

  DataIntegrityProofOptions published_options() {
    DataIntegrityProofOptions options;
    options.created = proof_config_["created"];
    options.verification_method = proof_config_["verificationMethod"];
    options.proof_purpose = proof_config_["proofPurpose"];
    return options;
  }

  std::filesystem::path folder_;
  std::optional<Ed25519KeyPair> key_;
  json unsigned_;
  json proof_config_;
  json signed_;
};

TEST_F(EddsaJcs2022Vector, EveryIntermediateStep) {
  EddsaJcs2022Hashes hashes = eddsa_jcs_2022_hashes(unsigned_, proof_config_);
  EXPECT_EQ(hashes.canonical_document, step("canonDocJCS.txt"));
  EXPECT_EQ(to_hex(hashes.document_hash), step("docHashJCS.txt"));
  EXPECT_EQ(hashes.canonical_proof_config, step("proofCanonJCS.txt"));
  EXPECT_EQ(to_hex(hashes.proof_config_hash), step("proofHashJCS.txt"));
  EXPECT_EQ(hex_encode(hashes.hash_data), step("combinedHashJCS.txt"));

  Ed25519Signature signature = key_->sign(to_string(hashes.hash_data));
  Bytes signature_bytes(signature.begin(), signature.end());
  EXPECT_EQ(hex_encode(signature_bytes), step("sigHexJCS.txt"));
  EXPECT_EQ(multibase_encode(signature_bytes), step("sigBTC58JCS.txt"));
}

TEST_F(EddsaJcs2022Vector, AddProofReproducesSignedCredential) {
  auto secured = add_eddsa_jcs_2022_proof(unsigned_, *key_, published_options());
  ASSERT_TRUE(secured.ok()) << secured.error().message();
  EXPECT_EQ(*secured, signed_);
  EXPECT_EQ(canonicalize(*secured), canonicalize(signed_));
}

TEST_F(EddsaJcs2022Vector, PublishedCredentialVerifies) {
  auto verified = verify_eddsa_jcs_2022(signed_);
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  ASSERT_EQ(verified->size(), 1u);
  EXPECT_EQ((*verified)[0].verification_method, proof_config_["verificationMethod"]);
  EXPECT_EQ((*verified)[0].proof_purpose, "assertionMethod");
  EXPECT_EQ((*verified)[0].key, key_->public_key());
}

TEST_F(EddsaJcs2022Vector, FlippedBitInDocumentFails) {
  json tampered = signed_;
  tampered["credentialSubject"]["alumniOf"] = "The School of Examplef";
  auto verified = verify_eddsa_jcs_2022(tampered);
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(verified.error().message().find("proof 0"), std::string::npos);
  EXPECT_NE(verified.error().message().find("signature"), std::string::npos);
}

TEST_F(EddsaJcs2022Vector, FlippedBitInProofValueFails) {
  json tampered = signed_;
  std::string value = tampered["proof"]["proofValue"];
  Bytes signature = multibase_decode(value).value();
  signature[20] ^= 0x01;
  tampered["proof"]["proofValue"] = multibase_encode(signature);
  EXPECT_FALSE(verify_eddsa_jcs_2022(tampered).ok());
}

TEST_F(EddsaJcs2022Vector, FlippedBitInProofConfigurationFails) {
  json tampered = signed_;
  tampered["proof"]["created"] = "2023-02-24T23:36:39Z";
  auto verified = verify_eddsa_jcs_2022(tampered);
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("proof configuration"), std::string::npos);
}

TEST_F(EddsaJcs2022Vector, OtherKeyFails) {
  json tampered = signed_;
  Ed25519KeyPair other = Ed25519KeyPair::generate();
  tampered["proof"]["verificationMethod"] = did_key_verification_method(other.public_key());
  EXPECT_FALSE(verify_eddsa_jcs_2022(tampered).ok());
}

TEST_F(EddsaJcs2022Vector, ContextMismatchFails) {
  json tampered = signed_;
  tampered["@context"] = json::array({"https://www.w3.org/ns/credentials/v2"});
  auto verified = verify_eddsa_jcs_2022(tampered);
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("@context"), std::string::npos);
}

TEST_F(EddsaJcs2022Vector, WrongCryptosuiteFails) {
  json tampered = signed_;
  tampered["proof"]["cryptosuite"] = "eddsa-rdfc-2022";
  auto verified = verify_eddsa_jcs_2022(tampered);
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("cryptosuite"), std::string::npos);
}

TEST(DataIntegrityProofSet, TwoIssuersBothVerify) {
  json credential = {{"@context", json::array({"https://www.w3.org/ns/credentials/v2"})},
                     {"type", json::array({"VerifiableCredential"})},
                     {"credentialSubject", {{"id", "urn:example:footprint"}}}};
  Ed25519KeyPair first = Ed25519KeyPair::generate();
  Ed25519KeyPair second = Ed25519KeyPair::generate();
  json once = add_eddsa_jcs_2022_proof(credential, first, {}).value();
  json twice = add_eddsa_jcs_2022_proof(once, second, {}).value();
  ASSERT_TRUE(twice["proof"].is_array());
  ASSERT_EQ(twice["proof"].size(), 2u);

  auto verified = verify_eddsa_jcs_2022(twice);
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  ASSERT_EQ(verified->size(), 2u);
  EXPECT_EQ((*verified)[0].key, first.public_key());
  EXPECT_EQ((*verified)[1].key, second.public_key());
}

TEST(DataIntegrityProofSet, OneBadProofFailsTheSet) {
  json credential = {{"credentialSubject", {{"id", "urn:example:footprint"}}}};
  Ed25519KeyPair first = Ed25519KeyPair::generate();
  Ed25519KeyPair second = Ed25519KeyPair::generate();
  json twice =
      add_eddsa_jcs_2022_proof(add_eddsa_jcs_2022_proof(credential, first, {}).value(), second, {})
          .value();
  twice["proof"][1]["proofPurpose"] = "authentication";
  auto verified = verify_eddsa_jcs_2022(twice);
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("proof 1"), std::string::npos);
}

TEST(DataIntegrity, MissingProofFails) {
  auto verified = verify_eddsa_jcs_2022(json{{"id", "x"}});
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("\"proof\""), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::crypto
