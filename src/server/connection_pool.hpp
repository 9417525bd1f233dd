#pragma once

// A pool of SQLite connections to the node's store, one lent to each request
// thread at a time (a store::Database belongs to one thread at a time).

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.hpp"

namespace trustpcf::server {

class ConnectionPool {
 public:
  explicit ConnectionPool(std::filesystem::path store_path) : store_path_(std::move(store_path)) {}

  // A connection lent until the Lease is destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<store::Database> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (db_) pool_->give_back(std::move(db_));
    }
    store::Database& operator*() { return *db_; }
    store::Database* operator->() { return db_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<store::Database> db_;
  };

  // Lends an idle connection or opens a new one. Errors: kStorage.
  util::Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<store::Database> db);

  std::filesystem::path store_path_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<store::Database>> idle_;
};

}  // namespace trustpcf::server
