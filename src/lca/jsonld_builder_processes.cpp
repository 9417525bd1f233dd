#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lca/jsonld_builder.hpp"
#include "lca/jsonld_fields.hpp"

namespace trustpcf::lca::jsonld {

using util::ErrorCode;
using util::make_error;

namespace {

// Relative difference above which a formula result and the amount stored
// beside it in the export are reported as different. openLCA writes both
// from the same double, so anything above rounding noise means the export
// was edited by hand or computed with other parameter values.
constexpr double kFormulaMismatchTolerance = 1e-9;

std::optional<AllocationMethod> parse_allocation_method(const std::string& text) {
  if (text == "PHYSICAL_ALLOCATION") return AllocationMethod::kPhysical;
  if (text == "ECONOMIC_ALLOCATION") return AllocationMethod::kEconomic;
  if (text == "CAUSAL_ALLOCATION") return AllocationMethod::kCausal;
  if (text == "USE_DEFAULT_ALLOCATION") return AllocationMethod::kUseDefault;
  if (text == "NO_ALLOCATION") return AllocationMethod::kNone;
  return std::nullopt;
}

std::optional<Uncertainty> read_uncertainty(const nlohmann::json& object) {
  auto field = object.find("uncertainty");
  if (field == object.end() || !field->is_object()) return std::nullopt;
  Uncertainty uncertainty;
  uncertainty.distribution = string_field(*field, "distributionType");
  uncertainty.parameters = nlohmann::json::object();
  for (const auto& [key, value] : field->items()) {
    if (key == "@type" || key == "distributionType") continue;
    uncertainty.parameters[key] = value;
  }
  return uncertainty;
}

Parameter read_parameter(const nlohmann::json& object) {
  Parameter parameter;
  parameter.id = string_field(object, "@id");
  parameter.name = string_field(object, "name");
  parameter.is_input_parameter = flag(object, "isInputParameter", "inputParameter", true);
  parameter.value = number_field(object, "value").value_or(0.0);
  parameter.formula = string_field(object, "formula");
  parameter.uncertainty = read_uncertainty(object);
  return parameter;
}

bool differs(double a, double b) {
  return std::fabs(a - b) > kFormulaMismatchTolerance * std::max(std::fabs(a), std::fabs(b));
}

}  // namespace

util::Result<Database> ModelBuilder::build() {
  read_categories();
  read_unit_groups();
  read_flow_properties();
  read_locations();
  read_flows();
  TRUSTPCF_RETURN_IF_ERROR(read_global_parameters());

  for (const auto& [id, entity] : of_type("processes")) {
    TRUSTPCF_ASSIGN_OR_RETURN(Process process, read_process(id, entity));
    database_.processes.emplace(id, std::move(process));
  }
  return std::move(database_);
}

util::Status ModelBuilder::read_global_parameters() {
  for (const auto& [id, entity] : of_type("parameters")) {
    database_.global_parameters.push_back(read_parameter(entity));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(global_values_, evaluate_parameters(database_.global_parameters, {}, "global parameters"));
  return {};
}

util::Result<Process> ModelBuilder::read_process(const std::string& id, const nlohmann::json& entity) {
  Process process;
  process.id = id;
  process.name = string_field(entity, "name");
  process.category_path = category_path(entity);
  const std::string label = describe("process", entity);

  process.location_id = reference_id(entity, "location");
  if (!process.location_id.empty() && !database_.locations.contains(process.location_id)) {
    warn("missing-location", fmt::format("{} names location {}, which is not in the export; the location is "
                                         "left out",
                                         label, process.location_id));
    process.location_id.clear();
  }

  std::string method = string_field(entity, "defaultAllocationMethod");
  if (!method.empty()) {
    std::optional<AllocationMethod> parsed = parse_allocation_method(method);
    if (!parsed) {
      return make_error(ErrorCode::kInvalidInput,
                        "{}, field defaultAllocationMethod: unknown method '{}'; use PHYSICAL_ALLOCATION, "
                        "ECONOMIC_ALLOCATION, CAUSAL_ALLOCATION or NO_ALLOCATION",
                        label, method);
    }
    process.default_allocation = *parsed;
  }

  if (auto parameters = entity.find("parameters"); parameters != entity.end() && parameters->is_array()) {
    for (const nlohmann::json& object : *parameters) process.parameters.push_back(read_parameter(object));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(ParameterValues values, evaluate_parameters(process.parameters, global_values_, label));

  int position = 0;
  if (auto exchanges = entity.find("exchanges"); exchanges != entity.end() && exchanges->is_array()) {
    for (const nlohmann::json& object : *exchanges) {
      ++position;
      auto exchange = read_exchange(process, object, position, values);
      if (!exchange.ok()) return exchange.error().with_context(label);
      process.exchanges.push_back(std::move(exchange).value());
    }
  }

  int references = 0;
  for (const Exchange& exchange : process.exchanges) references += exchange.is_quantitative_reference ? 1 : 0;
  if (references > 1) {
    return make_error(ErrorCode::kInvalidInput,
                      "{} marks {} exchanges as quantitative reference; mark exactly one", label, references);
  }
  if (references == 0) {
    warn("no-quantitative-reference",
         fmt::format("{} has no quantitative reference; it cannot be a provider", label));
  }

  TRUSTPCF_RETURN_IF_ERROR(read_allocation_factors(process, entity, values));
  return process;
}

util::Result<Exchange> ModelBuilder::read_exchange(const Process& process, const nlohmann::json& object,
                                                   int position, const ParameterValues& parameters) {
  Exchange exchange;
  exchange.internal_id = static_cast<int>(number_field(object, "internalId").value_or(position));
  const std::string where = fmt::format("exchange {}", exchange.internal_id);

  exchange.flow_id = reference_id(object, "flow");
  if (exchange.flow_id.empty()) {
    return make_error(ErrorCode::kInvalidInput, "{}, field flow: missing; name the exchange's flow", where);
  }
  if (auto broken = broken_flows_.find(exchange.flow_id); broken != broken_flows_.end()) {
    return make_error(ErrorCode::kInvalidInput, "{}, field flow: {}", where, broken->second);
  }
  auto flow = database_.flows.find(exchange.flow_id);
  if (flow == database_.flows.end()) {
    return make_error(ErrorCode::kInvalidInput,
                      "{}, field flow: flow {} is not in the export; add the flow or remove the exchange", where,
                      exchange.flow_id);
  }

  exchange.is_input = flag(object, "isInput", "input");
  exchange.is_avoided_product = flag(object, "isAvoidedProduct", "avoidedProduct");
  exchange.is_quantitative_reference = flag(object, "isQuantitativeReference", "quantitativeReference");
  exchange.description = string_field(object, "description");
  exchange.uncertainty = read_uncertainty(object);

  // Flow property: as given, else the flow's reference flow property.
  exchange.flow_property_id = reference_id(object, "flowProperty");
  const FlowPropertyFactor* factor = nullptr;
  for (const FlowPropertyFactor& candidate : flow->second.flow_properties) {
    bool match = exchange.flow_property_id.empty() ? candidate.is_reference
                                                   : candidate.flow_property_id == exchange.flow_property_id;
    if (match) factor = &candidate;
  }
  if (factor == nullptr) {
    std::vector<std::string> names;
    for (const FlowPropertyFactor& candidate : flow->second.flow_properties) {
      names.push_back(database_.flow_properties.at(candidate.flow_property_id).name);
    }
    return make_error(ErrorCode::kInvalidInput,
                      "{}, field flowProperty: flow property {} is not a property of flow '{}' ({}); use one of: {}",
                      where, exchange.flow_property_id, flow->second.name, flow->second.id, fmt::join(names, ", "));
  }
  exchange.flow_property_id = factor->flow_property_id;
  const FlowProperty& property = database_.flow_properties.at(factor->flow_property_id);
  const UnitGroup& group = database_.unit_groups.at(property.unit_group_id);

  // Unit: as given, else the reference unit of the flow property's group.
  exchange.unit_id = reference_id(object, "unit");
  if (exchange.unit_id.empty()) exchange.unit_id = group.reference_unit_id;
  bool in_group = false;
  for (const Unit& unit : group.units) in_group = in_group || unit.id == exchange.unit_id;
  if (!in_group) {
    std::vector<std::string> names;
    for (const Unit& unit : group.units) names.push_back(unit.name);
    std::string unit_name = string_field(object.value("unit", nlohmann::json::object()), "name");
    if (database_.find_unit(exchange.unit_id) == nullptr) {
      return make_error(ErrorCode::kInvalidInput,
                        "{}, field unit: unknown unit '{}' ({}) for flow '{}'; use one of {} (unit group '{}')",
                        where, unit_name, exchange.unit_id, flow->second.name, fmt::join(names, ", "), group.name);
    }
    return make_error(ErrorCode::kInvalidInput,
                      "{}, field unit: unit '{}' ({}) of flow '{}' is not in unit group '{}' of flow property "
                      "'{}'; use one of {}",
                      where, unit_name, exchange.unit_id, flow->second.name, group.name, property.name,
                      fmt::join(names, ", "));
  }

  // Amount: the formula's result when there is one, else the number.
  std::optional<double> stored = number_field(object, "amount");
  exchange.amount_formula = string_field(object, "amountFormula");
  if (!exchange.amount_formula.empty()) {
    auto value = evaluate_formula(exchange.amount_formula, make_lookup(parameters));
    if (!value.ok()) return value.error().with_context(where + ", field amountFormula");
    exchange.amount = *value;
    if (stored && differs(*stored, *value)) {
      warn("formula-result-differs",
           fmt::format("process {}, {}: amountFormula '{}' gives {} but the export stores amount {}; the "
                       "formula's result is used",
                       process.id, where, exchange.amount_formula, *value, *stored));
    }
  } else if (stored) {
    exchange.amount = *stored;
  } else if (exchange.is_quantitative_reference) {
    return make_error(ErrorCode::kInvalidInput,
                      "{}, field amount: the quantitative reference has no amount; set a non-zero amount", where);
  } else {
    warn("missing-amount", fmt::format("process {}, {}: no amount; 0 is used", process.id, where));
  }
  if (exchange.is_quantitative_reference && exchange.amount == 0.0) {
    return make_error(ErrorCode::kInvalidInput,
                      "{}, field amount: the quantitative reference has amount 0; set a non-zero amount", where);
  }

  exchange.default_provider_id = reference_id(object, "defaultProvider");
  if (!exchange.default_provider_id.empty() && !of_type("processes").contains(exchange.default_provider_id)) {
    warn("missing-default-provider",
         fmt::format("process {}, {}: default provider {} is not in the export and is ignored", process.id, where,
                     exchange.default_provider_id));
    exchange.default_provider_id.clear();
  }
  return exchange;
}

util::Status ModelBuilder::read_allocation_factors(Process& process, const nlohmann::json& entity,
                                                   const ParameterValues& parameters) {
  auto factors = entity.find("allocationFactors");
  if (factors == entity.end() || !factors->is_array()) return {};
  const std::string label = fmt::format("process '{}' ({})", process.name, process.id);

  // Co-products: the product outputs and waste inputs that are not avoided.
  std::set<std::string> co_products;
  for (const Exchange& exchange : process.exchanges) {
    FlowType type = database_.flows.at(exchange.flow_id).type;
    bool product_output = type == FlowType::kProduct && !exchange.is_input;
    bool waste_input = type == FlowType::kWaste && exchange.is_input;
    if ((product_output || waste_input) && !exchange.is_avoided_product) co_products.insert(exchange.flow_id);
  }

  int position = 0;
  for (const nlohmann::json& object : *factors) {
    ++position;
    const std::string where = fmt::format("{}, allocation factor {}", label, position);
    std::string type_text = string_field(object, "allocationType");
    std::optional<AllocationMethod> method = parse_allocation_method(type_text);
    if (!method || *method == AllocationMethod::kNone || *method == AllocationMethod::kUseDefault) {
      warn("invalid-allocation-factor",
           fmt::format("{}: allocationType '{}' is not PHYSICAL, ECONOMIC or CAUSAL; the factor is left out",
                       where, type_text));
      continue;
    }

    AllocationFactor factor;
    factor.method = *method;
    factor.product_flow_id = reference_id(object, "product");
    factor.formula = string_field(object, "formula");
    if (!factor.formula.empty()) {
      auto value = evaluate_formula(factor.formula, make_lookup(parameters));
      if (!value.ok()) return value.error().with_context(where + ", field formula");
      factor.value = *value;
    } else {
      factor.value = number_field(object, "value").value_or(0.0);
    }

    if (factor.product_flow_id.empty() && *method != AllocationMethod::kCausal) {
      warn("allocation-factor-without-product",
           fmt::format("{}: {} factor names no product; the factor is left out", where, type_text));
      continue;
    }
    if (!factor.product_flow_id.empty() && !co_products.contains(factor.product_flow_id)) {
      warn("allocation-factor-not-co-product",
           fmt::format("{}: product {} is not a product output or waste input of the process; the factor is "
                       "left out",
                       where, factor.product_flow_id));
      continue;
    }

    if (*method == AllocationMethod::kCausal) {
      const nlohmann::json exchange_ref = object.value("exchange", nlohmann::json::object());
      std::optional<double> internal_id = number_field(exchange_ref, "internalId");
      std::string flow_id = reference_id(exchange_ref, "flow");
      for (const Exchange& exchange : process.exchanges) {
        bool match = internal_id ? exchange.internal_id == static_cast<int>(*internal_id)
                                 : !flow_id.empty() && exchange.flow_id == flow_id;
        if (match) {
          factor.exchange_internal_id = exchange.internal_id;
          break;
        }
      }
      if (!factor.exchange_internal_id) {
        warn("allocation-factor-without-exchange",
             fmt::format("{}: the causal factor's exchange (internalId {}, flow {}) is not in the process; the "
                         "factor is left out",
                         where, internal_id ? fmt::format("{}", *internal_id) : "none", flow_id));
        continue;
      }
    }
    process.allocation_factors.push_back(std::move(factor));
  }
  return {};
}

}  // namespace trustpcf::lca::jsonld

namespace trustpcf::lca {

util::Result<Database> build_database(const EntityIndex& entities, std::vector<ImportWarning>& warnings) {
  jsonld::ModelBuilder builder(entities, warnings);
  return builder.build();
}

}  // namespace trustpcf::lca
