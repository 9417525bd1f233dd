#include "store/database.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace trustpcf::store {

using util::ErrorCode;
using util::make_error;

namespace {

// How long a writer waits for another connection's lock before failing.
constexpr int kBusyTimeoutMs = 10'000;

util::Error sqlite_error(sqlite3* db, std::string_view what) {
  return make_error(ErrorCode::kStorage, "{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory");
}

}  // namespace

// ---- Statement ----

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::string sql)
    : db_(db), stmt_(stmt), sql_(std::move(sql)) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) {
  other.stmt_ = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = other.stmt_;
    sql_ = std::move(other.sql_);
    other.stmt_ = nullptr;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

util::Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, "SQL statement failed (" + sql_.substr(0, 80) + ")");
}

util::Status Statement::run() {
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, step());
    if (!row) return {};
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::column_int(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::column_double(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::column_text(int column) const {
  const unsigned char* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size)) : std::string();
}

std::string Statement::column_blob(int column) const {
  const void* blob = sqlite3_column_blob(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return blob ? std::string(static_cast<const char*>(blob), static_cast<size_t>(size)) : std::string();
}

// ---- Database ----

Database::Database(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}

Database::~Database() { sqlite3_close_v2(db_); }

util::Status Database::configure() {
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  return exec(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "CREATE TABLE IF NOT EXISTS schema_versions (module TEXT PRIMARY KEY, version INTEGER NOT NULL);");
}

util::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    util::Error error = sqlite_error(db, "cannot open store '" + path.string() + "'");
    sqlite3_close_v2(db);
    return error;
  }
  std::unique_ptr<Database> database(new Database(db, path));
  TRUSTPCF_RETURN_IF_ERROR(database->configure());
  return database;
}

util::Result<std::unique_ptr<Database>> Database::open_in_memory() {
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    util::Error error = sqlite_error(db, "cannot open in-memory store");
    sqlite3_close_v2(db);
    return error;
  }
  std::unique_ptr<Database> database(new Database(db, ":memory:"));
  TRUSTPCF_RETURN_IF_ERROR(database->configure());
  return database;
}

util::Status Database::exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    util::Error error = make_error(ErrorCode::kStorage, "SQL failed ({}): {}", text.substr(0, 80),
                                   message ? message : "unknown error");
    sqlite3_free(message);
    return error;
  }
  return {};
}

util::Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return sqlite_error(db_, "cannot prepare SQL (" + std::string(sql.substr(0, 80)) + ")");
  }
  return Statement(db_, stmt, std::string(sql));
}

util::Status Database::ensure_schema(std::string_view module, int version, std::string_view sql) {
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, prepare("SELECT version FROM schema_versions WHERE module = ?"));
  query.bind(1, module);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  int current = found ? static_cast<int>(query.column_int(0)) : 0;
  if (current >= version) return {};

  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, Transaction::begin(*this));
  TRUSTPCF_RETURN_IF_ERROR(exec(sql));
  TRUSTPCF_ASSIGN_OR_RETURN(auto record,
                            prepare("INSERT INTO schema_versions(module, version) VALUES(?, ?) "
                                    "ON CONFLICT(module) DO UPDATE SET version = excluded.version"));
  record.bind(1, module).bind(2, static_cast<std::int64_t>(version));
  TRUSTPCF_RETURN_IF_ERROR(record.run());
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  spdlog::debug("store schema applied module={} version={}", module, version);
  return {};
}

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

// ---- Transaction ----

util::Result<Transaction> Transaction::begin(Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(db.exec("BEGIN IMMEDIATE"));
  return Transaction(&db);
}

Transaction::Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }

Transaction::~Transaction() {
  if (db_ == nullptr) return;
  util::Status status = db_->exec("ROLLBACK");
  if (!status.ok()) spdlog::error("rollback failed: {}", status.error().message());
}

util::Status Transaction::commit() {
  Database* db = db_;
  db_ = nullptr;
  return db->exec("COMMIT");
}

}  // namespace trustpcf::store
