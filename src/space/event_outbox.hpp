#pragma once

// The persistent outbox of events this node sends to partners (responses to
// RequestCreatedEvents). Entries live in the store, so delivery survives a
// restart. Failed deliveries are retried with exponential backoff and given
// up after the specification's limit of 72 hours.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace trustpcf::space {

// PACT v3: a host system should stop retrying a response event after 3 days.
inline constexpr std::chrono::hours kOutboxGiveUpAfter{72};
// Retries never wait longer than this between attempts.
inline constexpr std::chrono::milliseconds kOutboxMaxBackoff{std::chrono::hours(1)};

struct OutboxOptions {
  std::chrono::milliseconds initial_backoff{1000};  // delay before the first retry
  std::chrono::milliseconds max_backoff = kOutboxMaxBackoff;
  std::chrono::milliseconds give_up_after = kOutboxGiveUpAfter;
  std::filesystem::path ca_file;  // trusted certificates for partners; empty: system store
};

struct OutboxEntry {
  std::int64_t id = 0;
  std::string event_id;
  std::string partner_id;
  std::string destination;  // the partner's /3/events URL
  nlohmann::json event;
  std::string state;        // "pending", "delivered", "abandoned"
  int attempts = 0;
  std::int64_t next_attempt_ms = 0;
  std::int64_t created_ms = 0;
  std::string last_error;
};

// Queues `event` for `partner_id` at `destination`. An event id already
// queued is ignored, so that a repeated request gets one response.
util::Status enqueue_event(store::Database& db, const std::string& partner_id, const std::string& destination,
                           const nlohmann::json& event);

// Lists outbox entries in queue order.
util::Result<std::vector<OutboxEntry>> list_outbox(store::Database& db);

class EventOutbox {
 public:
  // Opens its own store connection. Errors: kStorage.
  static util::Result<std::unique_ptr<EventOutbox>> open(const std::filesystem::path& store_path,
                                                         OutboxOptions options);
  ~EventOutbox();  // stops the worker

  // Starts the background worker that delivers due entries.
  void start();
  // Asks the worker to look for due entries now.
  void wake();
  // Stops the worker after its current delivery.
  void stop();

  // Attempts every due entry once on the calling thread. Returns how many
  // were delivered.
  util::Result<int> deliver_due();

 private:
  EventOutbox(std::unique_ptr<store::Database> db, OutboxOptions options);
  void run();

  std::unique_ptr<store::Database> db_;
  OutboxOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread worker_;
};

}  // namespace trustpcf::space
