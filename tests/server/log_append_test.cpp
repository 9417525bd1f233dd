// The owner's write path into the serving node's log: POST /log/add over
// real HTTPS on loopback, with and without the admin token.

#include <atomic>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "server/node_log_client.hpp"
#include "server/node_state.hpp"
#include "server/owner_access.hpp"
#include "test_node.hpp"
#include "tlog/log_access.hpp"
#include "tlog/origin.hpp"

namespace trustpcf {
namespace {

using testing::TestNode;

tlog::NoteSigner node_log_key(const TestNode& node) {
  return tlog::load_or_create_log_key(node.home() / "log", tlog::default_log_origin()).value();
}

std::unique_ptr<tlog::LogAccess> owner_client(const TestNode& node) {
  auto verifier = tlog::NoteVerifier::parse(node_log_key(node).verifier_key()).value();
  auto client = server::connect_owner_log(node.home(), "127.0.0.1", node.port(), verifier);
  EXPECT_TRUE(client.ok()) << client.error().message();
  return client.ok() ? std::move(*client) : nullptr;
}

TEST(LogAppend, OwnerAppendsOverHttpsWhileServing) {
  TestNode node("owner");
  node.start();
  auto client = owner_client(node);
  ASSERT_TRUE(client);

  auto first = client->append("{\"disclosed\":1}");
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(*first, 0u);
  auto second = client->append("{\"disclosed\":2}");
  ASSERT_TRUE(second.ok()) << second.error().message();
  EXPECT_EQ(*second, 1u);

  tlog::Log& log = *node.server().state().log;
  EXPECT_EQ(log.state().size, 2u);
  EXPECT_EQ(log.read_entry(1).value(), "{\"disclosed\":2}");
  auto checkpoint = client->checkpoint();
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.error().message();
  EXPECT_EQ(checkpoint->checkpoint.size, 2u);
}

TEST(LogAppend, OpenOwnerLogUsesRunningNode) {
  TestNode node("owner");
  node.start();
  auto access = server::open_owner_log(node.home(), node_log_key(node));
  ASSERT_TRUE(access.ok()) << access.error().message();
  EXPECT_EQ(dynamic_cast<tlog::LocalLogAccess*>(access->get()), nullptr) << "opened the held log locally";

  auto index = (*access)->append("entry");
  ASSERT_TRUE(index.ok()) << index.error().message();
  EXPECT_EQ(node.server().state().log->state().size, 1u);
  auto proof = (*access)->prove_inclusion(*index, 1);
  ASSERT_TRUE(proof.ok()) << proof.error().message();
  EXPECT_EQ(proof->root, node.server().state().log->state().root);
}

TEST(LogAppend, OpenOwnerLogOpensDirectlyWhenStopped) {
  TestNode node("owner");
  node.start();
  node.stop();
  EXPECT_FALSE(std::filesystem::exists(node.home() / server::kServeAddressFileName));
  auto access = server::open_owner_log(node.home(), node_log_key(node));
  ASSERT_TRUE(access.ok()) << access.error().message();
  EXPECT_NE(dynamic_cast<tlog::LocalLogAccess*>(access->get()), nullptr);
}

TEST(LogAppend, AdminTokenFileIsOwnerOnly) {
  TestNode node("owner");
  node.start();
  auto status = std::filesystem::status(node.home() / server::kAdminTokenFileName);
  EXPECT_EQ(status.permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST(LogAppend, MissingTokenIs401AndAppendsNothing) {
  TestNode node("owner");
  node.start();
  auto response = node.client()->Post("/log/add", "entry", "application/octet-stream");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
  EXPECT_EQ(node.server().state().log->state().size, 0u);
}

TEST(LogAppend, WrongTokenIs403AndAppendsNothing) {
  TestNode node("owner");
  node.start();
  auto http = node.client();
  http->set_bearer_token_auth("not-the-admin-token");
  auto response = http->Post("/log/add", "entry", "application/octet-stream");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  EXPECT_EQ(node.server().state().log->state().size, 0u);
}

TEST(LogAppend, OversizedEntryIs413) {
  TestNode node("owner");
  node.start();
  auto http = node.client();
  http->set_bearer_token_auth(server::read_admin_token(node.home()).value());
  auto response = http->Post("/log/add", std::string(tlog::kMaxEntrySize + 1, 'x'), "application/octet-stream");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(node.server().state().log->state().size, 0u);
}

TEST(LogAppend, ConcurrentClientsGetDistinctIndexes) {
  TestNode node("owner");
  node.start();
  constexpr int kClients = 8;
  constexpr int kAppendsEach = 10;
  std::vector<std::vector<uint64_t>> indexes(kClients);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      auto client = owner_client(node);
      for (int i = 0; client && i < kAppendsEach; ++i) {
        auto index = client->append(fmt::format("client {} entry {}", c, i));
        if (index.ok()) indexes[c].push_back(*index); else failures++;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_EQ(failures.load(), 0);
  std::set<uint64_t> all;
  for (const auto& list : indexes) all.insert(list.begin(), list.end());
  EXPECT_EQ(all.size(), size_t{kClients * kAppendsEach});
  EXPECT_EQ(node.server().state().log->state().size, uint64_t{kClients * kAppendsEach});
  // Requests that wait at the same time share a batch and its fsyncs.
  EXPECT_LT(node.server().state().log->stats().batches, uint64_t{kClients * kAppendsEach});
}

}  // namespace
}  // namespace trustpcf
