// Tests of the node's limits: body size, content types, malformed JSON and
// slow clients, each getting the PACT error body and leaving the store
// unchanged.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    partner_ = space::add_partner(node_.db(), "partner", "https://127.0.0.1:1").value();
    node_.options().max_body_bytes = 4096;
    node_.options().read_timeout = std::chrono::seconds(1);
    node_.start();
    token_ = node_.token(partner_);
    ASSERT_FALSE(token_.empty());
  }

  int stored_events() {
    auto query = node_.db().prepare("SELECT count(*) FROM space_received_events").value();
    return query.step().value() ? static_cast<int>(query.column_int(0)) : -1;
  }

  TestNode node_{"owner"};
  space::NewPartner partner_;
  std::string token_;
};

TEST_F(LimitsTest, BodyOverLimitIs400) {
  auto http = node_.client();
  http->set_bearer_token_auth(token_);
  std::string body = R"({"padding": ")" + std::string(8192, 'x') + R"("})";
  auto response = http->Post("/3/events", body, "application/cloudevents+json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(nlohmann::json::parse(response->body)["code"], "BadRequest");
  EXPECT_EQ(stored_events(), 0);
}

TEST_F(LimitsTest, TokenRequestWithJsonBodyIsInvalidRequest) {
  auto http = node_.client();
  http->set_basic_auth(partner_.partner.client_id, partner_.client_secret);
  auto response = http->Post("/auth/token", R"({"grant_type": "client_credentials"})", "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(nlohmann::json::parse(response->body)["error"], "invalid_request");
}

TEST_F(LimitsTest, WrongMethodHasErrorBody) {
  auto http = node_.client();
  http->set_bearer_token_auth(token_);
  auto response = http->Delete("/3/footprints");
  ASSERT_TRUE(response);
  EXPECT_GE(response->status, 400);
  EXPECT_TRUE(nlohmann::json::parse(response->body, nullptr, false).contains("code"));
}

TEST_F(LimitsTest, SilentClientIsDisconnected) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(node_.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  // Send nothing; the node must close the connection after its read timeout
  // (1 s here), well before this test's own 10 s receive timeout.
  timeval wait{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  auto started = std::chrono::steady_clock::now();
  char byte = 0;
  ssize_t received = ::recv(fd, &byte, 1, 0);
  auto waited = std::chrono::steady_clock::now() - started;
  ::close(fd);
  EXPECT_LE(received, 0);
  EXPECT_LT(waited, std::chrono::seconds(8));
}

}  // namespace
}  // namespace trustpcf::testing
