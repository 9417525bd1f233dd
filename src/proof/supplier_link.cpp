#include "proof/supplier_link.hpp"

#include <fmt/format.h>

#include "lca/linking.hpp"
#include "proof/foreground_evidence.hpp"
#include "util/numbers.hpp"
#include "util/strings.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

// Hex digits of the footprint digest shown in names.
constexpr std::size_t kShownDigestDigits = 12;

// LCA unit names (openLCA spelling) of each PACT v3 declared unit, tried in order.
struct DeclaredUnitSpelling {
  const char* declared_unit;
  std::vector<const char*> units;
};
const std::vector<DeclaredUnitSpelling>& declared_unit_spellings() {
  static const std::vector<DeclaredUnitSpelling> spellings = {
      {"kilogram", {"kg"}},          {"liter", {"l", "L"}},         {"cubic meter", {"m3"}},
      {"kilowatt hour", {"kWh"}},    {"megajoule", {"MJ"}},         {"ton kilometer", {"t*km", "tkm"}},
      {"square meter", {"m2"}},      {"piece", {"Item(s)", "p", "pcs"}}, {"hour", {"h"}},
  };
  return spellings;
}

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool names_flow(const std::string& name_or_id, const lca::Flow& flow) {
  return util::trim(name_or_id) == flow.id || util::trim_lower(name_or_id) == util::trim_lower(flow.name);
}

bool product_ids_name(const SupplierFootprintSummary& supplier, const lca::Flow& flow) {
  std::string urn = "urn:uuid:" + lower_ascii(flow.id);
  for (const std::string& id : supplier.product_ids) {
    if (lower_ascii(id) == urn) return true;
  }
  return false;
}

// The flow property whose unit group has "kg" as reference unit, for the CO2e flow.
util::Result<std::string> mass_property_id(const lca::Database& database) {
  for (const auto& [id, property] : database.flow_properties) {
    auto group = database.unit_groups.find(property.unit_group_id);
    if (group == database.unit_groups.end()) continue;
    for (const lca::Unit& unit : group->second.units) {
      if (unit.id == group->second.reference_unit_id && unit.name == "kg") return id;
    }
  }
  return util::Error(ErrorCode::kInvalidInput,
                     "the database has no flow property with the reference unit kg, so a supplier footprint's "
                     "kg CO2e cannot be expressed; import a database with a mass flow property");
}

// Returns the id of an elementary flow named kSupplierCo2eFlowName filed as
// an emission to air, with kg as reference unit, or "" when there is none.
std::string existing_co2e_flow(const lca::Database& database) {
  for (const auto& [id, flow] : database.flows) {
    if (flow.type != lca::FlowType::kElementary || util::trim_lower(flow.name) != lower_ascii(kSupplierCo2eFlowName)) {
      continue;
    }
    bool to_air = false;
    for (const std::string& segment : flow.category_path) {
      std::string lower = lower_ascii(segment);
      if (lower.rfind("resource", 0) == 0) break;
      if (lower == "air" || lower.find("emission to air") != std::string::npos ||
          lower.find("emissions to air") != std::string::npos) {
        to_air = true;
      }
    }
    if (!to_air || flow.flow_properties.empty()) continue;
    for (const lca::FlowPropertyFactor& factor : flow.flow_properties) {
      if (!factor.is_reference) continue;
      auto property = database.flow_properties.find(factor.flow_property_id);
      if (property == database.flow_properties.end()) continue;
      auto group = database.unit_groups.find(property->second.unit_group_id);
      if (group == database.unit_groups.end()) continue;
      const lca::Unit* unit = database.find_unit(group->second.reference_unit_id);
      if (unit != nullptr && unit->name == "kg" && factor.conversion_factor == 1.0) return id;
    }
  }
  return "";
}

}  // namespace

nlohmann::json LinkedSupplierFootprint::to_json() const {
  return {{"footprintDigest", footprint_digest},
          {"footprintId", footprint_id},
          {"exchange", exchange_internal_id},
          {"flow", flow_id},
          {"unit", unit},
          {"co2ePerUnit", util::format_decimal(co2e_per_unit)}};
}

util::Result<LinkedSupplierFootprint> link_supplier_footprint(lca::Database& database,
                                                              const std::string& process_id,
                                                              const SupplierFootprintSummary& supplier,
                                                              const std::string& flow_name_or_id) {
  auto found = database.processes.find(process_id);
  if (found == database.processes.end()) {
    return make_error(ErrorCode::kNotFound, "process '{}' is not in the database", process_id);
  }
  lca::Process& process = found->second;
  const std::string shown = supplier.footprint_digest.substr(0, kShownDigestDigits);
  const std::string where = fmt::format("supplier footprint {} ({})", shown, supplier.company_name);

  // The product input to relink.
  std::vector<lca::Exchange*> matches;
  std::vector<std::string> inputs;
  for (lca::Exchange& exchange : process.exchanges) {
    auto flow = database.flows.find(exchange.flow_id);
    if (flow == database.flows.end() || flow->second.type != lca::FlowType::kProduct) continue;
    if (!exchange.is_input || exchange.is_avoided_product) continue;
    inputs.push_back("'" + util::trim(flow->second.name) + "'");
    bool wanted = flow_name_or_id.empty() ? product_ids_name(supplier, flow->second)
                                          : names_flow(flow_name_or_id, flow->second);
    if (wanted) matches.push_back(&exchange);
  }
  if (matches.size() != 1) {
    std::string how = flow_name_or_id.empty()
                          ? fmt::format("by its productIds {}", fmt::join(supplier.product_ids, ", "))
                          : fmt::format("by the flow '{}'", flow_name_or_id);
    return make_error(ErrorCode::kInvalidInput,
                      "{} matches {} product inputs of process '{}' {}; name the input with "
                      "--supplier-footprint ID=FLOW, one of {}",
                      where, matches.size(), util::trim(process.name), how, fmt::join(inputs, ", "));
  }
  lca::Exchange& exchange = *matches.front();
  const lca::Flow original = database.flows.at(exchange.flow_id);

  // kg CO2e per declared unit, then per unit of the exchange.
  TRUSTPCF_ASSIGN_OR_RETURN(double pcf, util::parse_double(supplier.pcf_excluding_biogenic_uptake));
  TRUSTPCF_ASSIGN_OR_RETURN(double declared_amount, util::parse_double(supplier.declared_unit_amount));
  if (!(declared_amount > 0.0)) {
    return make_error(ErrorCode::kInvalidInput, "{}: declaredUnitAmount {} is not above zero", where,
                      supplier.declared_unit_amount);
  }
  std::optional<double> exchange_units_per_declared_unit;
  std::string conversion_error;
  for (const DeclaredUnitSpelling& spelling : declared_unit_spellings()) {
    if (supplier.declared_unit != spelling.declared_unit) continue;
    for (const char* unit : spelling.units) {
      auto converted = convert_to_exchange_unit(database, original, exchange, 1.0, unit, where);
      if (converted.ok()) {
        exchange_units_per_declared_unit = *converted;
        break;
      }
      if (conversion_error.empty()) conversion_error = converted.error().message();
    }
  }
  if (!exchange_units_per_declared_unit || !(*exchange_units_per_declared_unit > 0.0)) {
    return make_error(ErrorCode::kInvalidInput,
                      "{}: its declared unit '{}' cannot be converted into the unit of input '{}'{}{}", where,
                      supplier.declared_unit, util::trim(original.name), conversion_error.empty() ? "" : ": ",
                      conversion_error);
  }

  LinkedSupplierFootprint linked;
  linked.footprint_digest = supplier.footprint_digest;
  linked.footprint_id = supplier.footprint_id;
  linked.company_name = supplier.company_name;
  linked.exchange_internal_id = exchange.internal_id;
  linked.flow_id = original.id;
  linked.flow_name = util::trim(original.name);
  const lca::Unit* unit = database.find_unit(exchange.unit_id);
  linked.unit = unit == nullptr ? exchange.unit_id : unit->name;
  linked.co2e_per_unit = pcf / declared_amount / *exchange_units_per_declared_unit;
  if (supplier.primary_data_share) {
    TRUSTPCF_ASSIGN_OR_RETURN(double share, util::parse_double(*supplier.primary_data_share));
    linked.primary_data_share = share;
  }
  linked.process_id = "trustpcf-supplier-footprint-" + supplier.footprint_digest;
  linked.process_name = fmt::format("supplier footprint {} ({})", shown, supplier.company_name);

  // The flow only the synthetic process provides, with the input's flow properties.
  lca::Flow supplied = original;
  supplied.id = linked.process_id + "-product";
  supplied.name = fmt::format("{} from {}", linked.flow_name, linked.process_name);
  database.flows[supplied.id] = supplied;

  // The CO2e carrier: the database's own fossil CO2 emission to air, else one added once.
  std::string co2e_flow_id = existing_co2e_flow(database);
  if (co2e_flow_id.empty()) co2e_flow_id = "trustpcf-supplier-footprint-co2e";
  if (!database.flows.count(co2e_flow_id)) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string mass, mass_property_id(database));
    lca::Flow co2e;
    co2e.id = co2e_flow_id;
    co2e.name = kSupplierCo2eFlowName;
    co2e.type = lca::FlowType::kElementary;
    co2e.cas = "000124-38-9";
    co2e.formula = "CO2";
    co2e.category_path = {"Elementary flows", "Emission to air", "unspecified"};
    co2e.flow_properties.push_back({mass, 1.0, true});
    database.flows[co2e.id] = co2e;
  }
  const lca::Flow& co2e = database.flows.at(co2e_flow_id);
  std::string mass = co2e.flow_properties.front().flow_property_id;
  for (const lca::FlowPropertyFactor& factor : co2e.flow_properties) {
    if (factor.is_reference) mass = factor.flow_property_id;
  }
  const auto& mass_group = database.unit_groups.at(database.flow_properties.at(mass).unit_group_id);

  lca::Process provider;
  provider.id = linked.process_id;
  provider.name = linked.process_name;
  provider.location_id = process.location_id;
  provider.category_path = {"Supplier footprints"};
  lca::Exchange output;
  output.internal_id = 1;
  output.flow_id = supplied.id;
  output.is_input = false;
  output.is_quantitative_reference = true;
  output.amount = 1.0;
  output.unit_id = exchange.unit_id;
  output.flow_property_id = exchange.flow_property_id;
  output.description = fmt::format("One {} of '{}', as supplier footprint {} declares it.", linked.unit,
                                   linked.flow_name, supplier.footprint_id);
  provider.exchanges.push_back(output);
  lca::Exchange emission;
  emission.internal_id = 2;
  emission.flow_id = co2e.id;
  emission.is_input = false;
  emission.amount = linked.co2e_per_unit;
  emission.unit_id = mass_group.reference_unit_id;
  emission.flow_property_id = mass;
  emission.description = fmt::format("pcfExcludingBiogenicUptake {} kg CO2e per {} {} of supplier footprint {}.",
                                     supplier.pcf_excluding_biogenic_uptake, supplier.declared_unit_amount,
                                     supplier.declared_unit, supplier.footprint_id);
  provider.exchanges.push_back(emission);
  database.processes[provider.id] = provider;

  exchange.flow_id = supplied.id;
  exchange.default_provider_id = provider.id;
  return linked;
}

}  // namespace trustpcf::proof
