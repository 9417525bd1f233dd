// End-to-end tests of POST /3/events: CloudEvents validation, and the
// asynchronous response to a RequestCreatedEvent delivered to a second node
// started by the test, including retries while that node is down and
// delivery after the sending node restarts.

#include <thread>

#include <gtest/gtest.h>

#include "space/event_outbox.hpp"
#include "test_node.hpp"

namespace trustpcf::testing {
namespace {

constexpr const char* kRequestCreated = "org.wbcsd.pact.ProductFootprint.RequestCreatedEvent.3";
constexpr const char* kPublished = "org.wbcsd.pact.ProductFootprint.PublishedEvent.3";
constexpr const char* kExample3 = "8b26f3b8-f5d9-4adf-8a11-02e05d273e58";

nlohmann::json request_event(const std::string& id, const std::string& source, const nlohmann::json& data) {
  return {{"type", kRequestCreated}, {"specversion", "1.0"}, {"id", id},
          {"source", source},        {"time", "2026-12-04T20:00:00Z"}, {"data", data}};
}

// Counts the events of `type` that `node` received, waiting up to `timeout`
// for at least `expected`.
int wait_for_received(TestNode& node, const std::string& type, int expected, std::chrono::seconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  int count = 0;
  while (true) {
    auto query = node.db().prepare("SELECT count(*) FROM space_received_events WHERE type = ?").value();
    query.bind(1, type);
    count = query.step().value() ? static_cast<int>(query.column_int(0)) : 0;
    if (count >= expected || std::chrono::steady_clock::now() > deadline) return count;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

class EventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    examples_ = shared_dir() / "pact/v3/examples";
    if (!std::filesystem::exists(examples_)) GTEST_SKIP() << "reference data " << examples_ << " is absent";
    ASSERT_TRUE(space::import_footprints(owner_.db(), {read_example(examples_, "example-1.json"),
                                                       read_example(examples_, "example-3.json")},
                                         {.own = true})
                    .ok());
    // The requester registers the owner, so that the owner can fetch a token
    // from the requester's node to deliver the response.
    owner_at_requester_ = space::add_partner(requester_.db(), "owner", "https://127.0.0.1:1").value();
    requester_.start();
  }

  // Registers the requester at the owner, grants it product example 3 and
  // starts the owner; returns the requester's token for the owner.
  std::string start_owner() {
    auto requester = space::add_partner(owner_.db(), "requester", requester_.url(),
                                        owner_at_requester_.partner.client_id, owner_at_requester_.client_secret)
                         .value();
    space::PolicyGrant grant;
    grant.partner = "requester";
    grant.scope = space::PolicyScope::kProduct;
    grant.value = "urn:gtin:5268596541023";
    grant.purpose = "PCF calculation";
    EXPECT_TRUE(space::grant_policy(owner_.db(), grant).ok());
    owner_.trust(requester_);
    owner_.start();
    requester_credentials_ = requester;
    return owner_.token(requester);
  }

  httplib::Result post(const std::string& token, const std::string& body,
                       const std::string& content_type = "application/cloudevents+json") {
    auto http = owner_.client();
    http->set_bearer_token_auth(token);
    return http->Post("/3/events", body, content_type);
  }

  int received_event_count(TestNode& node) {
    auto query = node.db().prepare("SELECT count(*) FROM space_received_events").value();
    return query.step().value() ? static_cast<int>(query.column_int(0)) : -1;
  }

  std::filesystem::path examples_;
  TestNode owner_{"owner"};
  TestNode requester_{"requester"};
  space::NewPartner owner_at_requester_;
  space::NewPartner requester_credentials_;
};

TEST_F(EventsTest, RequestIsFulfilledAtRequesterNode) {
  std::string token = start_owner();
  auto data = nlohmann::json{{"productId", {"urn:gtin:5268596541023"}}};
  auto response = post(token, request_event("request-1", requester_.url(), data).dump());
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;
  EXPECT_TRUE(response->body.empty());

  const std::string fulfilled = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
  ASSERT_EQ(wait_for_received(requester_, fulfilled, 1, std::chrono::seconds(20)), 1);
  auto query = requester_.db().prepare("SELECT body FROM space_received_events WHERE type = ?").value();
  query.bind(1, fulfilled);
  ASSERT_TRUE(query.step().value());
  auto event = nlohmann::json::parse(query.column_text(0));
  EXPECT_EQ(event["data"]["requestEventId"], "request-1");
  ASSERT_EQ(event["data"]["pfs"].size(), 1u);
  EXPECT_EQ(event["data"]["pfs"][0]["id"], kExample3);

  TempDir work;
  auto [status, output] = validate_against_openapi({event.dump()}, work.path());
  if (status == kSchemaCheckSkipped) GTEST_SKIP() << output;
  EXPECT_EQ(status, 0) << output;
}

TEST_F(EventsTest, ResponseWithholdsFootprintWithoutTerms) {
  // Example 4 (same product as example 3) came from another company without
  // usage terms, so the owner may not pass it on.
  ASSERT_TRUE(space::import_footprints(owner_.db(), {read_example(examples_, "example-4.json")}).ok());
  std::string token = start_owner();
  auto data = nlohmann::json{{"productId", {"urn:gtin:5268596541023"}}};
  auto response = post(token, request_event("request-4", requester_.url(), data).dump());
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;

  const std::string fulfilled = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
  ASSERT_EQ(wait_for_received(requester_, fulfilled, 1, std::chrono::seconds(20)), 1);
  auto query = requester_.db().prepare("SELECT body FROM space_received_events WHERE type = ?").value();
  query.bind(1, fulfilled);
  ASSERT_TRUE(query.step().value());
  auto event = nlohmann::json::parse(query.column_text(0));
  ASSERT_EQ(event["data"]["pfs"].size(), 1u);
  EXPECT_EQ(event["data"]["pfs"][0]["id"], kExample3);
  EXPECT_EQ(event["data"]["pfs"][0]["extensions"].size(), 1u) << "the usage terms travel with the footprint";
}

TEST_F(EventsTest, RequestWithoutMatchIsRejectedAtRequesterNode) {
  std::string token = start_owner();
  // Example 1 exists but no policy covers it, so the response must not reveal it.
  auto data = nlohmann::json{{"productId", {"urn:gtin:5695872369587"}}};
  auto response = post(token, request_event("request-2", "//127.0.0.1:" + std::to_string(requester_.port()) + "/3/events", data).dump());
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200) << response->body;

  const std::string rejected = "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3";
  ASSERT_EQ(wait_for_received(requester_, rejected, 1, std::chrono::seconds(20)), 1);
  auto query = requester_.db().prepare("SELECT body FROM space_received_events WHERE type = ?").value();
  query.bind(1, rejected);
  ASSERT_TRUE(query.step().value());
  auto event = nlohmann::json::parse(query.column_text(0));
  EXPECT_EQ(event["data"]["error"]["code"], "NotFound");
}

TEST_F(EventsTest, RetriesSurviveDownRequesterAndRestart) {
  std::string token = start_owner();
  const int requester_port = requester_.port();
  requester_.stop();

  auto data = nlohmann::json{{"productId", {"urn:gtin:5268596541023"}}};
  auto response = post(token, request_event("request-3", requester_.url(), data).dump());
  ASSERT_TRUE(response);
  ASSERT_EQ(response->status, 200);

  // Wait for at least two failed attempts (backoff 100 ms, then 200 ms).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  int attempts = 0;
  while (attempts < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    auto entries = space::list_outbox(owner_.db()).value();
    attempts = entries.empty() ? 0 : entries[0].attempts;
  }
  ASSERT_GE(attempts, 2);
  auto entries = space::list_outbox(owner_.db()).value();
  EXPECT_EQ(entries[0].state, "pending");
  EXPECT_FALSE(entries[0].last_error.empty());

  // The owner restarts with the entry still queued, then the requester is back.
  owner_.stop();
  requester_.start(requester_port);
  owner_.start();

  const std::string fulfilled = "org.wbcsd.pact.ProductFootprint.RequestFulfilledEvent.3";
  ASSERT_EQ(wait_for_received(requester_, fulfilled, 1, std::chrono::seconds(30)), 1);
  // The requester stores the event before the owner records the delivery.
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    entries = space::list_outbox(owner_.db()).value();
  } while (entries.size() == 1 && entries[0].state != "delivered" && std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].state, "delivered");
  EXPECT_GT(entries[0].attempts, 2);
}

TEST_F(EventsTest, RepeatedRequestIsAnsweredOnce) {
  std::string token = start_owner();
  auto body = request_event("request-4", requester_.url(), {{"productId", {"urn:gtin:5268596541023"}}}).dump();
  ASSERT_EQ(post(token, body)->status, 200);
  ASSERT_EQ(post(token, body)->status, 200);
  EXPECT_EQ(space::list_outbox(owner_.db()).value().size(), 1u);
}

TEST_F(EventsTest, SourceOfAnotherNodeIs400) {
  std::string token = start_owner();
  auto response = post(token, request_event("request-5", "https://127.0.0.1:1/3/events", {{"productId", {"urn:x:y"}}}).dump());
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(nlohmann::json::parse(response->body)["code"], "BadRequest");
  EXPECT_TRUE(space::list_outbox(owner_.db()).value().empty());
}

TEST_F(EventsTest, PublishedEventIsAccepted) {
  std::string token = start_owner();
  nlohmann::json event = {{"type", kPublished}, {"specversion", "1.0"}, {"id", "published-1"},
                          {"source", requester_.url()}, {"time", "2026-12-04T20:00:00Z"},
                          {"data", {{"pfIds", {kExample3}}}}};
  auto response = post(token, event.dump(), "application/json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(received_event_count(owner_), 1);
}

TEST_F(EventsTest, InvalidEventsAre400AndStoreNothing) {
  std::string token = start_owner();
  nlohmann::json valid = request_event("bad", requester_.url(), {{"productId", {"urn:x:y"}}});
  std::vector<std::pair<std::string, std::string>> cases;  // body, content type
  cases.emplace_back("{not json", "application/cloudevents+json");
  cases.emplace_back(valid.dump(), "text/plain");
  cases.emplace_back("[1, 2]", "application/cloudevents+json");
  for (const char* attribute : {"specversion", "id", "source", "type", "time", "data"}) {
    nlohmann::json missing = valid;
    missing.erase(attribute);
    cases.emplace_back(missing.dump(), "application/cloudevents+json");
  }
  nlohmann::json wrong_version = valid;
  wrong_version["specversion"] = "0.3";
  cases.emplace_back(wrong_version.dump(), "application/cloudevents+json");
  nlohmann::json unknown_type = valid;
  unknown_type["type"] = "org.example.Unknown";
  cases.emplace_back(unknown_type.dump(), "application/cloudevents+json");
  nlohmann::json bad_filter = valid;
  bad_filter["data"] = {{"status", "Pending"}};
  cases.emplace_back(bad_filter.dump(), "application/cloudevents+json");
  nlohmann::json bad_published = valid;
  bad_published["type"] = kPublished;
  bad_published["data"] = {{"pfIds", {"not-a-uuid"}}};
  cases.emplace_back(bad_published.dump(), "application/cloudevents+json");

  for (const auto& [body, content_type] : cases) {
    auto response = post(token, body, content_type);
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 400) << body;
    auto error = nlohmann::json::parse(response->body, nullptr, false);
    EXPECT_EQ(error.value("code", ""), "BadRequest") << body;
  }
  EXPECT_EQ(received_event_count(owner_), 0);
  EXPECT_TRUE(space::list_outbox(owner_.db()).value().empty());
}

TEST_F(EventsTest, EventWithoutTokenIs401) {
  start_owner();
  auto response = post("", request_event("x", requester_.url(), nlohmann::json::object()).dump());
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 401);
}

// Returns a loopback port that this test bound and released, so that nothing
// listens there while the outbox tries to deliver.
int released_loopback_port() {
  httplib::Server server;
  int port = server.bind_to_any_port("127.0.0.1");
  server.stop();
  return port;
}

TEST(EventOutboxTest, GivesUpAfterLimit) {
  TempDir dir;
  auto db = store::Database::open(dir.path() / "store.sqlite").value();
  const std::string url = "https://127.0.0.1:" + std::to_string(released_loopback_port());
  auto partner = space::add_partner(*db, "gone", url, "id", "secret").value();
  nlohmann::json event = {{"id", "answer-1"}, {"type", "org.wbcsd.pact.ProductFootprint.RequestRejectedEvent.3"}};
  ASSERT_TRUE(space::enqueue_event(*db, partner.partner.id, url + "/3/events", event).ok());
  space::OutboxOptions options;
  options.give_up_after = std::chrono::milliseconds(0);
  auto outbox = space::EventOutbox::open(dir.path() / "store.sqlite", options).value();
  ASSERT_EQ(outbox->deliver_due().value(), 0);
  auto entries = space::list_outbox(*db).value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].state, "abandoned");
  EXPECT_EQ(entries[0].attempts, 1);
}

TEST(EventOutboxTest, BackoffDoublesPerAttempt) {
  TempDir dir;
  auto db = store::Database::open(dir.path() / "store.sqlite").value();
  const std::string url = "https://127.0.0.1:" + std::to_string(released_loopback_port());
  auto partner = space::add_partner(*db, "gone", url, "id", "secret").value();
  ASSERT_TRUE(space::enqueue_event(*db, partner.partner.id, url + "/3/events", {{"id", "answer-2"}}).ok());
  space::OutboxOptions options;
  options.initial_backoff = std::chrono::milliseconds(1);
  auto outbox = space::EventOutbox::open(dir.path() / "store.sqlite", options).value();
  auto now_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  for (int attempt = 1; attempt <= 4; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    // The retry is scheduled from the end of the failed attempt, which lies
    // between these two readings however slow the machine is.
    const std::int64_t before = now_ms();
    ASSERT_TRUE(outbox->deliver_due().ok());
    const std::int64_t after = now_ms();
    auto entry = space::list_outbox(*db).value()[0];
    ASSERT_EQ(entry.attempts, attempt);
    const std::int64_t expected_delay = std::int64_t{1} << (attempt - 1);  // 1, 2, 4, 8 ms
    EXPECT_GE(entry.next_attempt_ms, before + expected_delay) << "attempt " << attempt;
    EXPECT_LE(entry.next_attempt_ms, after + expected_delay) << "attempt " << attempt;
  }
}

}  // namespace
}  // namespace trustpcf::testing
