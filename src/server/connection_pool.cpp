#include "server/connection_pool.hpp"

namespace trustpcf::server {

util::Result<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection));
    }
  }
  auto connection = std::make_unique<Connection>();
  TRUSTPCF_ASSIGN_OR_RETURN(connection->db, store::Database::open(store_path_));
  return Lease(this, std::move(connection));
}

void ConnectionPool::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  idle_.push_back(std::move(connection));
}

util::Result<space::FootprintQueries*> ConnectionPool::Lease::footprint_queries() {
  if (!connection_->queries) {
    TRUSTPCF_ASSIGN_OR_RETURN(connection_->queries,
                              space::FootprintQueries::prepare(*connection_->db, pool_->company_id_));
  }
  return connection_->queries.get();
}

}  // namespace trustpcf::server
