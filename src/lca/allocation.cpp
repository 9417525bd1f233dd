#include "lca/allocation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "lca/linking.hpp"

namespace trustpcf::lca {

namespace {

using util::ErrorCode;
using util::make_error;

// Factors of one method may be published rounded; a sum further than this
// from 1 is logged, because the process then creates or loses inventory.
constexpr double kShareSumTolerance = 1e-3;

const char* method_name(AllocationMethod method) {
  switch (method) {
    case AllocationMethod::kNone:
      return "none";
    case AllocationMethod::kPhysical:
      return "physical";
    case AllocationMethod::kEconomic:
      return "economic";
    case AllocationMethod::kCausal:
      return "causal";
    case AllocationMethod::kUseDefault:
      return "default";
  }
  return "unknown";
}

bool has_factors(const Process& process, AllocationMethod method) {
  return std::any_of(process.allocation_factors.begin(), process.allocation_factors.end(),
                     [&](const AllocationFactor& factor) { return factor.method == method; });
}

bool is_co_product_exchange(const Database& database, const Exchange& exchange) {
  auto flow = database.flows.find(exchange.flow_id);
  return flow != database.flows.end() && is_providing_exchange(flow->second, exchange);
}

// Fills product_shares from the process's factors of `method`. A co-product
// without a factor gets share 0 when the given factors already sum to 1, as
// published data often omits the zero factor of a by-product; it is listed
// in unallocated_co_products.
util::Status take_product_shares(const Process& process, AllocationMethod method,
                                 ProcessAllocation& allocation) {
  double sum = 0.0;
  std::vector<std::string> missing;
  for (const std::string& product : allocation.co_product_flow_ids) {
    auto factor = std::find_if(process.allocation_factors.begin(), process.allocation_factors.end(),
                               [&](const AllocationFactor& candidate) {
                                 return candidate.method == method &&
                                        candidate.product_flow_id == product;
                               });
    if (factor == process.allocation_factors.end()) {
      missing.push_back(product);
      continue;
    }
    if (factor->value < 0.0 || !std::isfinite(factor->value)) {
      return make_error(ErrorCode::kModel,
                        "{} allocation factor {} of co-product flow {} in process '{}' ({}) is "
                        "not a share in [0, 1]; correct the factor",
                        method_name(method), factor->value, product, process.name, process.id);
    }
    allocation.product_shares[product] = factor->value;
    sum += factor->value;
  }
  if (!missing.empty()) {
    if (std::abs(sum - 1.0) > kShareSumTolerance) {
      return make_error(ErrorCode::kModel,
                        "process '{}' ({}) has {} allocation factors but none for co-product "
                        "flow {}, and the given factors sum to {}, not 1; add the factor or "
                        "choose another --allocation mode",
                        process.name, process.id, method_name(method), missing.front(), sum);
    }
    for (const std::string& product : missing) allocation.product_shares[product] = 0.0;
    allocation.unallocated_co_products = std::move(missing);
  } else if (std::abs(sum - 1.0) > kShareSumTolerance) {
    spdlog::warn("allocation factors do not sum to 1 process={} method={} sum={}", process.id,
                 method_name(method), sum);
  }
  allocation.method = method;
  return util::Status();
}

// Fills causal_shares; every exchange that is not a co-product needs a
// factor for every co-product.
util::Status take_causal_shares(const Database& database, const Process& process,
                                ProcessAllocation& allocation) {
  for (const AllocationFactor& factor : process.allocation_factors) {
    if (factor.method != AllocationMethod::kCausal || !factor.exchange_internal_id) continue;
    allocation.causal_shares[{factor.product_flow_id, *factor.exchange_internal_id}] = factor.value;
  }
  for (const Exchange& exchange : process.exchanges) {
    if (is_co_product_exchange(database, exchange)) continue;
    for (const std::string& product : allocation.co_product_flow_ids) {
      auto found = allocation.causal_shares.find({product, exchange.internal_id});
      if (found == allocation.causal_shares.end()) {
        return make_error(ErrorCode::kModel,
                          "process '{}' ({}) has causal allocation factors but none for exchange "
                          "{} (flow {}) and co-product flow {}; add the factor or choose another "
                          "--allocation mode",
                          process.name, process.id, exchange.internal_id, exchange.flow_id,
                          product);
      }
      if (found->second < 0.0 || !std::isfinite(found->second)) {
        return make_error(ErrorCode::kModel,
                          "causal allocation factor {} of exchange {} in process '{}' ({}) is "
                          "not a share in [0, 1]; correct the factor",
                          found->second, exchange.internal_id, process.name, process.id);
      }
    }
  }
  allocation.method = AllocationMethod::kCausal;
  return util::Status();
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Returns the amount of `exchange` in kg when its flow property is a mass
// (a unit group whose reference unit is kg), else a negative number.
double mass_in_kg(const Database& database, const Exchange& exchange) {
  auto property = database.flow_properties.find(exchange.flow_property_id);
  if (property == database.flow_properties.end()) return -1.0;
  auto group = database.unit_groups.find(property->second.unit_group_id);
  if (group == database.unit_groups.end()) return -1.0;

  const Unit* reference_unit = nullptr;
  const Unit* exchange_unit = nullptr;
  for (const Unit& unit : group->second.units) {
    if (unit.id == group->second.reference_unit_id) reference_unit = &unit;
    if (unit.id == exchange.unit_id) exchange_unit = &unit;
  }
  if (reference_unit == nullptr || exchange_unit == nullptr) return -1.0;
  if (lower(reference_unit->name) != "kg") return -1.0;
  return std::abs(exchange.amount) * exchange_unit->conversion_factor;
}

// Fills product_shares with mass shares of the co-product outputs; returns
// false when a co-product is not in a mass unit or the total mass is zero.
bool take_mass_shares(const Database& database, const Process& process,
                      ProcessAllocation& allocation) {
  std::map<std::string, double> masses;
  double total = 0.0;
  for (const Exchange& exchange : process.exchanges) {
    if (!is_co_product_exchange(database, exchange)) continue;
    double mass = mass_in_kg(database, exchange);
    if (mass < 0.0) return false;
    masses[exchange.flow_id] += mass;
    total += mass;
  }
  if (!(total > 0.0)) return false;
  for (const auto& [product, mass] : masses) allocation.product_shares[product] = mass / total;
  allocation.method = AllocationMethod::kPhysical;
  return true;
}

util::Error no_method_error(const Process& process, AllocationMode mode) {
  return make_error(ErrorCode::kModel,
                    "process '{}' ({}) has co-products but no usable allocation for mode '{}': "
                    "it has no {} factors and its co-products are not all in mass units; "
                    "add allocation factors to the process or choose --allocation "
                    "physical|economic|causal|none",
                    process.name, process.id, allocation_mode_name(mode),
                    mode == AllocationMode::kDefault ? "default, physical or economic"
                                                     : allocation_mode_name(mode));
}

}  // namespace

const char* allocation_mode_name(AllocationMode mode) {
  switch (mode) {
    case AllocationMode::kDefault:
      return "default";
    case AllocationMode::kPhysical:
      return "physical";
    case AllocationMode::kEconomic:
      return "economic";
    case AllocationMode::kCausal:
      return "causal";
    case AllocationMode::kNone:
      return "none";
  }
  return "unknown";
}

util::Result<AllocationMode> parse_allocation_mode(std::string_view text) {
  for (AllocationMode mode : {AllocationMode::kDefault, AllocationMode::kPhysical,
                              AllocationMode::kEconomic, AllocationMode::kCausal,
                              AllocationMode::kNone}) {
    if (text == allocation_mode_name(mode)) return mode;
  }
  return make_error(ErrorCode::kUsage,
                    "invalid allocation mode '{}'; use default, physical, economic, causal or none",
                    text);
}

const char* allocation_source_name(AllocationSource source) {
  switch (source) {
    case AllocationSource::kNotNeeded:
      return "not_needed";
    case AllocationSource::kProcessDefault:
      return "process_default";
    case AllocationSource::kFactors:
      return "factors";
    case AllocationSource::kMassShares:
      return "mass_shares";
  }
  return "unknown";
}

double ProcessAllocation::share(const std::string& product_flow_id, const Exchange& exchange) const {
  switch (method) {
    case AllocationMethod::kPhysical:
    case AllocationMethod::kEconomic: {
      auto found = product_shares.find(product_flow_id);
      return found == product_shares.end() ? 1.0 : found->second;
    }
    case AllocationMethod::kCausal: {
      auto found = causal_shares.find({product_flow_id, exchange.internal_id});
      return found == causal_shares.end() ? 1.0 : found->second;
    }
    case AllocationMethod::kNone:
    case AllocationMethod::kUseDefault:
      return 1.0;
  }
  return 1.0;
}

std::vector<std::string> co_products(const Database& database, const Process& process) {
  std::vector<std::string> products;
  for (const Exchange& exchange : process.exchanges) {
    if (is_co_product_exchange(database, exchange)) products.push_back(exchange.flow_id);
  }
  std::sort(products.begin(), products.end());
  products.erase(std::unique(products.begin(), products.end()), products.end());
  return products;
}

util::Result<ProcessAllocation> resolve_allocation(const Database& database,
                                                   const Process& process, AllocationMode mode) {
  ProcessAllocation allocation;
  allocation.process_id = process.id;
  allocation.co_product_flow_ids = co_products(database, process);
  if (allocation.co_product_flow_ids.size() < 2 || mode == AllocationMode::kNone) {
    return allocation;
  }

  auto take = [&](AllocationMethod method) -> util::Status {
    if (method == AllocationMethod::kCausal) return take_causal_shares(database, process, allocation);
    return take_product_shares(process, method, allocation);
  };

  switch (mode) {
    case AllocationMode::kPhysical:
    case AllocationMode::kEconomic:
    case AllocationMode::kCausal: {
      AllocationMethod method = mode == AllocationMode::kPhysical   ? AllocationMethod::kPhysical
                                : mode == AllocationMode::kEconomic ? AllocationMethod::kEconomic
                                                                    : AllocationMethod::kCausal;
      if (has_factors(process, method)) {
        TRUSTPCF_RETURN_IF_ERROR(take(method));
        allocation.source = AllocationSource::kFactors;
        return allocation;
      }
      if (method == AllocationMethod::kPhysical && take_mass_shares(database, process, allocation)) {
        allocation.source = AllocationSource::kMassShares;
        return allocation;
      }
      return no_method_error(process, mode);
    }
    case AllocationMode::kDefault: {
      AllocationMethod declared = process.default_allocation;
      bool declared_usable = declared == AllocationMethod::kPhysical ||
                             declared == AllocationMethod::kEconomic ||
                             declared == AllocationMethod::kCausal;
      if (declared_usable && has_factors(process, declared)) {
        TRUSTPCF_RETURN_IF_ERROR(take(declared));
        allocation.source = AllocationSource::kProcessDefault;
        return allocation;
      }
      for (AllocationMethod method : {AllocationMethod::kPhysical, AllocationMethod::kEconomic}) {
        if (has_factors(process, method)) {
          TRUSTPCF_RETURN_IF_ERROR(take(method));
          allocation.source = AllocationSource::kFactors;
          return allocation;
        }
      }
      if (take_mass_shares(database, process, allocation)) {
        allocation.source = AllocationSource::kMassShares;
        return allocation;
      }
      return no_method_error(process, mode);
    }
    case AllocationMode::kNone:
      break;
  }
  return allocation;
}

std::string describe_allocation(const Database& database, AllocationMode mode,
                                const std::vector<ProcessAllocation>& allocations) {
  std::vector<const ProcessAllocation*> multi_output;
  for (const ProcessAllocation& allocation : allocations) {
    if (allocation.co_product_flow_ids.size() > 1) multi_output.push_back(&allocation);
  }
  std::sort(multi_output.begin(), multi_output.end(),
            [](const ProcessAllocation* a, const ProcessAllocation* b) {
              return a->process_id < b->process_id;
            });

  auto name_of = [&](const std::string& id) {
    auto process = database.processes.find(id);
    return process == database.processes.end() ? id : process->second.name;
  };

  if (multi_output.empty()) {
    return "No process in the product system has co-products, so no allocation was applied.";
  }

  std::string text;
  if (mode == AllocationMode::kNone) {
    text = fmt::format(
        "No allocation: each co-product used by the product system carries the whole inventory "
        "of its process, and the other co-products are reported as outputs crossing the system "
        "boundary. Multi-output processes ({}):",
        multi_output.size());
    for (const ProcessAllocation* allocation : multi_output) {
      text += fmt::format(" '{}';", name_of(allocation->process_id));
    }
    text.back() = '.';
    return text;
  }

  text = fmt::format("Allocation mode '{}'{}. Multi-output processes ({}):",
                     allocation_mode_name(mode),
                     mode == AllocationMode::kDefault
                         ? " (ISO 14044 hierarchy: the process's default method, else physical "
                           "factors, else economic factors, else mass shares of the co-products)"
                         : "",
                     multi_output.size());
  for (const ProcessAllocation* allocation : multi_output) {
    const char* how = "";
    switch (allocation->source) {
      case AllocationSource::kProcessDefault:
        how = "the process's default method";
        break;
      case AllocationSource::kFactors:
        how = "factors given in the data";
        break;
      case AllocationSource::kMassShares:
        how = "shares by mass of the co-product outputs";
        break;
      case AllocationSource::kNotNeeded:
        how = "not allocated";
        break;
    }
    text += fmt::format(" '{}' {} by {}", name_of(allocation->process_id),
                        method_name(allocation->method), how);
    if (!allocation->unallocated_co_products.empty()) {
      std::vector<std::string> names;
      for (const std::string& flow_id : allocation->unallocated_co_products) {
        auto flow = database.flows.find(flow_id);
        names.push_back("'" + (flow == database.flows.end() ? flow_id : flow->second.name) + "'");
      }
      text += fmt::format(" (share 0, no factor given: {})", fmt::join(names, ", "));
    }
    text += ";";
  }
  text.back() = '.';
  return text;
}

}  // namespace trustpcf::lca
