#include "lca/solve_cache.hpp"

#include <spdlog/spdlog.h>

#include "lca/matrix.hpp"

namespace trustpcf::lca {

namespace {

// Per-demand factorizations kept at most (for a database whose
// database-wide matrix is singular). Each contains a copy of its matrix and
// its LU factors, an estimated few MB for a USLCI-sized system. When the
// limit is reached the per-demand entries are dropped together.
constexpr size_t kMaxDemandFactorizations = 64;

}  // namespace

std::shared_ptr<const ProcessIndex> CalculationCache::indexes(const Database& database) {
  std::lock_guard lock(mutex_);
  if (indexes_ == nullptr || indexed_database_ != &database || indexed_digest_ != database.digest ||
      database.digest.empty()) {
    indexes_ = std::make_shared<const ProcessIndex>(database);
    indexed_database_ = &database;
    indexed_digest_ = database.digest;
  }
  return indexes_;
}

util::Result<std::shared_ptr<const Factorization>> CalculationCache::database_factorization(
    const Database& database, AllocationMode allocation, bool* reused) {
  if (reused != nullptr) *reused = false;
  if (database.digest.empty()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "the database has no digest, so its factorization cannot be cached; "
                            "import it to set one");
  }
  std::shared_ptr<const ProcessIndex> built = indexes(database);

  std::lock_guard lock(mutex_);
  auto key = std::make_pair(database.digest, allocation);
  auto found = database_factorizations_.find(key);
  if (found != database_factorizations_.end()) {
    if (found->second.ok()) {
      ++reuses_;
      if (reused != nullptr) *reused = true;
    }
    return found->second;
  }

  auto system = build_database_system(*built, allocation);
  if (!system.ok()) {
    database_factorizations_.emplace(key, system.error());
    return system.error();
  }
  SystemMatrices matrices = build_matrices(*system);
  auto lu = SparseLu::factorize(matrices.technosphere, [&](int column) {
    return system->column_label(database, column);
  });
  if (!lu.ok()) {
    spdlog::info("database-wide technosphere matrix not factorized; factorizing per demand "
                 "database={} allocation={} reason={}",
                 database.digest, allocation_mode_name(allocation), lu.error().message());
    database_factorizations_.emplace(key, lu.error());
    return lu.error();
  }
  ++factorizations_;
  spdlog::info("database-wide technosphere matrix factorized database={} allocation={} columns={} "
               "invalid_columns={}",
               database.digest, allocation_mode_name(allocation), system->columns.size(),
               system->invalid_columns.size());

  auto factorization = std::make_shared<Factorization>(
      Factorization{std::move(lu).value(), std::move(system->column_index)});
  std::shared_ptr<const Factorization> shared = factorization;
  database_factorizations_.emplace(key, shared);
  return shared;
}

std::shared_ptr<const Factorization> CalculationCache::find_demand_factorization(
    const std::string& digest, AllocationMode allocation, const TechnosphereKey& demand) {
  std::lock_guard lock(mutex_);
  auto found = demand_factorizations_.find({digest, allocation, demand});
  if (found == demand_factorizations_.end()) return nullptr;
  ++reuses_;
  return found->second;
}

void CalculationCache::store_demand_factorization(const std::string& digest,
                                                  AllocationMode allocation,
                                                  const TechnosphereKey& demand,
                                                  std::shared_ptr<const Factorization> factorization) {
  std::lock_guard lock(mutex_);
  ++factorizations_;
  if (digest.empty()) return;
  if (demand_factorizations_.size() >= kMaxDemandFactorizations) demand_factorizations_.clear();
  demand_factorizations_[{digest, allocation, demand}] = std::move(factorization);
}

void CalculationCache::clear() {
  std::lock_guard lock(mutex_);
  indexed_database_ = nullptr;
  indexed_digest_.clear();
  indexes_.reset();
  database_factorizations_.clear();
  demand_factorizations_.clear();
}

int CalculationCache::factorizations() const {
  std::lock_guard lock(mutex_);
  return factorizations_;
}

int CalculationCache::reuses() const {
  std::lock_guard lock(mutex_);
  return reuses_;
}

}  // namespace trustpcf::lca
