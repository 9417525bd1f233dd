#pragma once

// The node's persistent store. Today this is one SQLite file in the node's
// home; the interface keeps SQL portable (positional `?` parameters, no
// SQLite-only types in module schemas) so that a PostgreSQL backend can
// implement it later.
//
// Threading: a Database and its Statements belong to one thread at a time.
// Open one Database per thread that needs the store.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace trustpcf::store {

class Database;

// A prepared statement. Bind parameters by 1-based index, then call step()
// until it returns false; read columns (0-based) after each true step().
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::string_view bytes);
  Statement& bind_null(int index);

  // Advances to the next row. Returns true when a row is available, false
  // when done. Errors: kStorage with the SQL and SQLite's message.
  util::Result<bool> step();

  // Runs the statement to completion, ignoring rows.
  util::Status run();

  // Resets the statement so that it can be bound and run again.
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  std::string column_text(int column) const;
  std::string column_blob(int column) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string sql);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string sql_;
};

class Database {
 public:
  // Opens or creates the SQLite file at `path` (WAL journal, foreign keys
  // on, a busy timeout for concurrent writers). Errors: kStorage.
  static util::Result<std::unique_ptr<Database>> open(const std::filesystem::path& path);

  // Opens a private in-memory database, for tests.
  static util::Result<std::unique_ptr<Database>> open_in_memory();

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Executes one or more SQL statements without parameters.
  util::Status exec(std::string_view sql);

  // Compiles one statement. Errors: kStorage with the SQL and SQLite's message.
  util::Result<Statement> prepare(std::string_view sql);

  // Applies a module's schema once: when the stored version of `module` is
  // below `version`, runs `sql` in a transaction and records `version`.
  // Modules call this on first use; each bump appends statements, never
  // edits old ones.
  util::Status ensure_schema(std::string_view module, int version, std::string_view sql);

  std::int64_t last_insert_rowid() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int changes() const;

  const std::filesystem::path& path() const { return path_; }

 private:
  Database(sqlite3* db, std::filesystem::path path);
  util::Status configure();

  sqlite3* db_;
  std::filesystem::path path_;
};

// A transaction that rolls back unless commit() is called. Nested use is not
// supported: open one Transaction at a time per Database.
class Transaction {
 public:
  // Begins an IMMEDIATE transaction (takes the write lock up front).
  static util::Result<Transaction> begin(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  util::Status commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace trustpcf::store
