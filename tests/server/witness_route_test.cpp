// Two nodes on loopback: one serves its log, the other witnesses it through
// POST /witness/add-checkpoint (C2SP tlog-witness).

#include <gtest/gtest.h>

#include "server/node_state.hpp"
#include "server/witness_client.hpp"
#include "test_node.hpp"
#include "tlog/cosignature.hpp"
#include "tlog/cosignature_store.hpp"
#include "tlog/log_access.hpp"
#include "tlog/origin.hpp"
#include "tlog/witness_store.hpp"

namespace trustpcf {
namespace {

using testing::TestNode;

class WitnessRoute : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_.start();
    log_key_ = tlog::NoteVerifier::parse(owner_log().key().verifier_key()).value();
    auto key = tlog::load_or_create_witness_key(witness_.home() / "witness", "witness.test/w1");
    ASSERT_TRUE(key.ok()) << key.error().message();
    witness_key_ = tlog::NoteVerifier::parse(key->verifier_key()).value();
    ASSERT_TRUE(tlog::add_witnessed_log(witness_.home() / "witness", log_key_).ok());
    witness_.start();
  }

  tlog::Log& owner_log() { return *owner_.server().state().log; }

  void append(int count) {
    for (int i = 0; i < count; ++i) ASSERT_TRUE(owner_log().append("entry " + std::to_string(i)).ok());
  }

  server::WitnessTarget target() const {
    return {witness_.url() + "/witness", witness_.certificate(), witness_key_};
  }

  TestNode owner_{"owner"};
  TestNode witness_{"witness"};
  tlog::NoteVerifier log_key_;
  tlog::NoteVerifier witness_key_;
};

TEST_F(WitnessRoute, CosignatureVerifiesWithWitnessKey) {
  append(3);
  tlog::LocalLogAccess access(owner_log());
  const tlog::SignedCheckpoint checkpoint = owner_log().checkpoint();
  auto cosigned = server::request_cosignature(access, checkpoint, target());
  ASSERT_TRUE(cosigned.ok()) << cosigned.error().message();

  auto note = tlog::add_note_signatures(checkpoint.note, cosigned->lines);
  ASSERT_TRUE(note.ok());
  auto opened = tlog::open_witnessed_checkpoint(*note, log_key_, {{witness_key_}, 1});
  EXPECT_TRUE(opened.ok()) << opened.error().message();
}

TEST_F(WitnessRoute, GrowthIsCosignedAfterSizeConflict) {
  append(3);
  tlog::LocalLogAccess access(owner_log());
  ASSERT_TRUE(server::request_cosignature(access, owner_log().checkpoint(), target()).ok());
  append(300);
  // The client starts from old size 0, gets 409 with size 3, then sends a proof from 3.
  auto cosigned = server::request_cosignature(access, owner_log().checkpoint(), target());
  ASSERT_TRUE(cosigned.ok()) << cosigned.error().message();
  EXPECT_EQ(cosigned->old_size, 3u);
}

TEST_F(WitnessRoute, ForkedLogIsRejectedWith409) {
  append(4);
  tlog::LocalLogAccess access(owner_log());
  ASSERT_TRUE(server::request_cosignature(access, owner_log().checkpoint(), target()).ok());

  // The same log key signs a second tree of the same size with other entries.
  testing::TempDir fork_dir;
  auto fork = tlog::Log::open(fork_dir.path(), owner_log().key());
  ASSERT_TRUE(fork.ok());
  for (int i = 0; i < 4; ++i) ASSERT_TRUE((*fork)->append("forked entry " + std::to_string(i)).ok());
  auto http = witness_.client();
  auto response = http->Post("/witness/add-checkpoint", "old 4\n\n" + (*fork)->checkpoint().note,
                             "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 409) << response->body;

  tlog::LocalLogAccess fork_access(**fork);
  auto refused = server::request_cosignature(fork_access, (*fork)->checkpoint(), target());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(refused.error().message().find("fork"), std::string::npos) << refused.error().message();
}

TEST_F(WitnessRoute, UnknownLogIs404) {
  auto other = tlog::NoteSigner::generate("other.test/log").value();
  testing::TempDir other_dir;
  auto log = tlog::Log::open(other_dir.path(), other);
  ASSERT_TRUE(log.ok());
  ASSERT_TRUE((*log)->append("entry").ok());
  auto response = witness_.client()->Post("/witness/add-checkpoint", "old 0\n\n" + (*log)->checkpoint().note,
                                          "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
}

TEST(WitnessRouteWithoutKey, NodeWithoutWitnessKeyIs404) {
  TestNode node("plain");
  node.start();
  auto response = node.client()->Post("/witness/add-checkpoint", "old 0\n\nx\n", "text/plain");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
}

}  // namespace
}  // namespace trustpcf

namespace trustpcf {
namespace {

TEST_F(WitnessRoute, ServedCheckpointCarriesStoredCosignature) {
  append(2);
  tlog::LocalLogAccess access(owner_log());
  const tlog::SignedCheckpoint checkpoint = owner_log().checkpoint();
  auto cosigned = server::request_cosignature(access, checkpoint, target());
  ASSERT_TRUE(cosigned.ok()) << cosigned.error().message();
  const std::string text = checkpoint.note.substr(0, checkpoint.note.find("\n\n") + 1);
  ASSERT_TRUE(tlog::store_cosignatures(owner_.home() / "log" / tlog::kCosignatureDirName, text, cosigned->lines).ok());

  auto response = owner_.client()->Get("/log/checkpoint");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  auto opened = tlog::open_witnessed_checkpoint(response->body, log_key_, {{witness_key_}, 1});
  EXPECT_TRUE(opened.ok()) << response->body;
}

}  // namespace
}  // namespace trustpcf
