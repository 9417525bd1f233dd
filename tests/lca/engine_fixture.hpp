#pragma once

// Builds small in-memory LCI databases for engine tests: units of mass
// (kg, g), energy (MJ, kWh) and items, and helpers for flows, processes and
// exchanges. Amounts are in the unit passed (the flow's reference unit when
// none is passed).

#include <string>

#include "lca/model.hpp"

namespace trustpcf::lca::testing {

inline constexpr const char* kMass = "fp-mass";
inline constexpr const char* kEnergy = "fp-energy";
inline constexpr const char* kItems = "fp-items";
inline constexpr const char* kKg = "u-kg";
inline constexpr const char* kGram = "u-g";
inline constexpr const char* kMegajoule = "u-mj";
inline constexpr const char* kKilowattHour = "u-kwh";
inline constexpr const char* kItem = "u-item";

class ModelBuilder {
 public:
  ModelBuilder() {
    db.unit_groups["ug-mass"] = UnitGroup{
        "ug-mass", "Units of mass", kKg, {{kKg, "kg", 1.0, true}, {kGram, "g", 0.001, false}}};
    db.unit_groups["ug-energy"] =
        UnitGroup{"ug-energy", "Units of energy", kMegajoule,
                  {{kMegajoule, "MJ", 1.0, true}, {kKilowattHour, "kWh", 3.6, false}}};
    db.unit_groups["ug-items"] =
        UnitGroup{"ug-items", "Units of items", kItem, {{kItem, "Item(s)", 1.0, true}}};
    db.flow_properties[kMass] = FlowProperty{kMass, "Mass", "ug-mass"};
    db.flow_properties[kEnergy] = FlowProperty{kEnergy, "Energy", "ug-energy"};
    db.flow_properties[kItems] = FlowProperty{kItems, "Number of items", "ug-items"};
    db.locations["loc-cn"] = Location{"loc-cn", "China", "CN"};
    db.locations["loc-us"] = Location{"loc-us", "United States", "US"};
  }

  Flow& flow(const std::string& id, FlowType type, const std::string& property = kMass) {
    Flow& flow = db.flows[id];
    flow.id = id;
    flow.name = "flow " + id;
    flow.type = type;
    flow.flow_properties = {FlowPropertyFactor{property, 1.0, true}};
    return flow;
  }
  Flow& product(const std::string& id, const std::string& property = kMass) {
    return flow(id, FlowType::kProduct, property);
  }
  Flow& waste(const std::string& id) { return flow(id, FlowType::kWaste); }
  Flow& elementary(const std::string& id) {
    Flow& created = flow(id, FlowType::kElementary);
    created.category_path = {"Elementary flows", "air", "unspecified"};
    return created;
  }

  Process& process(const std::string& id, const std::string& location = "") {
    Process& process = db.processes[id];
    process.id = id;
    process.name = "process " + id;
    process.location_id = location;
    return process;
  }

  // Adds an exchange. The first output added to a process becomes its
  // quantitative reference unless another exchange is marked already.
  Exchange& exchange(const std::string& process_id, const std::string& flow_id, double amount,
                     bool is_input, std::string unit = "") {
    Process& target = db.processes.at(process_id);
    const Flow& flow = db.flows.at(flow_id);
    Exchange exchange;
    exchange.internal_id = static_cast<int>(target.exchanges.size()) + 1;
    exchange.flow_id = flow_id;
    exchange.is_input = is_input;
    exchange.amount = amount;
    exchange.flow_property_id = flow.flow_properties.front().flow_property_id;
    if (unit.empty()) {
      const FlowProperty& property = db.flow_properties.at(exchange.flow_property_id);
      unit = db.unit_groups.at(property.unit_group_id).reference_unit_id;
    }
    exchange.unit_id = unit;
    target.exchanges.push_back(exchange);
    return target.exchanges.back();
  }
  Exchange& output(const std::string& process_id, const std::string& flow_id, double amount,
                   const std::string& unit = "") {
    Exchange& added = exchange(process_id, flow_id, amount, false, unit);
    if (db.processes.at(process_id).quantitative_reference() == nullptr) {
      added.is_quantitative_reference = true;
    }
    return added;
  }
  Exchange& input(const std::string& process_id, const std::string& flow_id, double amount,
                  const std::string& unit = "") {
    return exchange(process_id, flow_id, amount, true, unit);
  }

  void factor(const std::string& process_id, AllocationMethod method, const std::string& product,
              double value, std::optional<int> exchange = std::nullopt) {
    db.processes.at(process_id)
        .allocation_factors.push_back(AllocationFactor{method, product, value, "", exchange});
  }

  Database db;
};

}  // namespace trustpcf::lca::testing
