#include "lca/model.hpp"

#include <cassert>

namespace trustpcf::lca {

const Exchange* Process::quantitative_reference() const {
  for (const Exchange& exchange : exchanges) {
    if (exchange.is_quantitative_reference) return &exchange;
  }
  return nullptr;
}

const Unit* Database::find_unit(const std::string& unit_id) const {
  for (const auto& [id, group] : unit_groups) {
    for (const Unit& unit : group.units) {
      if (unit.id == unit_id) return &unit;
    }
  }
  return nullptr;
}

double Database::reference_amount(const Exchange& exchange) const {
  const Unit* unit = find_unit(exchange.unit_id);
  assert(unit != nullptr && "the importer checks every exchange unit");

  double property_factor = 1.0;
  auto flow = flows.find(exchange.flow_id);
  assert(flow != flows.end() && "the importer checks every exchange flow");
  for (const FlowPropertyFactor& factor : flow->second.flow_properties) {
    if (factor.flow_property_id == exchange.flow_property_id) {
      property_factor = factor.conversion_factor;
      break;
    }
  }
  return exchange.amount * unit->conversion_factor / property_factor;
}

UnitIndex::UnitIndex(const Database& database) : database_(database) {
  for (const auto& [id, group] : database.unit_groups) {
    for (const Unit& unit : group.units) unit_factors_.emplace(unit.id, unit.conversion_factor);
  }
}

double UnitIndex::reference_amount(const Exchange& exchange) const {
  auto unit = unit_factors_.find(exchange.unit_id);
  assert(unit != unit_factors_.end() && "the importer checks every exchange unit");

  double property_factor = 1.0;
  auto flow = database_.flows.find(exchange.flow_id);
  assert(flow != database_.flows.end() && "the importer checks every exchange flow");
  for (const FlowPropertyFactor& factor : flow->second.flow_properties) {
    if (factor.flow_property_id == exchange.flow_property_id) {
      property_factor = factor.conversion_factor;
      break;
    }
  }
  return exchange.amount * unit->second / property_factor;
}

}  // namespace trustpcf::lca
