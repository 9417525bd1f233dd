#include "lca/product_system_index.hpp"

namespace trustpcf::lca {

static_assert(static_cast<int>(AllocationMode::kDefault) == 0 &&
                  static_cast<int>(AllocationMode::kPhysical) == 1 &&
                  static_cast<int>(AllocationMode::kEconomic) == 2 &&
                  static_cast<int>(AllocationMode::kCausal) == 3 &&
                  static_cast<int>(AllocationMode::kNone) == 4,
              "allocations are stored in AllocationMode order");

ProcessIndex::ProcessIndex(const Database& database)
    : database_(database), providers_(database), units_(database) {
  for (const auto& [process_id, process] : database.processes) {
    IndexedProcess& indexed = processes_[process_id];
    indexed.process = &process;
    indexed.co_products = co_products(database, process);
    for (const Exchange& exchange : process.exchanges) {
      auto flow = database.flows.find(exchange.flow_id);
      if (flow == database.flows.end()) continue;

      IndexedExchange entry;
      entry.exchange = &exchange;
      entry.flow = &flow->second;
      entry.amount = units_.reference_amount(exchange);
      entry.providing = is_providing_exchange(flow->second, exchange);
      if (needs_provider(flow->second, exchange)) {
        entry.link = static_cast<int>(indexed.links.size());
        indexed.links.push_back(providers_.link(process, exchange));
      }
      indexed.exchanges.push_back(entry);
    }
    for (AllocationMode mode : {AllocationMode::kDefault, AllocationMode::kPhysical,
                                AllocationMode::kEconomic, AllocationMode::kCausal,
                                AllocationMode::kNone}) {
      // The vector is filled in enum order, so allocations[mode] is `mode`.
      indexed.allocations.push_back(resolve_allocation(database, process, mode));
    }
  }
}

const IndexedProcess* ProcessIndex::find(const std::string& process_id) const {
  auto found = processes_.find(process_id);
  return found == processes_.end() ? nullptr : &found->second;
}

}  // namespace trustpcf::lca
