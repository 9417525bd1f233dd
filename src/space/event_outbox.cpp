#include "space/event_outbox.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "space/pact_client.hpp"
#include "space/partners.hpp"
#include "space/schema.hpp"

namespace trustpcf::space {

namespace {

// The worker looks for due entries at least this often.
constexpr std::chrono::milliseconds kPollInterval{1000};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

util::Status enqueue_event(store::Database& db, const std::string& partner_id, const std::string& destination,
                           const nlohmann::json& event) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto insert,
                            db.prepare("INSERT OR IGNORE INTO space_outbox(event_id, partner_id, destination, body, "
                                       "state, attempts, next_attempt_ms, created_ms) "
                                       "VALUES(?, ?, ?, ?, 'pending', 0, ?, ?)"));
  std::int64_t now = now_ms();
  insert.bind(1, event.value("id", "")).bind(2, partner_id).bind(3, destination).bind(4, event.dump());
  insert.bind(5, now).bind(6, now);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  spdlog::info("event queued event_id={} type={} partner_id={} destination={}", event.value("id", ""),
               event.value("type", ""), partner_id, destination);
  return {};
}

util::Result<std::vector<OutboxEntry>> list_outbox(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare("SELECT id, event_id, partner_id, destination, body, state, attempts, "
                                                   "next_attempt_ms, created_ms, last_error FROM space_outbox ORDER BY id"));
  std::vector<OutboxEntry> entries;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    OutboxEntry entry;
    entry.id = query.column_int(0);
    entry.event_id = query.column_text(1);
    entry.partner_id = query.column_text(2);
    entry.destination = query.column_text(3);
    entry.event = nlohmann::json::parse(query.column_text(4), nullptr, false);
    entry.state = query.column_text(5);
    entry.attempts = static_cast<int>(query.column_int(6));
    entry.next_attempt_ms = query.column_int(7);
    entry.created_ms = query.column_int(8);
    entry.last_error = query.column_text(9);
    entries.push_back(std::move(entry));
  }
  return entries;
}

util::Result<std::unique_ptr<EventOutbox>> EventOutbox::open(const std::filesystem::path& store_path,
                                                             OutboxOptions options) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto db, store::Database::open(store_path));
  TRUSTPCF_RETURN_IF_ERROR(ensure_space_schema(*db));
  return std::unique_ptr<EventOutbox>(new EventOutbox(std::move(db), std::move(options)));
}

EventOutbox::EventOutbox(std::unique_ptr<store::Database> db, OutboxOptions options)
    : db_(std::move(db)), options_(std::move(options)) {}

EventOutbox::~EventOutbox() { stop(); }

void EventOutbox::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { run(); });
  spdlog::info("event outbox started");
}

void EventOutbox::wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

void EventOutbox::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!worker_.joinable()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  worker_.join();
  spdlog::info("event outbox stopped");
}

void EventOutbox::run() {
  const auto interval = std::min(kPollInterval, std::max(options_.initial_backoff / 2, std::chrono::milliseconds(10)));
  while (true) {
    util::Result<int> delivered = deliver_due();
    if (!delivered.ok()) spdlog::error("event outbox pass failed error={}", delivered.error().message());
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, interval, [&] { return stopping_ || woken_; });
    woken_ = false;
    if (stopping_) return;
  }
}

util::Result<int> EventOutbox::deliver_due() {
  TRUSTPCF_ASSIGN_OR_RETURN(auto due, db_->prepare("SELECT id FROM space_outbox WHERE state = 'pending' "
                                                   "AND next_attempt_ms <= ? ORDER BY id"));
  due.bind(1, now_ms());
  std::vector<std::int64_t> ids;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, due.step());
    if (!row) break;
    ids.push_back(due.column_int(0));
  }
  due.reset();  // ends the read before the updates below

  int delivered = 0;
  TRUSTPCF_ASSIGN_OR_RETURN(auto entries, list_outbox(*db_));
  for (const OutboxEntry& entry : entries) {
    if (std::find(ids.begin(), ids.end(), entry.id) == ids.end()) continue;

    util::Status status;
    util::Result<Partner> partner = find_partner(*db_, entry.partner_id);
    if (!partner.ok()) {
      status = partner.error();
    } else if (partner->remote_client_id.empty()) {
      status = util::make_error(util::ErrorCode::kDenied,
                                "partner '{}' has no client credentials for its node; add them with "
                                "`trustpcf partner add ... --remote-client-id --remote-client-secret`",
                                partner->name);
    } else {
      status = post_event(entry.destination, {partner->remote_client_id, partner->remote_client_secret}, entry.event,
                          options_.ca_file);
    }

    std::int64_t now = now_ms();
    int attempts = entry.attempts + 1;
    std::string state = "pending";
    std::int64_t next = now;
    std::string error;
    if (status.ok()) {
      state = "delivered";
      ++delivered;
      spdlog::info("event delivered event_id={} partner_id={} attempts={}", entry.event_id, entry.partner_id, attempts);
    } else {
      error = status.error().message();
      // Exponential backoff: initial * 2^(attempts-1), capped.
      std::int64_t delay = options_.initial_backoff.count();
      for (int i = 1; i < attempts && delay < options_.max_backoff.count(); ++i) delay *= 2;
      delay = std::min<std::int64_t>(delay, options_.max_backoff.count());
      next = now + delay;
      if (now - entry.created_ms >= options_.give_up_after.count()) {
        state = "abandoned";
        spdlog::error("event abandoned event_id={} partner_id={} attempts={} error={}", entry.event_id,
                      entry.partner_id, attempts, error);
      } else {
        spdlog::warn("event delivery failed, will retry event_id={} partner_id={} attempts={} retry_in_ms={} error={}",
                     entry.event_id, entry.partner_id, attempts, delay, error);
      }
    }
    TRUSTPCF_ASSIGN_OR_RETURN(auto update, db_->prepare("UPDATE space_outbox SET state = ?, attempts = ?, "
                                                        "next_attempt_ms = ?, last_error = ? WHERE id = ?"));
    update.bind(1, state).bind(2, static_cast<std::int64_t>(attempts)).bind(3, next).bind(4, error).bind(5, entry.id);
    TRUSTPCF_RETURN_IF_ERROR(update.run());
  }
  return delivered;
}

}  // namespace trustpcf::space
