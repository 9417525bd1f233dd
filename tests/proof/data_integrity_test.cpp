#include "proof/data_integrity.hpp"

#include <gtest/gtest.h>

#include "crypto/did_key.hpp"
#include "crypto/jcs.hpp"
#include "proof/signed_note.hpp"
#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::proof {
namespace {

nlohmann::json read_json(const std::filesystem::path& path) {
  auto text = util::read_file(path);
  EXPECT_TRUE(text.ok());
  return nlohmann::json::parse(*text);
}

TEST(DataIntegrity, ReproducesPublishedEddsaJcs2022Vector) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/vc-di-eddsa");
  nlohmann::json key_pair = read_json(dir / "keyPair.json");
  auto key = crypto::multikey_decode_secret(key_pair["privateKeyMultibase"].get<std::string>());
  ASSERT_TRUE(key.ok()) << key.error().message();
  nlohmann::json unsigned_credential = read_json(dir / "unsigned.json");
  nlohmann::json expected = read_json(dir / "eddsa-jcs-2022/signedJCS.json");

  nlohmann::json signed_credential =
      add_data_integrity_proof(unsigned_credential, *key, "2023-02-24T23:36:38Z");
  EXPECT_EQ(signed_credential["proof"]["proofValue"], expected["proof"]["proofValue"]);
  EXPECT_EQ(crypto::canonicalize(signed_credential), crypto::canonicalize(expected));
}

TEST(DataIntegrity, PublishedSignedCredentialVerifies) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/vc-di-eddsa/eddsa-jcs-2022/signedJCS.json");
  auto signer = verify_data_integrity_proof(read_json(dir));
  ASSERT_TRUE(signer.ok()) << signer.error().message();
  EXPECT_EQ(*signer, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
}

TEST(DataIntegrity, ChangedClaimFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/vc-di-eddsa/eddsa-jcs-2022/signedJCS.json");
  nlohmann::json document = read_json(dir);
  document["credentialSubject"]["alumniOf"] = "The School of Exemples";
  auto signer = verify_data_integrity_proof(document);
  ASSERT_FALSE(signer.ok());
  EXPECT_NE(signer.error().message().find("does not verify"), std::string::npos);
}

TEST(DataIntegrity, ChangedProofCreatedFails) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/vc-di-eddsa/eddsa-jcs-2022/signedJCS.json");
  nlohmann::json document = read_json(dir);
  document["proof"]["created"] = "2023-02-24T23:36:39Z";
  EXPECT_FALSE(verify_data_integrity_proof(document).ok());
}

TEST(SignedNote, PublishedExampleVerifies) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/signed-note");
  auto vkey_text = util::read_file(dir / "signed-note-example.vkey");
  auto note = util::read_file(dir / "signed-note-example.note");
  ASSERT_TRUE(vkey_text.ok() && note.ok());
  std::string vkey = *vkey_text;
  while (!vkey.empty() && (vkey.back() == '\n' || vkey.back() == '\r')) vkey.pop_back();
  auto verifier = parse_note_verifier_key(vkey);
  ASSERT_TRUE(verifier.ok()) << verifier.error().message();
  auto text = open_note(*note, *verifier);
  ASSERT_TRUE(text.ok()) << text.error().message();
  EXPECT_EQ(*text, "This is an example message.\n");
}

TEST(SignedNote, SignedCheckpointRoundTrips) {
  auto key = crypto::Ed25519KeyPair::generate();
  Checkpoint checkpoint{"example.org/log", 7, std::string(32, '\x05')};
  std::string note = sign_note(format_checkpoint(checkpoint), "example.org/log", key);
  auto verifier = parse_note_verifier_key(format_note_verifier_key("example.org/log", key.public_key()));
  ASSERT_TRUE(verifier.ok());
  auto text = open_note(note, *verifier);
  ASSERT_TRUE(text.ok());
  auto parsed = parse_checkpoint(*text);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->size, 7u);
  EXPECT_EQ(parsed->root, checkpoint.root);
}

TEST(SignedNote, ChangedTreeSizeFails) {
  auto key = crypto::Ed25519KeyPair::generate();
  std::string note = sign_note("example.org/log\n7\nBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQU=\n",
                               "example.org/log", key);
  note[16] = '8';
  auto verifier = parse_note_verifier_key(format_note_verifier_key("example.org/log", key.public_key()));
  ASSERT_TRUE(verifier.ok());
  auto text = open_note(note, *verifier);
  ASSERT_FALSE(text.ok());
  EXPECT_NE(text.error().message().find("does not verify"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::proof
