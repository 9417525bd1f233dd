#include "proof/foreground_evidence.hpp"

#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "lca/linking.hpp"
#include "util/numbers.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

// A record with the place it came from, for messages.
struct PlacedRecord {
  const EvidenceRecord* record = nullptr;
  std::string where;  // "evidence record 3 of batch 1a2b3c4d"
  double quantity = 0.0;
  util::Clock::time_point start;
  util::Clock::time_point end;
};

std::string text_of(const nlohmann::json& content, const char* field) {
  auto found = content.find(field);
  return found != content.end() && found->is_string() ? found->get<std::string>() : std::string();
}

bool names_flow(const std::string& flow_name_or_id, const lca::Flow& flow) {
  return util::trim(flow_name_or_id) == flow.id || util::trim_lower(flow_name_or_id) == util::trim_lower(flow.name);
}

util::Result<PlacedRecord> place_record(const EvidenceRecord& record, std::size_t index, const std::string& batch_id) {
  PlacedRecord placed;
  placed.record = &record;
  placed.where = fmt::format("evidence record {} ({}) of batch {}", index, text_of(record.content, "activityType"),
                             batch_id.substr(0, 12));
  TRUSTPCF_ASSIGN_OR_RETURN(placed.quantity, util::parse_double(text_of(record.content, "quantity")));
  auto start = util::parse_rfc3339(text_of(record.content, "periodStart"));
  if (!start.ok()) return start.error().with_context(placed.where + ": periodStart");
  auto end = util::parse_rfc3339(text_of(record.content, "periodEnd"));
  if (!end.ok()) return end.error().with_context(placed.where + ": periodEnd");
  placed.start = *start;
  placed.end = *end;
  return placed;
}

// Returns the one exchange of `process` whose flow `name_or_id` names, or an
// error naming the record and the exchanges the process has.
util::Result<lca::Exchange*> matching_exchange(const lca::Database& database, lca::Process& process,
                                               const std::string& name_or_id, const std::string& where) {
  std::vector<lca::Exchange*> matches;
  for (lca::Exchange& exchange : process.exchanges) {
    auto flow = database.flows.find(exchange.flow_id);
    if (flow != database.flows.end() && names_flow(name_or_id, flow->second)) matches.push_back(&exchange);
  }
  if (matches.size() == 1) return matches.front();

  if (matches.empty()) {
    std::vector<std::string> names;
    for (const lca::Exchange& exchange : process.exchanges) {
      auto flow = database.flows.find(exchange.flow_id);
      if (flow != database.flows.end()) names.push_back("'" + util::trim(flow->second.name) + "'");
    }
    return make_error(ErrorCode::kInvalidInput,
                      "{}: flowName '{}' matches no exchange of process '{}' ({}); set flowName to the name or id "
                      "of one of its flows: {}",
                      where, name_or_id, util::trim(process.name), process.id, fmt::join(names, ", "));
  }
  std::vector<int> ids;
  for (const lca::Exchange* exchange : matches) ids.push_back(exchange->internal_id);
  return make_error(ErrorCode::kInvalidInput,
                    "{}: flowName '{}' matches {} exchanges of process '{}' (internal ids {}); evidence can replace "
                    "only a flow the process exchanges once",
                    where, name_or_id, matches.size(), util::trim(process.name), fmt::join(ids, ", "));
}

// Multiples of common units, for units that the accepted list (units.hpp) contains
// but a database's unit group may lack: (unit, base unit, base units per unit).
struct UnitMultiple {
  const char* unit;
  const char* base;
  double factor;
};
constexpr UnitMultiple kUnitMultiples[] = {
    {"MWh", "kWh", 1000.0}, {"Wh", "kWh", 0.001}, {"GJ", "MJ", 1000.0}, {"kJ", "MJ", 0.001},
    {"g", "kg", 0.001},     {"t", "kg", 1000.0},  {"lb", "kg", 0.45359237}, {"l", "m3", 0.001},
    {"km", "m", 1000.0},    {"kg*km", "t*km", 0.001}, {"d", "h", 24.0},
};

std::string unit_name_of(const lca::Database& database, const std::string& unit_id) {
  const lca::Unit* unit = database.find_unit(unit_id);
  return unit == nullptr ? unit_id : unit->name;
}

}  // namespace

nlohmann::json ForegroundEvidence::to_json() const {
  nlohmann::json replaced_json = nlohmann::json::array();
  for (const ReplacedExchange& item : replaced) {
    replaced_json.push_back({{"exchange", item.exchange_internal_id},
                             {"flow", item.flow_id},
                             {"flowName", item.flow_name},
                             {"unit", item.unit},
                             {"originalAmount", util::format_decimal(item.original_amount)},
                             {"measuredAmount", util::format_decimal(item.measured_amount)},
                             {"records", item.record_digests}});
  }
  return {{"process", process_id},
          {"product", product_flow_id},
          {"producedAmount", util::format_decimal(produced_amount)},
          {"periodStart", period_start},
          {"periodEnd", period_end},
          {"replaced", replaced_json}};
}

util::Result<double> convert_to_exchange_unit(const lca::Database& database, const lca::Flow& flow,
                                              const lca::Exchange& exchange, double quantity,
                                              const std::string& unit_name, const std::string& context) {
  // quantity -> reference units of the flow's reference flow property -> the exchange's unit.
  std::optional<double> in_reference;
  std::vector<std::string> convertible;
  for (const lca::FlowPropertyFactor& factor : flow.flow_properties) {
    auto property = database.flow_properties.find(factor.flow_property_id);
    if (property == database.flow_properties.end()) continue;
    auto group = database.unit_groups.find(property->second.unit_group_id);
    if (group == database.unit_groups.end()) continue;
    for (const lca::Unit& unit : group->second.units) {
      convertible.push_back(unit.name);
      if (!in_reference && unit.name == unit_name && factor.conversion_factor != 0.0) {
        in_reference = quantity * unit.conversion_factor / factor.conversion_factor;
      }
    }
  }
  if (!in_reference) {
    for (const UnitMultiple& multiple : kUnitMultiples) {
      if (unit_name != multiple.unit) continue;
      auto converted = convert_to_exchange_unit(database, flow, exchange, quantity * multiple.factor, multiple.base,
                                                context);
      if (converted.ok()) return converted;
    }
  }
  const lca::Unit* exchange_unit = database.find_unit(exchange.unit_id);
  const lca::FlowPropertyFactor* exchange_property = nullptr;
  for (const lca::FlowPropertyFactor& factor : flow.flow_properties) {
    if (factor.flow_property_id == exchange.flow_property_id) exchange_property = &factor;
  }
  if (!in_reference) {
    return make_error(ErrorCode::kInvalidInput,
                      "{}: unit '{}' cannot be converted into '{}' of flow '{}': the flow's flow properties have "
                      "the units {}; give the quantity in one of them",
                      context, unit_name, unit_name_of(database, exchange.unit_id), util::trim(flow.name),
                      fmt::join(convertible, ", "));
  }
  if (exchange_unit == nullptr || exchange_unit->conversion_factor == 0.0 || exchange_property == nullptr) {
    return make_error(ErrorCode::kInvalidInput,
                      "{}: the exchange of flow '{}' has a unit or flow property the database does not define",
                      context, util::trim(flow.name));
  }
  return *in_reference * exchange_property->conversion_factor / exchange_unit->conversion_factor;
}

util::Result<ForegroundEvidence> apply_evidence(lca::Database& database, const std::string& process_id,
                                                const std::string& product_flow_id,
                                                const std::vector<EvidenceBatch>& batches) {
  auto found = database.processes.find(process_id);
  if (found == database.processes.end()) {
    return make_error(ErrorCode::kNotFound, "process '{}' is not in the database", process_id);
  }
  lca::Process& process = found->second;

  // The reference exchange: the providing exchange of the product flow.
  lca::Exchange* reference = nullptr;
  for (lca::Exchange& exchange : process.exchanges) {
    auto flow = database.flows.find(exchange.flow_id);
    if (flow == database.flows.end() || !lca::is_providing_exchange(flow->second, exchange)) continue;
    bool wanted = product_flow_id.empty() ? exchange.is_quantitative_reference : exchange.flow_id == product_flow_id;
    if (wanted) reference = &exchange;
  }
  if (reference == nullptr) {
    return make_error(ErrorCode::kInvalidInput, "process '{}' ({}) has no reference product exchange to which "
                      "evidence could refer; name the product with --product",
                      util::trim(process.name), process.id);
  }
  const lca::Flow& product = database.flows.at(reference->flow_id);

  ForegroundEvidence out;
  out.process_id = process.id;
  out.product_flow_id = product.id;

  // Sort the records: production of the reference product, or an exchange to replace.
  std::vector<PlacedRecord> production;
  std::map<int, std::vector<PlacedRecord>> by_exchange;
  std::set<std::string> seen_digests;  // a record given twice would be counted twice
  for (const EvidenceBatch& batch : batches) {
    std::string batch_id = batch.root_hex();
    for (std::size_t index = 0; index < batch.records.size(); ++index) {
      TRUSTPCF_ASSIGN_OR_RETURN(PlacedRecord placed, place_record(batch.records[index], index, batch_id));
      if (!seen_digests.insert(batch.records[index].digest).second) {
        return make_error(ErrorCode::kInvalidInput,
                          "{} (digest {}) appears twice in the evidence given; give each batch once and leave "
                          "out batches that repeat records",
                          placed.where, batch.records[index].digest);
      }
      const nlohmann::json& content = batch.records[index].content;
      std::string flow_name = text_of(content, "flowName");
      bool is_production = util::trim_lower(text_of(content, "activityType")) == kProductionActivityType;
      if (flow_name.empty()) {
        return make_error(ErrorCode::kInvalidInput,
                          "{} has no flowName, so it matches no exchange of process '{}'; add a flowName column "
                          "with the name or id of the flow it measures",
                          placed.where, util::trim(process.name));
      }
      if (names_flow(flow_name, product)) {
        if (!is_production) {
          return make_error(ErrorCode::kInvalidInput,
                            "{}: flow '{}' is the reference product, so its activityType must be '{}'",
                            placed.where, util::trim(product.name), kProductionActivityType);
        }
        production.push_back(std::move(placed));
        continue;
      }
      if (is_production) {
        return make_error(ErrorCode::kInvalidInput,
                          "{}: a production record must name the reference product '{}' of process '{}', not '{}'",
                          placed.where, util::trim(product.name), util::trim(process.name), flow_name);
      }
      TRUSTPCF_ASSIGN_OR_RETURN(lca::Exchange * exchange,
                                matching_exchange(database, process, flow_name, placed.where));
      by_exchange[exchange->internal_id].push_back(std::move(placed));
    }
  }

  if (production.empty()) {
    return make_error(ErrorCode::kInvalidInput,
                      "the evidence has no production record of '{}', so measured quantities cannot be turned into "
                      "amounts per product; add a record with activityType '{}', flowName '{}' and the quantity "
                      "produced over the same period",
                      util::trim(product.name), kProductionActivityType, util::trim(product.name));
  }
  util::Clock::time_point span_start = production.front().start;
  util::Clock::time_point span_end = production.front().end;
  out.period_start = text_of(production.front().record->content, "periodStart");
  out.period_end = text_of(production.front().record->content, "periodEnd");
  for (const PlacedRecord& placed : production) {
    std::string context = placed.where;
    TRUSTPCF_ASSIGN_OR_RETURN(double amount,
                              convert_to_exchange_unit(database, product, *reference, placed.quantity,
                                                       text_of(placed.record->content, "unit"), context));
    out.produced_amount += amount;
    if (placed.start < span_start) {
      span_start = placed.start;
      out.period_start = text_of(placed.record->content, "periodStart");
    }
    if (span_end < placed.end) {
      span_end = placed.end;
      out.period_end = text_of(placed.record->content, "periodEnd");
    }
  }
  if (!(out.produced_amount > 0.0)) {
    return make_error(ErrorCode::kInvalidInput,
                      "the production records of '{}' sum to {}; the produced quantity must be above zero",
                      util::trim(product.name), out.produced_amount);
  }

  const double reference_amount = reference->amount;
  for (auto& [internal_id, records] : by_exchange) {
    lca::Exchange* exchange = nullptr;
    for (lca::Exchange& candidate : process.exchanges) {
      if (candidate.internal_id == internal_id) exchange = &candidate;
    }
    const lca::Flow& flow = database.flows.at(exchange->flow_id);
    ReplacedExchange replaced;
    replaced.exchange_internal_id = internal_id;
    replaced.flow_id = flow.id;
    replaced.flow_name = util::trim(flow.name);
    replaced.unit = unit_name_of(database, exchange->unit_id);
    replaced.original_amount = exchange->amount;

    double measured = 0.0;
    for (const PlacedRecord& placed : records) {
      if (placed.start < span_start || span_end < placed.end) {
        return make_error(ErrorCode::kInvalidInput,
                          "{}: its period {} .. {} lies outside the production period {} .. {}; add the "
                          "production of that period or leave the record out",
                          placed.where, text_of(placed.record->content, "periodStart"),
                          text_of(placed.record->content, "periodEnd"), out.period_start, out.period_end);
      }
      TRUSTPCF_ASSIGN_OR_RETURN(double amount,
                                convert_to_exchange_unit(database, flow, *exchange, placed.quantity,
                                                         text_of(placed.record->content, "unit"), placed.where));
      measured += amount;
      replaced.record_digests.push_back(placed.record->digest);
    }
    replaced.measured_amount = measured / out.produced_amount * reference_amount;
    exchange->amount = replaced.measured_amount;
    exchange->amount_formula.clear();
    out.replaced.push_back(std::move(replaced));
  }
  return out;
}

}  // namespace trustpcf::proof
