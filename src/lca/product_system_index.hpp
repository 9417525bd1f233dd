#pragma once

// The data of each process that the product system builder needs for every
// demand, prepared once per database. It covers the exchanges with their flow
// and amount in reference units, the co-products, the linking decision of
// every exchange that needs a provider, and the allocation under each mode.
// Building a demand's system then does no string lookups per exchange.

#include <map>
#include <string>
#include <vector>

#include "lca/allocation.hpp"
#include "lca/linking.hpp"
#include "lca/model.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

struct IndexedExchange {
  const Exchange* exchange = nullptr;
  const Flow* flow = nullptr;
  double amount = 0.0;          // in the flow's reference unit, as published
  bool providing = false;       // is_providing_exchange
  int link = -1;                // index into IndexedProcess::links, or -1
};

struct IndexedProcess {
  const Process* process = nullptr;
  // Exchanges whose flow exists, in the process's order.
  std::vector<IndexedExchange> exchanges;
  std::vector<std::string> co_products;  // sorted
  // One decision per exchange that needs a provider, in exchange order.
  std::vector<LinkChoice> links;
  // The allocation under each AllocationMode, indexed by the enum value.
  std::vector<util::Result<ProcessAllocation>> allocations;
};

class ProcessIndex {
 public:
  // Prepares every process of `database`, which must outlive the index.
  explicit ProcessIndex(const Database& database);
  ProcessIndex(const ProcessIndex&) = delete;
  ProcessIndex& operator=(const ProcessIndex&) = delete;

  const Database& database() const { return database_; }
  const ProviderIndex& providers() const { return providers_; }
  const UnitIndex& units() const { return units_; }

  // Returns the prepared process `process_id`, or nullptr when it is not in
  // the database.
  const IndexedProcess* find(const std::string& process_id) const;

  // Returns the allocation of `process` under `mode`, or its error.
  static const util::Result<ProcessAllocation>& allocation(const IndexedProcess& process,
                                                           AllocationMode mode) {
    return process.allocations[static_cast<size_t>(mode)];
  }

 private:
  const Database& database_;
  ProviderIndex providers_;
  UnitIndex units_;
  std::map<std::string, IndexedProcess> processes_;
};

}  // namespace trustpcf::lca
