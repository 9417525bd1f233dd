// Signed notes, checkpoints and witness cosignatures.

#include <fstream>

#include <gtest/gtest.h>

#include "support/shared_data.hpp"
#include "support/temp_dir.hpp"
#include "tlog/cosignature.hpp"
#include "tlog/witness_routes.hpp"
#include "tlog/log.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog {
namespace {

namespace fs = std::filesystem;

TEST(SignedNote, PublishedExampleVerifies) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/signed-note");
  auto note_text = util::read_file(dir / "signed-note-example.note");
  auto key_text = util::read_file(dir / "signed-note-example.vkey");
  ASSERT_TRUE(note_text.ok());
  ASSERT_TRUE(key_text.ok());
  auto verifier = NoteVerifier::parse(*key_text);
  ASSERT_TRUE(verifier.ok()) << verifier.error().message();
  auto note = parse_note(*note_text);
  ASSERT_TRUE(note.ok()) << note.error().message();
  EXPECT_TRUE(verify_note_signature(*note, *verifier).ok());
  EXPECT_EQ(format_note(*note), *note_text);
}

TEST(SignedNote, PublishedExampleFailsWithChangedText) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/signed-note");
  auto note_text = util::read_file(dir / "signed-note-example.note");
  auto key_text = util::read_file(dir / "signed-note-example.vkey");
  ASSERT_TRUE(note_text.ok());
  ASSERT_TRUE(key_text.ok());
  auto note = parse_note(*note_text);
  ASSERT_TRUE(note.ok());
  note->text[0] = 't';
  auto status = verify_note_signature(*note, *NoteVerifier::parse(*key_text));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kVerification);
}

TEST(SignedNote, RejectsVerifierKeyWithWrongKeyId) {
  auto signer = NoteSigner::generate("example.test/key");
  ASSERT_TRUE(signer.ok());
  std::string text = signer->verifier_key();
  const size_t plus = text.find('+');
  text[plus + 1] = text[plus + 1] == '0' ? '1' : '0';
  EXPECT_FALSE(NoteVerifier::parse(text).ok());
}

TEST(SignedNote, PrivateKeyTextRoundTrips) {
  auto signer = NoteSigner::generate("example.test/key");
  ASSERT_TRUE(signer.ok());
  auto again = NoteSigner::from_private_key_text(signer->to_private_key_text());
  ASSERT_TRUE(again.ok()) << again.error().message();
  EXPECT_EQ(again->verifier_key(), signer->verifier_key());
}

TEST(SignedNote, RejectsNameWithSpace) {
  EXPECT_FALSE(NoteSigner::generate("bad name").ok());
}

TEST(Checkpoint, BodyRoundTrips) {
  Checkpoint checkpoint{"example.test/log", 12345, hash_leaf("x"), {"extension line"}};
  auto parsed = parse_checkpoint_body(format_checkpoint_body(checkpoint));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->origin, checkpoint.origin);
  EXPECT_EQ(parsed->size, checkpoint.size);
  EXPECT_EQ(parsed->root, checkpoint.root);
  EXPECT_EQ(parsed->extensions, checkpoint.extensions);
}

TEST(Checkpoint, RejectsSizeWithLeadingZero) {
  EXPECT_FALSE(parse_checkpoint_body("o\n012\n" + encode_base64(hash_leaf("x")) + "\n").ok());
}

TEST(Checkpoint, RejectsOriginOtherThanKeyName) {
  auto signer = NoteSigner::generate("example.test/log");
  ASSERT_TRUE(signer.ok());
  std::string note = sign_checkpoint({"example.test/other", 1, hash_leaf("x"), {}}, *signer);
  auto opened = open_checkpoint(note, *NoteVerifier::parse(signer->verifier_key()));
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), util::ErrorCode::kVerification);
}

TEST(Cosignature, VerifiesAndReturnsTimestamp) {
  auto witness = NoteSigner::generate("witness.test/w1", kSignatureTypeCosignature);
  ASSERT_TRUE(witness.ok());
  const std::string body = format_checkpoint_body({"example.test/log", 3, hash_leaf("x"), {}});
  NoteSignature line = cosign_checkpoint(*witness, body, 1679315147);
  auto verifier = NoteVerifier::parse(witness->verifier_key());
  ASSERT_TRUE(verifier.ok());
  auto timestamp = verify_cosignature(*verifier, body, line);
  ASSERT_TRUE(timestamp.ok()) << timestamp.error().message();
  EXPECT_EQ(*timestamp, 1679315147u);
}

TEST(Cosignature, RejectsChangedTimestamp) {
  auto witness = NoteSigner::generate("witness.test/w1", kSignatureTypeCosignature);
  const std::string body = format_checkpoint_body({"example.test/log", 3, hash_leaf("x"), {}});
  NoteSignature line = cosign_checkpoint(*witness, body, 1679315147);
  line.signature[7] = static_cast<char>(line.signature[7] ^ 1);
  EXPECT_FALSE(verify_cosignature(*NoteVerifier::parse(witness->verifier_key()), body, line).ok());
}

TEST(Cosignature, KeyIdDependsOnSignatureType) {
  auto witness = NoteSigner::generate("witness.test/w1", kSignatureTypeCosignature);
  auto same_seed = NoteSigner::from_private_key_text(witness->to_private_key_text());
  ASSERT_TRUE(same_seed.ok());
  std::array<uint8_t, 32> key = NoteVerifier::parse(witness->verifier_key())->public_key();
  EXPECT_EQ(witness->key_id(), compute_key_id("witness.test/w1", kSignatureTypeCosignature, key));
  EXPECT_NE(witness->key_id(), compute_key_id("witness.test/w1", kSignatureTypeEd25519, key));
}

// A log, three witnesses and helpers to move checkpoints between them.
class WitnessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto key = load_or_create_log_key(dir_.path() / "log", "example.test/log");
    ASSERT_TRUE(key.ok());
    auto log = Log::open(dir_.path() / "log", *key);
    ASSERT_TRUE(log.ok());
    log_ = std::move(*log);
    log_key_ = *NoteVerifier::parse(log_->key().verifier_key());
    for (int i = 0; i < 3; ++i) {
      auto signer = NoteSigner::generate("witness.test/w" + std::to_string(i),
                                         kSignatureTypeCosignature);
      ASSERT_TRUE(signer.ok());
      verifiers_.push_back(*NoteVerifier::parse(signer->verifier_key()));
      auto witness = Witness::open(dir_.path() / ("witness" + std::to_string(i)), *signer);
      ASSERT_TRUE(witness.ok());
      witnesses_.push_back(std::move(*witness));
    }
  }

  void append(int count) {
    std::vector<std::future<util::Result<uint64_t>>> pending;
    for (int i = 0; i < count; ++i) pending.push_back(log_->append_async("entry"));
    for (auto& future : pending) ASSERT_TRUE(future.get().ok());
  }

  util::Result<NoteSignature> submit(Witness& witness, uint64_t old_size) {
    SignedCheckpoint checkpoint = log_->checkpoint();
    auto proof = log_->prove_consistency(old_size, checkpoint.checkpoint.size);
    if (!proof.ok()) return proof.error();
    return witness.add_checkpoint(log_key_, old_size, proof->hashes, checkpoint.note, 1700000000);
  }

  testing::TempDir dir_;
  std::unique_ptr<Log> log_;
  NoteVerifier log_key_;
  std::vector<NoteVerifier> verifiers_;
  std::vector<std::unique_ptr<Witness>> witnesses_;
};

TEST_F(WitnessTest, CosignsConsistentGrowth) {
  append(5);
  ASSERT_TRUE(submit(*witnesses_[0], 0).ok());
  append(300);
  auto line = submit(*witnesses_[0], 5);
  ASSERT_TRUE(line.ok()) << line.error().message();
  auto latest = witnesses_[0]->latest("example.test/log");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->size, 305u);
}

TEST_F(WitnessTest, RejectsStaleOldSize) {
  append(5);
  ASSERT_TRUE(submit(*witnesses_[0], 0).ok());
  append(2);
  auto line = submit(*witnesses_[0], 0);
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().code(), util::ErrorCode::kInvalidInput);
  EXPECT_NE(line.error().message().find("last saw size 5"), std::string::npos);
}

TEST_F(WitnessTest, RejectsForkedLogWithSameKey) {
  append(5);
  ASSERT_TRUE(submit(*witnesses_[0], 0).ok());

  // A second log under the same key whose first entries differ: a split view.
  auto fork = Log::open(dir_.path() / "fork", log_->key());
  ASSERT_TRUE(fork.ok());
  std::vector<std::future<util::Result<uint64_t>>> pending;
  for (int i = 0; i < 9; ++i) pending.push_back((*fork)->append_async("other entry"));
  for (auto& future : pending) ASSERT_TRUE(future.get().ok());
  auto proof = (*fork)->prove_consistency(5, 9);
  ASSERT_TRUE(proof.ok());
  auto line = witnesses_[0]->add_checkpoint(log_key_, 5, proof->hashes, (*fork)->checkpoint().note,
                                            1700000000);
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().code(), util::ErrorCode::kVerification);
}

TEST_F(WitnessTest, PolicyNeedsQuorumOfDistinctWitnesses) {
  append(4);
  std::vector<NoteSignature> lines;
  for (int i = 0; i < 2; ++i) {
    auto line = submit(*witnesses_[i], 0);
    ASSERT_TRUE(line.ok()) << line.error().message();
    lines.push_back(*line);
  }
  lines.push_back(lines[0]);  // a repeated line counts once
  auto cosigned = add_note_signatures(log_->checkpoint().note, lines);
  ASSERT_TRUE(cosigned.ok());

  WitnessPolicy two_of_three{verifiers_, 2};
  EXPECT_TRUE(open_witnessed_checkpoint(*cosigned, log_key_, two_of_three).ok());
  WitnessPolicy three_of_three{verifiers_, 3};
  auto rejected = open_witnessed_checkpoint(*cosigned, log_key_, three_of_three);
  ASSERT_FALSE(rejected.ok());
  EXPECT_NE(rejected.error().message().find("from 2 of the 3"), std::string::npos)
      << rejected.error().message();
}

}  // namespace
}  // namespace trustpcf::tlog

namespace trustpcf::tlog {
namespace {

// The witness HTTP route against a real log and witness.
class WitnessRoutesTest : public WitnessTest {
 protected:
  std::string request_body(uint64_t old_size) {
    SignedCheckpoint checkpoint = log_->checkpoint();
    std::string body = "old " + std::to_string(old_size) + "\n";
    auto proof = log_->prove_consistency(old_size, checkpoint.checkpoint.size);
    EXPECT_TRUE(proof.ok());
    for (const Hash& hash : proof->hashes) body += encode_base64(hash) + "\n";
    return body + "\n" + checkpoint.note;
  }
};

TEST_F(WitnessRoutesTest, ReturnsVerifiableCosignature) {
  WitnessHttpRoutes routes(*witnesses_[0], {log_key_}, [] { return uint64_t{1700000000}; });
  append(6);
  HttpResponse response = routes.handle("POST", "/add-checkpoint", request_body(0));
  ASSERT_EQ(response.status, 200) << response.body;
  auto cosigned = parse_note(log_->checkpoint().note + response.body);
  ASSERT_TRUE(cosigned.ok()) << cosigned.error().message();
  auto note = add_note_signatures(log_->checkpoint().note, {cosigned->signatures.back()});
  ASSERT_TRUE(note.ok());
  EXPECT_TRUE(open_witnessed_checkpoint(*note, log_key_, {{verifiers_[0]}, 1}).ok());
}

TEST_F(WitnessRoutesTest, StaleOldSizeIs409WithRecordedSize) {
  WitnessHttpRoutes routes(*witnesses_[0], {log_key_}, [] { return uint64_t{1700000000}; });
  append(6);
  ASSERT_EQ(routes.handle("POST", "/add-checkpoint", request_body(0)).status, 200);
  append(3);
  HttpResponse response = routes.handle("POST", "/add-checkpoint", request_body(0));
  EXPECT_EQ(response.status, 409);
  EXPECT_EQ(response.body, "6\n");
  EXPECT_EQ(response.content_type, "text/x.tlog.size");
  EXPECT_EQ(routes.handle("POST", "/add-checkpoint", request_body(6)).status, 200);
}

TEST_F(WitnessRoutesTest, UnknownLogIs404) {
  WitnessHttpRoutes routes(*witnesses_[0], {}, [] { return uint64_t{1700000000}; });
  append(1);
  EXPECT_EQ(routes.handle("POST", "/add-checkpoint", request_body(0)).status, 404);
}

TEST_F(WitnessRoutesTest, ForkAtSameSizeIs409) {
  WitnessHttpRoutes routes(*witnesses_[0], {log_key_}, [] { return uint64_t{1700000000}; });
  append(4);
  ASSERT_EQ(routes.handle("POST", "/add-checkpoint", request_body(0)).status, 200);

  // A second log under the same key with 4 other entries: same size, other root.
  auto fork = Log::open(dir_.path() / "fork", log_->key());
  ASSERT_TRUE(fork.ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE((*fork)->append("forked entry").ok());
  HttpResponse response =
      routes.handle("POST", "/add-checkpoint", "old 4\n\n" + (*fork)->checkpoint().note);
  EXPECT_EQ(response.status, 409) << response.body;
  EXPECT_NE(response.body.find("forked"), std::string::npos) << response.body;
  EXPECT_NE(response.content_type, "text/x.tlog.size");
  auto latest = witnesses_[0]->latest("example.test/log");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->root, log_->checkpoint().checkpoint.root);
}

TEST_F(WitnessRoutesTest, OldSizeAboveCheckpointIs400) {
  WitnessHttpRoutes routes(*witnesses_[0], {log_key_}, [] { return uint64_t{1700000000}; });
  append(2);
  HttpResponse response =
      routes.handle("POST", "/add-checkpoint", "old 3\n\n" + log_->checkpoint().note);
  EXPECT_EQ(response.status, 400) << response.body;
}

TEST_F(WitnessRoutesTest, MalformedBodyIs400) {
  WitnessHttpRoutes routes(*witnesses_[0], {log_key_}, [] { return uint64_t{1700000000}; });
  EXPECT_EQ(routes.handle("POST", "/add-checkpoint", "old x\n\n").status, 400);
  EXPECT_EQ(routes.handle("POST", "/add-checkpoint", "old 0\nnot base64\n\n").status, 400);
}

}  // namespace
}  // namespace trustpcf::tlog
