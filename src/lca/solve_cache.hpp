#pragma once

// A cache of what a calculation builds from a database and can reuse for the
// next demand: the provider index, the unit index and the LU factorization of
// the technosphere matrix. The command line keeps one for a run; a server can
// keep one across requests. Thread-safe.
//
// Factorizations are keyed by the database digest and the allocation mode
// (the options that change the matrix). A demand's technosphere matrix is a
// block of the database-wide system of all process-product pairs: its columns
// put entries only in the rows of their own product and of their providers,
// which the demand's system contains. So one factorization of the
// database-wide matrix serves every demand. When that matrix is singular
// (some part of the database cannot be solved), each demand's own matrix is
// factorized and kept per demanded column. Databases without a digest are
// never cached.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "lca/allocation.hpp"
#include "lca/linking.hpp"
#include "lca/model.hpp"
#include "lca/product_system.hpp"
#include "lca/product_system_index.hpp"
#include "lca/solve.hpp"

namespace trustpcf::lca {

// A factorized technosphere matrix and the column index it was built with.
struct Factorization {
  SparseLu lu;
  std::map<TechnosphereKey, int> column_index;
};

class CalculationCache {
 public:
  // Returns the process index of `database`, building it on first use. The
  // index points into the database, so the database must outlive the cache
  // or the next call with another database.
  // NOTE: the index is found again by address and digest. A caller that
  // destroys a database and loads the same content again must call clear()
  // in between, because the new object may get the same address.
  std::shared_ptr<const ProcessIndex> indexes(const Database& database);

  // Drops the process index and every factorization.
  void clear();

  // Returns the database-wide factorization for `allocation`, building and
  // factorizing the system of every process-product pair on first use.
  // Errors of that build (a singular database-wide matrix) are returned and
  // remembered, so later calls fall back at once. Sets `*reused` (when not
  // nullptr) to whether a stored factorization was returned. Errors: also
  // kInvalidInput when the database has no digest.
  util::Result<std::shared_ptr<const Factorization>> database_factorization(
      const Database& database, AllocationMode allocation, bool* reused = nullptr);

  // Returns the factorization stored for one demanded column, or nullptr.
  std::shared_ptr<const Factorization> find_demand_factorization(const std::string& digest,
                                                                 AllocationMode allocation,
                                                                 const TechnosphereKey& demand);
  void store_demand_factorization(const std::string& digest, AllocationMode allocation,
                                  const TechnosphereKey& demand,
                                  std::shared_ptr<const Factorization> factorization);

  // Counters for tests and logs: factorizations made and reused.
  int factorizations() const;
  int reuses() const;

 private:
  mutable std::mutex mutex_;
  const Database* indexed_database_ = nullptr;
  std::string indexed_digest_;
  std::shared_ptr<const ProcessIndex> indexes_;
  std::map<std::pair<std::string, AllocationMode>, util::Result<std::shared_ptr<const Factorization>>>
      database_factorizations_;
  std::map<std::tuple<std::string, AllocationMode, TechnosphereKey>,
           std::shared_ptr<const Factorization>>
      demand_factorizations_;
  int factorizations_ = 0;
  int reuses_ = 0;
};

}  // namespace trustpcf::lca
