#include "server/connection_pool.hpp"

namespace trustpcf::server {

util::Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<store::Database> db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(db));
    }
  }
  TRUSTPCF_ASSIGN_OR_RETURN(auto db, store::Database::open(store_path_));
  return Lease(this, std::move(db));
}

void ConnectionPool::give_back(std::unique_ptr<store::Database> db) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace trustpcf::server
