#pragma once

// A pool of SQLite connections to the node's store, one lent to each request
// thread at a time (a store::Database belongs to one thread at a time). Each
// connection keeps the prepared statements of the GetFootprint path.

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "space/footprint_queries.hpp"
#include "store/database.hpp"

namespace trustpcf::server {

class ConnectionPool {
 public:
  // `company_id` is the node's company id, for the footprint queries.
  ConnectionPool(std::filesystem::path store_path, std::string company_id)
      : store_path_(std::move(store_path)), company_id_(std::move(company_id)) {}

 private:
  struct Connection {
    std::unique_ptr<store::Database> db;
    // Declared after db, so its statements are finalized before db closes.
    std::unique_ptr<space::FootprintQueries> queries;
  };

 public:
  // A connection lent until the Lease is destroyed.
  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (connection_) pool_->give_back(std::move(connection_));
    }
    store::Database& operator*() { return *connection_->db; }
    store::Database* operator->() { return connection_->db.get(); }

    // The connection's GetFootprint statements, prepared on first use.
    // Errors: kStorage.
    util::Result<space::FootprintQueries*> footprint_queries();

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Lends an idle connection or opens a new one. Errors: kStorage.
  util::Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Connection> connection);

  std::filesystem::path store_path_;
  std::string company_id_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace trustpcf::server
