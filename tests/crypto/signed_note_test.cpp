#include "crypto/signed_note.hpp"

#include <gtest/gtest.h>

#include "support/shared_data.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

NoteSigner make_signer(const std::string& name) {
  return NoteSigner{name, Ed25519KeyPair::generate()};
}

TEST(SignedNoteVectors, PublishedExampleVerifies) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/signed-note");
  std::string note = util::read_file(folder / "signed-note-example.note").value();
  std::string vkey = trimmed(util::read_file(folder / "signed-note-example.vkey").value());

  auto verifier = NoteVerifierKey::parse(vkey);
  ASSERT_TRUE(verifier.ok()) << verifier.error().message();
  EXPECT_EQ(verifier->name, "example.com/foo");
  EXPECT_EQ(verifier->key_id, 0x530d903au);
  EXPECT_EQ(verifier->to_string(), vkey);

  auto verified = verify_note(note, {*verifier});
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->text, "This is an example message.\n");
  ASSERT_EQ(verified->verified.size(), 1u);
  EXPECT_EQ(verified->verified[0].name, "example.com/foo");
}

TEST(SignedNoteVectors, FlippedBitInPublishedTextFails) {
  TRUSTPCF_REQUIRE_SHARED(folder, "vectors/signed-note");
  std::string note = util::read_file(folder / "signed-note-example.note").value();
  std::string vkey = trimmed(util::read_file(folder / "signed-note-example.vkey").value());
  note[0] ^= 0x01;
  auto verified = verify_note(note, {NoteVerifierKey::parse(vkey).value()});
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(verified.error().message().find("example.com/foo"), std::string::npos);
}

TEST(SignedNote, SignWithTwoKeysVerifiesEach) {
  NoteSigner log = make_signer("example.com/log");
  NoteSigner witness = make_signer("witness.example/w1");
  auto note = sign_note("checkpoint body\n42\n", {&log, &witness});
  ASSERT_TRUE(note.ok()) << note.error().message();

  auto both = verify_note(*note, {log.verifier(), witness.verifier()});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->verified.size(), 2u);

  auto only_witness = verify_note(*note, {witness.verifier()});
  ASSERT_TRUE(only_witness.ok());
  ASSERT_EQ(only_witness->verified.size(), 1u);
  EXPECT_EQ(only_witness->verified[0].name, "witness.example/w1");
  EXPECT_EQ(only_witness->unknown_signatures, 1u);
}

TEST(SignedNote, UnknownKeySharingNameIsIgnored) {
  NoteSigner trusted = make_signer("example.com/log");
  NoteSigner impostor = make_signer("example.com/log");  // same name, other key ID
  auto note = sign_note("body\n", {&impostor, &trusted});
  ASSERT_TRUE(note.ok());
  auto verified = verify_note(*note, {trusted.verifier()});
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->unknown_signatures, 1u);
}

TEST(SignedNote, OnlyUnknownKeysFails) {
  NoteSigner signer = make_signer("example.com/log");
  NoteSigner other = make_signer("example.com/other");
  auto note = sign_note("body\n", {&signer});
  ASSERT_TRUE(note.ok());
  auto verified = verify_note(*note, {other.verifier()});
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("no signature from a trusted key"), std::string::npos);
}

TEST(SignedNote, FlippedBitInSignatureFails) {
  NoteSigner signer = make_signer("example.com/log");
  SignedNote note{"body\n", {}};
  add_note_signature(note, signer);
  note.signatures[0].signature[3] ^= 0x20;
  auto verified = verify_note(note.to_string(), {signer.verifier()});
  ASSERT_FALSE(verified.ok());
  EXPECT_NE(verified.error().message().find("does not verify"), std::string::npos);
}

TEST(SignedNote, FlippedBitInKeyFails) {
  NoteSigner signer = make_signer("example.com/log");
  auto note = sign_note("body\n", {&signer});
  ASSERT_TRUE(note.ok());
  NoteSigner other = make_signer("example.com/log");
  NoteVerifierKey wrong = signer.verifier();
  wrong.key = other.key.public_key();  // same name and key ID, other key
  auto verified = verify_note(*note, {wrong});
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().code(), util::ErrorCode::kVerification);
}

TEST(ParseSignedNote, RejectsMalformedNotes) {
  EXPECT_FALSE(parse_signed_note("no blank line\n\xE2\x80\x94 a AAAAAAA=\n").ok());
  EXPECT_FALSE(parse_signed_note("text\n\nnot a signature line\n").ok());
  EXPECT_FALSE(parse_signed_note("text\n\n\xE2\x80\x94 a !!!\n").ok());
  EXPECT_FALSE(parse_signed_note("te\x01xt\n\n\xE2\x80\x94 a AAAAAAA=\n").ok());
  EXPECT_FALSE(parse_signed_note("text\n\n\xE2\x80\x94 a AAAAAAA=").ok());  // no final newline
  EXPECT_FALSE(parse_signed_note("text\n\n\xE2\x80\x94 a AAAA\n").ok());    // key ID only
  EXPECT_FALSE(parse_signed_note("t\xFF\n\n\xE2\x80\x94 a AAAAAAA=\n").ok());
}

TEST(ParseSignedNote, RejectsTooManySignatures) {
  std::string note = "text\n\n";
  for (std::size_t i = 0; i <= kMaxNoteSignatures; ++i) note += "\xE2\x80\x94 a AAAAAAA=\n";
  auto parsed = parse_signed_note(note);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message().find("more than"), std::string::npos);
}

TEST(SignNote, RejectsTextWithoutFinalNewline) {
  NoteSigner signer = make_signer("example.com/log");
  EXPECT_FALSE(sign_note("body", {&signer}).ok());
}

TEST(NoteKeyName, RejectsPlusAndSpaces) {
  EXPECT_FALSE(validate_note_key_name("").ok());
  EXPECT_FALSE(validate_note_key_name("a+b").ok());
  EXPECT_FALSE(validate_note_key_name("a b").ok());
  EXPECT_FALSE(validate_note_key_name("a\xC2\xA0"
                                      "b")
                   .ok());  // no-break space
  EXPECT_TRUE(validate_note_key_name("example.com/log").ok());
}

TEST(NoteVerifierKey, RejectsWrongKeyId) {
  NoteSigner signer = make_signer("example.com/log");
  std::string text = signer.verifier().to_string();
  std::size_t id_at = text.find('+') + 1;
  text[id_at] = text[id_at] == '0' ? '1' : '0';
  auto parsed = NoteVerifierKey::parse(text);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.error().message().find("key ID does not match"), std::string::npos);
}

}  // namespace
}  // namespace trustpcf::crypto
