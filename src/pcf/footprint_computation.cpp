#include "pcf/footprint_computation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"
#include "pcf/footprint_scope.hpp"
#include "pcf/ids.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace trustpcf::pcf {

namespace {

using util::ErrorCode;
using util::make_error;

// Processes listed when a name matches several.
constexpr size_t kMaxAmbiguousListed = 10;

// Returns [start, end) of the calendar year before the year of `created`.
util::Status default_reference_period(const std::string& created, std::string* start, std::string* end) {
  TRUSTPCF_ASSIGN_OR_RETURN(util::Clock::time_point time, util::parse_rfc3339(created));
  auto days = std::chrono::floor<std::chrono::days>(time);
  std::chrono::year_month_day date{days};
  int year = static_cast<int>(date.year()) - 1;
  *start = fmt::format("{:04d}-01-01T00:00:00Z", year);
  *end = fmt::format("{:04d}-01-01T00:00:00Z", year + 1);
  return {};
}

// The kg of product per `amount` reference units of `flow`, when the flow
// has a flow property whose unit group has kg as reference unit.
std::optional<double> product_mass_kg(const lca::Database& database, const lca::Flow& flow, double amount) {
  for (const lca::FlowPropertyFactor& factor : flow.flow_properties) {
    auto property = database.flow_properties.find(factor.flow_property_id);
    if (property == database.flow_properties.end()) continue;
    auto group = database.unit_groups.find(property->second.unit_group_id);
    if (group == database.unit_groups.end()) continue;
    for (const lca::Unit& unit : group->second.units) {
      if (unit.id == group->second.reference_unit_id && unit.name == "kg") {
        return amount * factor.conversion_factor;
      }
    }
  }
  return std::nullopt;
}

std::string product_urn(const std::string& flow_id) {
  if (is_uuid(flow_id)) return uuid_urn(flow_id);
  return "urn:trustpcf:flow:" + flow_id;
}

// Cut-offs of the result: the product inputs without provider, with their
// amounts for the demand (from the inventory) and the processes consuming
// them.
std::vector<Cutoff> collect_cutoffs(const lca::Database& database, const lca::CalculationResult& result) {
  std::map<std::string, std::vector<std::string>> consumers;
  for (const lca::CutOff& cut_off : result.system.cut_offs) {
    auto process = database.processes.find(cut_off.consumer_process_id);
    std::string name = process != database.processes.end() ? util::trim(process->second.name)
                                                           : cut_off.consumer_process_id;
    auto& names = consumers[cut_off.flow_id];
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }

  std::vector<Cutoff> cutoffs;
  for (const lca::InventoryEntry& entry : result.inventory) {
    if (entry.kind == lca::InventoryFlowKind::kElementary) continue;
    const lca::Flow& flow = database.flows.at(entry.flow_id);
    Cutoff cutoff;
    cutoff.flow_name = util::trim(flow.name);
    cutoff.amount = entry.amount;
    cutoff.unit = reference_unit_name(database, flow);
    auto names = consumers.find(entry.flow_id);
    if (names != consumers.end()) {
      for (const std::string& name : names->second) {
        if (!cutoff.process_name.empty()) cutoff.process_name += ", ";
        cutoff.process_name += name;
      }
    } else {
      cutoff.process_name = entry.kind == lca::InventoryFlowKind::kBoundaryWaste ? "a waste output"
                                                                                 : "an unused co-product";
    }
    cutoffs.push_back(std::move(cutoff));
  }
  return cutoffs;
}

util::Status check_request(const FootprintRequest& request) {
  if (request.created.empty()) {
    return make_error(ErrorCode::kUsage, "the footprint needs its creation time (RFC 3339)");
  }
  TRUSTPCF_RETURN_IF_ERROR(util::parse_rfc3339(request.created).status());
  if (request.company_ids.empty()) {
    return make_error(ErrorCode::kUsage,
                      "the footprint needs at least one company id (a URN such as "
                      "urn:lei:XXXXXXXXXXXXXXXXXXXX); pass --company-id or run trustpcf init");
  }
  for (const std::string& id : request.company_ids) {
    if (!is_urn(id)) {
      return make_error(ErrorCode::kUsage, "company id '{}' is not a URN; write it as urn:NAMESPACE:ID", id);
    }
  }
  for (const std::string& id : request.extra_product_ids) {
    if (!is_urn(id)) {
      return make_error(ErrorCode::kUsage, "product id '{}' is not a URN; write it as urn:NAMESPACE:ID", id);
    }
  }
  if (!std::isfinite(request.amount) || request.amount <= 0.0) {
    return make_error(ErrorCode::kUsage, "amount {} must be a number above zero", request.amount);
  }
  return {};
}

}  // namespace

nlohmann::json request_to_json(const FootprintRequest& request) {
  return {{"process", request.process_id},
          {"product", request.product_flow_id},
          {"amount", request.amount},
          {"allocation", lca::allocation_mode_name(request.allocation)},
          {"method", lca::gwp_method_name(request.method)},
          {"database", request.database_name},
          {"created", request.created},
          {"footprintId", request.footprint_id},
          {"referencePeriodStart", request.reference_period_start},
          {"referencePeriodEnd", request.reference_period_end},
          {"companyName", request.company_name},
          {"companyIds", request.company_ids},
          {"extraProductIds", request.extra_product_ids},
          {"comment", request.comment}};
}

util::Result<FootprintRequest> request_from_json(const nlohmann::json& json) {
  FootprintRequest request;
  try {
    request.process_id = json.at("process").get<std::string>();
    request.product_flow_id = json.at("product").get<std::string>();
    request.amount = json.at("amount").get<double>();
    TRUSTPCF_ASSIGN_OR_RETURN(request.allocation,
                              lca::parse_allocation_mode(json.at("allocation").get<std::string>()));
    TRUSTPCF_ASSIGN_OR_RETURN(request.method, lca::parse_gwp_method(json.at("method").get<std::string>()));
    request.database_name = json.at("database").get<std::string>();
    request.created = json.at("created").get<std::string>();
    request.footprint_id = json.at("footprintId").get<std::string>();
    request.reference_period_start = json.at("referencePeriodStart").get<std::string>();
    request.reference_period_end = json.at("referencePeriodEnd").get<std::string>();
    request.company_name = json.at("companyName").get<std::string>();
    request.company_ids = json.at("companyIds").get<std::vector<std::string>>();
    request.extra_product_ids = json.at("extraProductIds").get<std::vector<std::string>>();
    request.comment = json.at("comment").get<std::string>();
  } catch (const nlohmann::json::exception& error) {
    return make_error(ErrorCode::kInvalidInput, "footprint request is malformed: {}", error.what());
  }
  return request;
}

std::string derive_footprint_id(const FootprintRequest& request, const std::string& database_digest) {
  nlohmann::json basis = request_to_json(request);
  basis["footprintId"] = "";
  basis["databaseDigest"] = database_digest;
  crypto::Sha256 digest = crypto::sha256(crypto::canonicalize(basis));

  // Version 8 and the RFC 9562 variant overwrite 6 of the 128 bits.
  digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0f) | 0x80);
  digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3f) | 0x80);
  std::string hex = crypto::to_hex(digest).substr(0, 32);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

std::string reference_unit_name(const lca::Database& database, const lca::Flow& flow) {
  for (const lca::FlowPropertyFactor& factor : flow.flow_properties) {
    if (!factor.is_reference) continue;
    auto property = database.flow_properties.find(factor.flow_property_id);
    if (property == database.flow_properties.end()) return "";
    auto group = database.unit_groups.find(property->second.unit_group_id);
    if (group == database.unit_groups.end()) return "";
    for (const lca::Unit& unit : group->second.units) {
      if (unit.id == group->second.reference_unit_id) return unit.name;
    }
  }
  return "";
}

util::Result<const lca::Process*> find_process(const lca::Database& database, const std::string& name_or_id) {
  auto by_id = database.processes.find(util::trim(name_or_id));
  if (by_id != database.processes.end()) return &by_id->second;

  std::string expected_name = util::trim_lower(name_or_id);
  std::vector<const lca::Process*> exact;
  std::vector<const lca::Process*> partial;
  for (const auto& [id, process] : database.processes) {
    std::string name = util::trim_lower(process.name);
    if (name == expected_name) exact.push_back(&process);
    else if (!expected_name.empty() && name.find(expected_name) != std::string::npos) partial.push_back(&process);
  }
  const std::vector<const lca::Process*>& matches = exact.empty() ? partial : exact;
  if (matches.size() == 1) return matches.front();
  if (matches.empty()) {
    return make_error(ErrorCode::kNotFound,
                      "no process has the id or name '{}'; list candidates with `trustpcf db search TEXT`",
                      name_or_id);
  }

  std::string listed;
  for (size_t i = 0; i < matches.size() && i < kMaxAmbiguousListed; ++i) {
    listed += fmt::format("\n  {}  {}", matches[i]->id, util::trim(matches[i]->name));
  }
  if (matches.size() > kMaxAmbiguousListed) {
    listed += fmt::format("\n  ... and {} more", matches.size() - kMaxAmbiguousListed);
  }
  return make_error(ErrorCode::kUsage, "'{}' matches {} processes; pass one of these ids with --process:{}",
                    name_or_id, matches.size(), listed);
}

util::Result<const lca::Flow*> find_product(const lca::Database& database, const lca::Process& process,
                                            const std::string& name_or_id) {
  std::string expected_name = util::trim_lower(name_or_id);
  std::vector<const lca::Flow*> products;
  for (const lca::Exchange& exchange : process.exchanges) {
    auto flow = database.flows.find(exchange.flow_id);
    if (flow == database.flows.end() || !lca::is_providing_exchange(flow->second, exchange)) continue;
    if (flow->second.id == util::trim(name_or_id) || util::trim_lower(flow->second.name) == expected_name) {
      return &flow->second;
    }
    products.push_back(&flow->second);
  }

  std::string listed;
  for (const lca::Flow* flow : products) listed += fmt::format("\n  {}  {}", flow->id, util::trim(flow->name));
  return make_error(ErrorCode::kNotFound, "process '{}' ({}) has no product '{}'; its products are:{}",
                    util::trim(process.name), process.id, name_or_id, listed);
}

util::Result<FootprintComputation> compute_footprint(const lca::Database& database,
                                                     const FootprintRequest& request,
                                                     lca::CalculationCache* cache) {
  TRUSTPCF_RETURN_IF_ERROR(check_request(request));

  lca::CalculationRequest calculation;
  calculation.demand = lca::Demand{request.process_id, request.product_flow_id, request.amount};
  calculation.allocation = request.allocation;
  FootprintComputation out;
  TRUSTPCF_ASSIGN_OR_RETURN(out.result, lca::calculate(database, calculation, cache));

  const lca::Process& process = database.processes.at(out.result.demand.process_id);
  const lca::Flow& product = database.flows.at(out.result.demand.flow_id);

  std::vector<InventoryFlow> elementary;
  for (const lca::InventoryEntry& entry : out.result.inventory) {
    if (entry.kind != lca::InventoryFlowKind::kElementary) continue;
    elementary.push_back(InventoryFlow{&database.flows.at(entry.flow_id), entry.is_input, entry.amount});
  }
  out.characterized = characterize_inventory(elementary, request.method);

  // The contribution basis is pcfExcludingBiogenicUptake, which counts
  // biogenic CO2 as neutral (docs/pcf-rules.md). So CO2 taken up from air and
  // biogenic CO2 released get no factor here. Biogenic methane keeps its own.
  for (const CharacterizedFlow& flow : out.characterized.flows) {
    bool neutral_co2 = flow.gas_id == "co2" &&
                       (flow.origin == lca::GasOrigin::kAirUptake || flow.origin == lca::GasOrigin::kBiogenic);
    out.factors[flow.flow_id] = neutral_co2 ? 0.0 : flow.factor;
  }
  out.total = lca::total_impact(out.result, out.factors);
  out.contributions = lca::direct_contributions(out.result, out.factors);
  lca::sort_by_magnitude(out.contributions);

  FootprintInput input;
  input.id = request.footprint_id.empty() ? derive_footprint_id(request, database.digest) : request.footprint_id;
  input.created = request.created;
  input.company_name = request.company_name;
  input.company_ids = request.company_ids;
  input.product_name = util::trim(product.name);
  input.product_description = fmt::format("{} (process '{}')", util::trim(product.name), util::trim(process.name));
  input.product_ids.push_back(product_urn(product.id));
  for (const std::string& id : request.extra_product_ids) input.product_ids.push_back(id);

  std::string unit_name = reference_unit_name(database, product);
  TRUSTPCF_ASSIGN_OR_RETURN(input.declared_unit, declared_unit_for(unit_name));
  input.declared_unit_amount = request.amount * input.declared_unit.factor;
  input.product_mass_kg = product_mass_kg(database, product, request.amount);

  input.reference_period_start = request.reference_period_start;
  input.reference_period_end = request.reference_period_end;
  if (input.reference_period_start.empty() || input.reference_period_end.empty()) {
    TRUSTPCF_RETURN_IF_ERROR(
        default_reference_period(request.created, &input.reference_period_start, &input.reference_period_end));
  }

  std::string location_code;
  if (auto location = database.locations.find(process.location_id); location != database.locations.end()) {
    location_code = location->second.code.empty() ? location->second.name : location->second.code;
  }
  auto geography = geography_for_location(location_code);
  std::vector<std::string> extra_warnings;
  if (geography.ok()) {
    input.geography = *geography;
  } else {
    input.geography.unknown = true;
    extra_warnings.push_back(fmt::format("location '{}' of process '{}' is not a PACT geography; "
                                         "the footprint has none, which PACT reads as global",
                                         location_code, util::trim(process.name)));
  }

  input.method = request.method;
  input.inventory = out.characterized.flows;
  input.cutoffs = collect_cutoffs(database, out.result);
  input.allocation_rules_description = out.result.allocation_description;
  input.boundary_processes_description = fmt::format(
      "Cradle-to-gate product system of {} process-product pairs linked from LCI database '{}' "
      "(digest sha256:{}) by trustpcf's documented provider rules.",
      out.result.system.columns.size(), request.database_name, database.digest);
  input.secondary_emission_factor_sources.push_back(
      EmissionFactorSource{request.database_name, database.digest.substr(0, 12)});
  input.comment = request.comment;

  TRUSTPCF_ASSIGN_OR_RETURN(out.built, build_product_footprint(input));
  for (std::string& warning : extra_warnings) out.built.warnings.push_back(std::move(warning));
  spdlog::info("footprint computed id={} process={} total={}", out.built.footprint.id, process.id, out.total);
  return out;
}

}  // namespace trustpcf::pcf
