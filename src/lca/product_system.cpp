#include "lca/product_system.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <deque>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace trustpcf::lca {

namespace {

using util::ErrorCode;
using util::make_error;

// An exchange of an inventory row before the rows are sorted and indexed.
// The flow id points into the database, which outlives the build.
struct PendingInventoryEntry {
  const std::string* flow_id = nullptr;
  int column = 0;
  double value = 0.0;  // signed: output positive
  bool is_input = false;
};

class Builder {
 public:
  Builder(const ProcessIndex& index, const ProductSystemOptions& options)
      : index_(index), database_(index.database()), options_(options) {}

  util::Status traverse(const std::vector<TechnosphereKey>& roots);
  util::Status assemble();
  ProductSystem take() { return std::move(system_); }

 private:
  struct Visited {
    const IndexedProcess* process = nullptr;
    const ProcessAllocation* allocation = nullptr;  // nullptr when it failed
    const util::Error* error = nullptr;
  };

  util::Status visit(const TechnosphereKey& key);
  void add_column_entries(int column, const Visited& visited);
  void add_inventory(const std::string& flow_id, int column, double value, bool is_input);
  void index_inventory();
  void mark_avoided_supply();

  const ProcessIndex& index_;
  const Database& database_;
  ProductSystemOptions options_;

  ProductSystem system_;
  std::set<TechnosphereKey> seen_;
  std::deque<TechnosphereKey> queue_;
  std::map<std::string, Visited> visited_;  // by process id
  std::vector<PendingInventoryEntry> pending_inventory_;
};

util::Status Builder::traverse(const std::vector<TechnosphereKey>& roots) {
  for (const TechnosphereKey& root : roots) {
    if (seen_.insert(root).second) queue_.push_back(root);
  }
  while (!queue_.empty()) {
    TechnosphereKey key = std::move(queue_.front());
    queue_.pop_front();
    TRUSTPCF_RETURN_IF_ERROR(visit(key));
  }
  return util::Status();
}

util::Status Builder::visit(const TechnosphereKey& key) {
  if (visited_.count(key.process_id)) return util::Status();  // links followed already

  Visited visited;
  visited.process = index_.find(key.process_id);
  assert(visited.process != nullptr && "columns are built from existing processes");
  const util::Result<ProcessAllocation>& allocation =
      ProcessIndex::allocation(*visited.process, options_.allocation);
  if (!allocation.ok()) {
    if (!options_.collect_errors) return allocation.error();
    visited.error = &allocation.error();
    visited_.emplace(key.process_id, visited);
    return util::Status();
  }
  visited.allocation = &allocation.value();
  visited_.emplace(key.process_id, visited);

  for (const LinkChoice& choice : visited.process->links) {
    if (choice.provider_process_id.empty()) continue;
    TechnosphereKey provider{choice.provider_process_id, choice.flow_id};
    if (seen_.insert(provider).second) queue_.push_back(std::move(provider));
  }
  return util::Status();
}

void Builder::add_inventory(const std::string& flow_id, int column, double value, bool is_input) {
  pending_inventory_.push_back(PendingInventoryEntry{&flow_id, column, value, is_input});
}

void Builder::add_column_entries(int column, const Visited& visited) {
  const TechnosphereKey& key = system_.columns[column];
  const ProcessAllocation& allocation = *visited.allocation;
  bool allocated = allocation.method != AllocationMethod::kNone;

  for (const IndexedExchange& indexed : visited.process->exchanges) {
    const Exchange& exchange = *indexed.exchange;
    const Flow& flow = *indexed.flow;
    double amount = indexed.amount;

    if (indexed.providing) {
      double value = exchange.is_input ? -amount : amount;
      if (exchange.flow_id == key.flow_id) {
        system_.technosphere_entries.emplace_back(column, column, value);
        system_.production[column] += value;
        continue;
      }
      // With allocation another co-product belongs to its own column only.
      // Without, it leaves the system as an inventory flow, as in openLCA,
      // even when the system uses it through its own column.
      if (!allocated) add_inventory(flow.id, column, value, exchange.is_input);
      continue;
    }

    double share = allocation.share(key.flow_id, exchange);
    if (flow.type == FlowType::kElementary) {
      double value = exchange.is_input ? -amount : amount;
      add_inventory(flow.id, column, value * share, exchange.is_input);
      continue;
    }

    // A product input, waste output, avoided product or avoided waste.
    double value = exchange.is_input ? -amount : amount;
    bool effective_input = exchange.is_input;
    if (exchange.is_avoided_product) {
      effective_input = flow.type == FlowType::kWaste;
      value = effective_input ? -std::abs(amount) : std::abs(amount);
    }
    const LinkChoice& choice = visited.process->links[indexed.link];
    if (choice.provider_process_id.empty()) {
      add_inventory(flow.id, column, value * share, effective_input);
      continue;
    }
    int provider = system_.column_index.at(TechnosphereKey{choice.provider_process_id, choice.flow_id});
    system_.technosphere_entries.emplace_back(provider, column, value * share);
    system_.links.push_back(
        SystemLink{column, provider, exchange.internal_id, exchange.is_avoided_product});
  }
}

void Builder::index_inventory() {
  // A row takes the direction of its first entry in column order. Entries
  // were added column by column, so the first one met here is that entry.
  std::map<std::string_view, InventoryRow> rows;
  for (const PendingInventoryEntry& entry : pending_inventory_) {
    if (rows.count(*entry.flow_id)) continue;
    const Flow& flow = database_.flows.at(*entry.flow_id);
    InventoryFlowKind kind = flow.type == FlowType::kElementary ? InventoryFlowKind::kElementary
                             : flow.type == FlowType::kProduct  ? InventoryFlowKind::kBoundaryProduct
                                                                : InventoryFlowKind::kBoundaryWaste;
    rows.emplace(*entry.flow_id, InventoryRow{*entry.flow_id, kind, entry.is_input});
  }
  std::map<std::string_view, int> row_of;
  for (auto& [flow_id, row] : rows) {
    row_of.emplace(flow_id, static_cast<int>(system_.inventory_rows.size()));
    system_.inventory_index.emplace_hint(system_.inventory_index.end(), row.flow_id,
                                         static_cast<int>(system_.inventory_rows.size()));
    system_.inventory_rows.push_back(std::move(row));
  }
  system_.intervention_entries.reserve(pending_inventory_.size());
  for (const PendingInventoryEntry& entry : pending_inventory_) {
    int row = row_of.at(*entry.flow_id);
    double in_row_direction = system_.inventory_rows[row].is_input ? -entry.value : entry.value;
    system_.intervention_entries.emplace_back(row, entry.column, in_row_direction);
  }
}

void Builder::mark_avoided_supply() {
  std::vector<std::vector<int>> providers_of(system_.columns.size());
  std::deque<int> queue;
  system_.avoided_supply.assign(system_.columns.size(), false);
  for (const SystemLink& link : system_.links) {
    providers_of[link.consumer_column].push_back(link.provider_column);
    if (link.is_avoided && !system_.avoided_supply[link.provider_column]) {
      system_.avoided_supply[link.provider_column] = true;
      queue.push_back(link.provider_column);
    }
  }
  while (!queue.empty()) {
    int column = queue.front();
    queue.pop_front();
    for (int provider : providers_of[column]) {
      if (system_.avoided_supply[provider]) continue;
      system_.avoided_supply[provider] = true;
      queue.push_back(provider);
    }
  }
}

util::Status Builder::assemble() {
  for (const TechnosphereKey& key : seen_) {
    system_.column_index.emplace_hint(system_.column_index.end(), key,
                                      static_cast<int>(system_.columns.size()));
    system_.columns.push_back(key);
  }
  system_.production.assign(system_.columns.size(), 0.0);

  for (int column = 0; column < static_cast<int>(system_.columns.size()); ++column) {
    const TechnosphereKey& key = system_.columns[column];
    const Visited& visited = visited_.at(key.process_id);
    if (visited.error != nullptr) {
      system_.invalid_columns.push_back(InvalidColumn{column, *visited.error});
      system_.technosphere_entries.emplace_back(column, column, 1.0);
      system_.production[column] = 1.0;
      continue;
    }
    add_column_entries(column, visited);

    if (system_.production[column] == 0.0 || !std::isfinite(system_.production[column])) {
      util::Error zero = make_error(
          ErrorCode::kModel,
          "process '{}' ({}) produces {} of its co-product flow {}; set a non-zero, finite "
          "amount on that output",
          visited.process->process->name, key.process_id, system_.production[column], key.flow_id);
      if (!options_.collect_errors) return zero;
      system_.invalid_columns.push_back(InvalidColumn{column, zero});
      system_.technosphere_entries.emplace_back(column, column, 1.0);
      system_.production[column] = 1.0;
    }
  }
  index_inventory();
  mark_avoided_supply();

  // The linking report and the allocations, in process id order.
  for (const auto& [process_id, visited] : visited_) {
    if (visited.error != nullptr) continue;
    for (const IndexedExchange& indexed : visited.process->exchanges) {
      if (indexed.link < 0) continue;
      const LinkChoice& choice = visited.process->links[indexed.link];
      if (choice.provider_process_id.empty()) {
        system_.cut_offs.push_back(CutOff{process_id, indexed.exchange->internal_id,
                                          choice.flow_id, indexed.flow->type,
                                          indexed.exchange->is_input, indexed.amount});
      }
      system_.link_choices.push_back(choice);
    }
    system_.allocations.push_back(*visited.allocation);
  }
  return util::Status();
}

}  // namespace

std::string ProductSystem::column_label(const Database& database, int column) const {
  const TechnosphereKey& key = columns.at(column);
  auto process = database.processes.find(key.process_id);
  auto flow = database.flows.find(key.flow_id);
  return fmt::format("'{}' ({}) for '{}'",
                     process == database.processes.end() ? "?" : process->second.name,
                     key.process_id, flow == database.flows.end() ? key.flow_id : flow->second.name);
}

util::Result<TechnosphereKey> resolve_demand(const Database& database, const Demand& demand) {
  auto process = database.processes.find(demand.process_id);
  if (process == database.processes.end()) {
    return make_error(ErrorCode::kNotFound, "process {} not found in the database; search with "
                      "`trustpcf db search`", demand.process_id);
  }
  if (!std::isfinite(demand.amount) || demand.amount == 0.0) {
    return make_error(ErrorCode::kInvalidInput,
                      "demand amount {} for process '{}' ({}) is invalid; give a finite, "
                      "non-zero amount",
                      demand.amount, process->second.name, demand.process_id);
  }

  std::string flow_id = demand.flow_id;
  if (flow_id.empty()) {
    const Exchange* reference = process->second.quantitative_reference();
    if (reference == nullptr) {
      return make_error(ErrorCode::kInvalidInput,
                        "process '{}' ({}) has no quantitative reference; name the product "
                        "flow of the demand",
                        process->second.name, demand.process_id);
    }
    flow_id = reference->flow_id;
  }
  if (!database.flows.count(flow_id)) {
    return make_error(ErrorCode::kNotFound, "flow {} of the demand is not in the database",
                      flow_id);
  }

  std::vector<std::string> products = co_products(database, process->second);
  if (!std::binary_search(products.begin(), products.end(), flow_id)) {
    return make_error(ErrorCode::kInvalidInput,
                      "process '{}' ({}) does not provide flow '{}' ({}); its products are: {}",
                      process->second.name, demand.process_id, database.flows.at(flow_id).name,
                      flow_id, products.empty() ? std::string("none") : fmt::format("{}", fmt::join(products, ", ")));
  }
  return TechnosphereKey{demand.process_id, flow_id};
}

util::Result<ProductSystem> build_product_system(const ProcessIndex& index, const Demand& demand,
                                                 const ProductSystemOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(TechnosphereKey root, resolve_demand(index.database(), demand));

  Builder builder(index, options);
  TRUSTPCF_RETURN_IF_ERROR(builder.traverse({root}));
  TRUSTPCF_RETURN_IF_ERROR(builder.assemble());
  ProductSystem system = builder.take();

  system.demand_column = system.column_index.at(root);
  double production = system.production[system.demand_column];
  system.demand_value = production < 0.0 ? -demand.amount : demand.amount;
  return system;
}

util::Result<ProductSystem> build_database_system(const ProcessIndex& index,
                                                  AllocationMode allocation) {
  const Database& database = index.database();
  std::vector<TechnosphereKey> roots;
  for (const auto& [process_id, process] : database.processes) {
    for (const std::string& flow_id : index.find(process_id)->co_products) {
      roots.push_back(TechnosphereKey{process_id, flow_id});
    }
  }

  ProductSystemOptions options;
  options.allocation = allocation;
  options.collect_errors = true;
  Builder builder(index, options);
  TRUSTPCF_RETURN_IF_ERROR(builder.traverse(roots));
  TRUSTPCF_RETURN_IF_ERROR(builder.assemble());
  return builder.take();
}

}  // namespace trustpcf::lca
