// The transparency log served by the node: public read routes under /log.

#include <gtest/gtest.h>

#include "test_node.hpp"
#include "tlog/log.hpp"
#include "tlog/origin.hpp"

namespace trustpcf {
namespace {

using testing::TestNode;

TEST(LogRoutes, CheckpointIsPublicSignedNote) {
  TestNode node("owner");
  node.start();
  auto http = node.client();
  auto response = http->Get("/log/checkpoint");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body.rfind(tlog::default_log_origin() + "\n0\n", 0), 0u) << response->body;
  EXPECT_NE(response->body.find("\n\n\xE2\x80\x94 "), std::string::npos) << response->body;
}

TEST(LogRoutes, MissingTileIsNotFound) {
  TestNode node("owner");
  node.start();
  auto response = node.client()->Get("/log/tile/0/000");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
}

TEST(LogRoutes, SecondWriterIsRefusedWhileServing) {
  TestNode node("owner");
  node.start();
  auto key = tlog::load_or_create_log_key(node.home() / "log", tlog::default_log_origin());
  ASSERT_TRUE(key.ok()) << key.error().message();
  auto second = tlog::Log::open(node.home() / "log", std::move(key).value());
  ASSERT_FALSE(second.ok()) << "a second writer opened the log while the server holds it";
  EXPECT_NE(second.error().message().find("open in another process"), std::string::npos)
      << second.error().message();
}

}  // namespace
}  // namespace trustpcf
