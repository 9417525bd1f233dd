#include "lca/product_system.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace trustpcf::lca {

namespace {

using util::ErrorCode;
using util::make_error;

// An exchange of an inventory row before the rows are sorted and indexed.
struct PendingInventoryEntry {
  std::string flow_id;
  int column = 0;
  double value = 0.0;  // signed: output positive
  bool is_input = false;
};

class Builder {
 public:
  Builder(const ProviderIndex& providers, const UnitIndex& units,
          const ProductSystemOptions& options)
      : providers_(providers), database_(providers.database()), units_(units), options_(options) {}

  util::Status traverse(const std::vector<TechnosphereKey>& roots);
  util::Status assemble();
  ProductSystem take() { return std::move(system_); }

 private:
  util::Status visit(const TechnosphereKey& key);
  util::Status fail(const std::string& process_id, util::Error error);
  void add_column_entries(int column);
  void add_inventory(const std::string& flow_id, int column, double value, bool is_input);
  void index_inventory();
  void mark_avoided_supply();

  const ProviderIndex& providers_;
  const Database& database_;
  const UnitIndex& units_;
  ProductSystemOptions options_;

  ProductSystem system_;
  std::set<TechnosphereKey> seen_;
  std::deque<TechnosphereKey> queue_;
  std::map<std::string, ProcessAllocation> allocations_;
  std::map<std::string, util::Error> process_errors_;
  // Linking decisions by process, keyed by exchange internal id.
  std::map<std::string, std::map<int, LinkChoice>> process_links_;
  std::vector<PendingInventoryEntry> pending_inventory_;
};

util::Status Builder::fail(const std::string& process_id, util::Error error) {
  if (!options_.collect_errors) return error;
  process_errors_.emplace(process_id, std::move(error));
  return util::Status();
}

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
  if (allocations_.count(key.process_id) || process_errors_.count(key.process_id)) {
    return util::Status();  // the process's links were followed already
  }
  const Process& process = database_.processes.at(key.process_id);

  auto allocation = resolve_allocation(database_, process, options_.allocation);
  if (!allocation.ok()) return fail(process.id, allocation.error());
  allocations_.emplace(process.id, std::move(allocation).value());

  std::map<int, LinkChoice>& links = process_links_[process.id];
  for (const Exchange& exchange : process.exchanges) {
    auto flow = database_.flows.find(exchange.flow_id);
    if (flow == database_.flows.end() || !needs_provider(flow->second, exchange)) continue;

    LinkChoice choice = providers_.link(process, exchange);
    if (!choice.provider_process_id.empty()) {
      TechnosphereKey provider{choice.provider_process_id, choice.flow_id};
      if (seen_.insert(provider).second) queue_.push_back(std::move(provider));
    }
    links.emplace(exchange.internal_id, std::move(choice));
  }
  return util::Status();
}

void Builder::add_inventory(const std::string& flow_id, int column, double value, bool is_input) {
  pending_inventory_.push_back(PendingInventoryEntry{flow_id, column, value, is_input});
}

void Builder::add_column_entries(int column) {
  const TechnosphereKey& key = system_.columns[column];
  const Process& process = database_.processes.at(key.process_id);
  const ProcessAllocation& allocation = allocations_.at(process.id);
  const std::map<int, LinkChoice>& links = process_links_.at(process.id);
  bool allocated = allocation.method != AllocationMethod::kNone;

  for (const Exchange& exchange : process.exchanges) {
    auto flow_entry = database_.flows.find(exchange.flow_id);
    if (flow_entry == database_.flows.end()) continue;
    const Flow& flow = flow_entry->second;
    double amount = units_.reference_amount(exchange);

    if (is_providing_exchange(flow, exchange)) {
      double value = exchange.is_input ? -amount : amount;
      if (exchange.flow_id == key.flow_id) {
        system_.technosphere_entries.emplace_back(column, column, value);
        system_.production[column] += value;
        continue;
      }
      // With allocation another co-product belongs to its own column only.
      // Without, it leaves the system as an inventory flow, as in openLCA,
      // even when the system uses it through its own column.
      if (!allocated) add_inventory(exchange.flow_id, column, value, exchange.is_input);
      continue;
    }

    double share = allocation.share(key.flow_id, exchange);
    if (flow.type == FlowType::kElementary) {
      double value = exchange.is_input ? -amount : amount;
      add_inventory(exchange.flow_id, column, value * share, exchange.is_input);
      continue;
    }

    // A product input, waste output, avoided product or avoided waste.
    double value = exchange.is_input ? -amount : amount;
    bool effective_input = exchange.is_input;
    if (exchange.is_avoided_product) {
      effective_input = flow.type == FlowType::kWaste;
      value = effective_input ? -std::abs(amount) : std::abs(amount);
    }
    const LinkChoice& choice = links.at(exchange.internal_id);
    if (choice.provider_process_id.empty()) {
      add_inventory(exchange.flow_id, column, value * share, effective_input);
      continue;
    }
    int provider = system_.column_index.at(TechnosphereKey{choice.provider_process_id, choice.flow_id});
    system_.technosphere_entries.emplace_back(provider, column, value * share);
    system_.links.push_back(
        SystemLink{column, provider, exchange.internal_id, exchange.is_avoided_product});
  }
}

void Builder::index_inventory() {
  // The row direction is that of the first entry in column order; entries
  // were added column by column, so the first one met here is that entry.
  std::map<std::string, InventoryRow> rows;
  for (const PendingInventoryEntry& entry : pending_inventory_) {
    if (rows.count(entry.flow_id)) continue;
    const Flow& flow = database_.flows.at(entry.flow_id);
    InventoryFlowKind kind = flow.type == FlowType::kElementary ? InventoryFlowKind::kElementary
                             : flow.type == FlowType::kProduct  ? InventoryFlowKind::kBoundaryProduct
                                                                : InventoryFlowKind::kBoundaryWaste;
    rows.emplace(entry.flow_id, InventoryRow{entry.flow_id, kind, entry.is_input});
  }
  for (auto& [flow_id, row] : rows) {
    system_.inventory_index.emplace(flow_id, static_cast<int>(system_.inventory_rows.size()));
    system_.inventory_rows.push_back(std::move(row));
  }
  for (const PendingInventoryEntry& entry : pending_inventory_) {
    int row = system_.inventory_index.at(entry.flow_id);
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
    system_.column_index.emplace(key, static_cast<int>(system_.columns.size()));
    system_.columns.push_back(key);
  }
  system_.production.assign(system_.columns.size(), 0.0);

  for (int column = 0; column < static_cast<int>(system_.columns.size()); ++column) {
    const TechnosphereKey& key = system_.columns[column];
    auto error = process_errors_.find(key.process_id);
    if (error != process_errors_.end()) {
      system_.invalid_columns.push_back(InvalidColumn{column, error->second});
      system_.technosphere_entries.emplace_back(column, column, 1.0);
      system_.production[column] = 1.0;
      continue;
    }
    add_column_entries(column);

    if (system_.production[column] == 0.0 || !std::isfinite(system_.production[column])) {
      util::Error zero = make_error(
          ErrorCode::kModel,
          "process '{}' ({}) produces {} of its co-product flow {}; set a non-zero, finite "
          "amount on that output",
          database_.processes.at(key.process_id).name, key.process_id,
          system_.production[column], key.flow_id);
      if (!options_.collect_errors) return zero;
      system_.invalid_columns.push_back(InvalidColumn{column, zero});
      system_.technosphere_entries.emplace_back(column, column, 1.0);
      system_.production[column] = 1.0;
    }
  }
  index_inventory();
  mark_avoided_supply();

  for (auto& [process_id, links] : process_links_) {
    if (process_errors_.count(process_id)) continue;
    const Process& process = database_.processes.at(process_id);
    for (auto& [internal_id, choice] : links) {
      if (choice.provider_process_id.empty()) {
        const Exchange* exchange = nullptr;
        for (const Exchange& candidate : process.exchanges) {
          if (candidate.internal_id == internal_id) exchange = &candidate;
        }
        const Flow& flow = database_.flows.at(choice.flow_id);
        system_.cut_offs.push_back(CutOff{process_id, internal_id, choice.flow_id, flow.type,
                                          exchange->is_input, units_.reference_amount(*exchange)});
      }
      system_.link_choices.push_back(choice);
    }
  }
  for (auto& [process_id, allocation] : allocations_) system_.allocations.push_back(allocation);
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

util::Result<ProductSystem> build_product_system(const ProviderIndex& providers,
                                                 const UnitIndex& units, const Demand& demand,
                                                 const ProductSystemOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(TechnosphereKey root, resolve_demand(providers.database(), demand));

  Builder builder(providers, units, options);
  TRUSTPCF_RETURN_IF_ERROR(builder.traverse({root}));
  TRUSTPCF_RETURN_IF_ERROR(builder.assemble());
  ProductSystem system = builder.take();

  system.demand_column = system.column_index.at(root);
  double production = system.production[system.demand_column];
  system.demand_value = production < 0.0 ? -demand.amount : demand.amount;
  return system;
}

util::Result<ProductSystem> build_database_system(const ProviderIndex& providers,
                                                  const UnitIndex& units,
                                                  AllocationMode allocation) {
  const Database& database = providers.database();
  std::vector<TechnosphereKey> roots;
  for (const auto& [process_id, process] : database.processes) {
    for (const std::string& flow_id : co_products(database, process)) {
      roots.push_back(TechnosphereKey{process_id, flow_id});
    }
  }

  ProductSystemOptions options;
  options.allocation = allocation;
  options.collect_errors = true;
  Builder builder(providers, units, options);
  TRUSTPCF_RETURN_IF_ERROR(builder.traverse(roots));
  TRUSTPCF_RETURN_IF_ERROR(builder.assemble());
  return builder.take();
}

}  // namespace trustpcf::lca
