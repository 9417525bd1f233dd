#include "cli/footprint_output.hpp"

#include <cmath>

#include <fmt/format.h>

#include "lca/linking.hpp"
#include "pcf/footprint_json.hpp"
#include "util/numbers.hpp"
#include "util/strings.hpp"

namespace trustpcf::cli {

namespace {

// Significant digits of figures in summaries (files keep full precision).
constexpr int kSummaryDigits = 6;

std::string process_name(const lca::Database& database, const std::string& id) {
  auto process = database.processes.find(id);
  return process == database.processes.end() ? id : util::trim(process->second.name);
}

std::string flow_name(const lca::Database& database, const std::string& id) {
  auto flow = database.flows.find(id);
  return flow == database.flows.end() ? id : util::trim(flow->second.name);
}

std::string figure(double value) { return util::format_decimal(value, kSummaryDigits); }

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

const char* kind_name(lca::InventoryFlowKind kind) {
  switch (kind) {
    case lca::InventoryFlowKind::kElementary: return "elementary";
    case lca::InventoryFlowKind::kBoundaryProduct: return "boundary-product";
    case lca::InventoryFlowKind::kBoundaryWaste: return "boundary-waste";
  }
  return "elementary";
}

nlohmann::json cutoffs_json(const lca::Database& database, const pcf::FootprintComputation& computation) {
  nlohmann::json cutoffs = nlohmann::json::array();
  for (const lca::CutOff& cut_off : computation.result.system.cut_offs) {
    cutoffs.push_back({{"flowId", cut_off.flow_id},
                       {"flowName", flow_name(database, cut_off.flow_id)},
                       {"consumerProcessId", cut_off.consumer_process_id},
                       {"consumerProcessName", process_name(database, cut_off.consumer_process_id)},
                       {"isInput", cut_off.is_input},
                       {"amountPerProcess", cut_off.amount},
                       {"unit", pcf::reference_unit_name(database, database.flows.at(cut_off.flow_id))}});
  }
  return cutoffs;
}

nlohmann::json link_choices_json(const lca::Database& database, const pcf::FootprintComputation& computation) {
  nlohmann::json choices = nlohmann::json::array();
  for (const lca::LinkChoice& choice : computation.result.system.link_choices) {
    if (choice.candidate_process_ids.size() < 2) continue;
    choices.push_back({{"consumerProcessId", choice.consumer_process_id},
                       {"flowId", choice.flow_id},
                       {"flowName", flow_name(database, choice.flow_id)},
                       {"candidateProcessIds", choice.candidate_process_ids},
                       {"providerProcessId", choice.provider_process_id},
                       {"providerProcessName", process_name(database, choice.provider_process_id)},
                       {"rule", lca::link_rule_name(choice.rule)}});
  }
  return choices;
}

}  // namespace

nlohmann::json inventory_json(const lca::Database& database, const pcf::FootprintComputation& computation) {
  const lca::CalculationResult& result = computation.result;
  nlohmann::json flows = nlohmann::json::array();
  for (const lca::InventoryEntry& entry : result.inventory) {
    const lca::Flow& flow = database.flows.at(entry.flow_id);
    flows.push_back({{"flowId", flow.id},
                     {"name", util::trim(flow.name)},
                     {"compartment", join(flow.category_path, "/")},
                     {"kind", kind_name(entry.kind)},
                     {"direction", entry.is_input ? "input" : "output"},
                     {"amount", entry.amount},
                     {"unit", pcf::reference_unit_name(database, flow)}});
  }
  return {{"databaseDigest", result.database_digest},
          {"processId", result.demand.process_id},
          {"productFlowId", result.demand.flow_id},
          {"amount", result.demand_amount},
          {"allocation", lca::allocation_mode_name(result.allocation)},
          {"flows", flows}};
}

nlohmann::json summary_json(const lca::Database& database, const lca::DatabaseInfo& info,
                            const pcf::FootprintRequest& request, const pcf::FootprintComputation& computation) {
  const pcf::FootprintBreakdown& breakdown = computation.built.breakdown;
  nlohmann::json contributions = nlohmann::json::array();
  for (const lca::ProcessContribution& contribution : computation.contributions) {
    contributions.push_back({{"processId", contribution.process_id},
                             {"processName", process_name(database, contribution.process_id)},
                             {"amount", contribution.amount},
                             {"share", contribution.share}});
  }
  nlohmann::json without_factor = nlohmann::json::array();
  for (const lca::Flow* flow : computation.characterized.without_factor) {
    without_factor.push_back({{"flowId", flow->id}, {"name", util::trim(flow->name)}});
  }
  nlohmann::json allocations = nlohmann::json::array();
  for (const lca::ProcessAllocation& allocation : computation.result.system.allocations) {
    if (allocation.source == lca::AllocationSource::kNotNeeded) continue;
    allocations.push_back({{"processId", allocation.process_id},
                           {"processName", process_name(database, allocation.process_id)},
                           {"source", lca::allocation_source_name(allocation.source)},
                           {"shares", allocation.product_shares}});
  }
  nlohmann::json warnings = computation.built.warnings;
  for (const lca::SanityFinding& finding : computation.result.warnings) warnings.push_back(finding.message);

  return {{"database", {{"name", info.name}, {"digest", info.digest}}},
          {"request", pcf::request_to_json(request)},
          {"footprintId", computation.built.footprint.id},
          {"unit", "kg CO2e"},
          {"total", computation.total},
          {"byField", breakdown.by_field},
          {"byGas", breakdown.by_gas},
          {"contributions", contributions},
          {"cutOffs", cutoffs_json(database, computation)},
          {"linkChoices", link_choices_json(database, computation)},
          {"allocations", allocations},
          {"allocationRulesDescription", computation.result.allocation_description},
          {"greenhouseGasesWithoutFactor", without_factor},
          {"warnings", warnings},
          {"footprint", pcf::to_json(computation.built.footprint)}};
}

void print_summary(std::ostream& out, const lca::Database& database, const lca::DatabaseInfo& info,
                   const pcf::FootprintRequest& request, const pcf::FootprintComputation& computation) {
  const lca::CalculationResult& result = computation.result;
  const pcf::FootprintBreakdown& breakdown = computation.built.breakdown;
  const lca::Flow& product = database.flows.at(result.demand.flow_id);

  out << fmt::format("product footprint {}\n", computation.built.footprint.id);
  out << fmt::format("  product:    {} {} of '{}'\n", figure(result.demand_amount),
                     pcf::reference_unit_name(database, product), util::trim(product.name));
  out << fmt::format("  process:    '{}' ({})\n", process_name(database, result.demand.process_id),
                     result.demand.process_id);
  out << fmt::format("  database:   '{}' sha256:{}\n", info.name, info.digest);
  out << fmt::format("  method:     {}, allocation {}\n", lca::gwp_method_name(request.method),
                     lca::allocation_mode_name(request.allocation));
  out << fmt::format("  system:     {} process-product pairs\n", result.system.columns.size());
  out << fmt::format("\ntotal (pcfExcludingBiogenicUptake): {} kg CO2e\n", figure(computation.total));

  out << "\nby PACT field (kg CO2e):\n";
  for (const auto& [field, value] : breakdown.by_field) out << fmt::format("  {:<28} {:>14}\n", field, figure(value));
  out << "\nby gas (kg CO2e):\n";
  for (const auto& [gas, value] : breakdown.by_gas) out << fmt::format("  {:<28} {:>14}\n", gas, figure(value));

  out << fmt::format("\nlargest direct contributions by process (of {}):\n", computation.contributions.size());
  for (size_t i = 0; i < computation.contributions.size() && i < kSummaryRows; ++i) {
    const lca::ProcessContribution& contribution = computation.contributions[i];
    out << fmt::format("  {:>2}. {:>12} kg CO2e {:>6.1f}%  {}\n", i + 1, figure(contribution.amount),
                       100.0 * contribution.share, process_name(database, contribution.process_id));
  }

  size_t boundary = 0;
  for (const lca::InventoryEntry& entry : result.inventory) {
    if (entry.kind != lca::InventoryFlowKind::kElementary) ++boundary;
  }
  out << fmt::format("\ncut-offs: {} exchange(s) without provider, {} flow(s) crossing the boundary\n",
                     result.system.cut_offs.size(), boundary);
  size_t listed = 0;
  for (const lca::InventoryEntry& entry : result.inventory) {
    if (entry.kind == lca::InventoryFlowKind::kElementary) continue;
    if (listed++ == kSummaryRows) {
      out << fmt::format("  ... and {} more (--json or --inventory-out lists all)\n", boundary - kSummaryRows);
      break;
    }
    out << fmt::format("  {:>12} {:<8} {}\n", figure(entry.amount),
                       pcf::reference_unit_name(database, database.flows.at(entry.flow_id)),
                       flow_name(database, entry.flow_id));
  }

  size_t choices = 0;
  for (const lca::LinkChoice& choice : result.system.link_choices) {
    if (choice.candidate_process_ids.size() >= 2) ++choices;
  }
  out << fmt::format("\nlinking: {} provider link(s), {} chosen among several providers\n",
                     result.system.links.size(), choices);
  listed = 0;
  for (const lca::LinkChoice& choice : result.system.link_choices) {
    if (choice.candidate_process_ids.size() < 2) continue;
    if (listed++ == kSummaryRows) {
      out << "  ... (--json lists all)\n";
      break;
    }
    out << fmt::format("  '{}' from '{}' ({} of {} candidates, rule {})\n", flow_name(database, choice.flow_id),
                       process_name(database, choice.provider_process_id), 1, choice.candidate_process_ids.size(),
                       lca::link_rule_name(choice.rule));
  }
  out << fmt::format("\nallocation: {}\n", result.allocation_description);

  if (!computation.characterized.without_factor.empty()) {
    out << "\ngreenhouse-gas-like flows without a characterization factor (not counted):\n";
    for (const lca::Flow* flow : computation.characterized.without_factor) {
      out << fmt::format("  {} ({})\n", util::trim(flow->name), flow->id);
    }
  }
  std::vector<std::string> warnings = computation.built.warnings;
  for (const lca::SanityFinding& finding : result.warnings) warnings.push_back(finding.message);
  if (!warnings.empty()) {
    out << "\nwarnings:\n";
    for (const std::string& warning : warnings) out << "  " << warning << "\n";
  }
}

nlohmann::json tree_json(const lca::Database& database, const pcf::FootprintComputation& computation,
                         const lca::UpstreamTree& tree) {
  nlohmann::json nodes = nlohmann::json::array();
  for (const lca::TreeNode& node : tree.nodes) {
    const lca::TechnosphereKey& key = computation.result.system.columns[static_cast<size_t>(node.column)];
    nodes.push_back({{"processId", key.process_id},
                     {"processName", process_name(database, key.process_id)},
                     {"flowId", key.flow_id},
                     {"depth", node.depth},
                     {"parent", node.parent},
                     {"productAmount", node.product_amount},
                     {"total", node.total},
                     {"direct", node.direct},
                     {"share", node.share},
                     {"cutOffTotal", node.cut_off_total},
                     {"children", node.children}});
  }
  return {{"unit", "kg CO2e"}, {"total", tree.total}, {"truncated", tree.truncated}, {"nodes", nodes}};
}

void print_tree(std::ostream& out, const lca::Database& database, const pcf::FootprintComputation& computation,
                const lca::UpstreamTree& tree) {
  out << fmt::format("upstream tree, total {} kg CO2e (pcfExcludingBiogenicUptake)\n", figure(tree.total));
  out << "   share        total   direct  product\n";
  for (const lca::TreeNode& node : tree.nodes) {
    const lca::TechnosphereKey& key = computation.result.system.columns[static_cast<size_t>(node.column)];
    const lca::Flow& flow = database.flows.at(key.flow_id);
    out << fmt::format("{:>7.2f}% {:>12} {:>8}  {}{} {} {} [{}]\n", 100.0 * node.share, figure(node.total),
                       figure(node.direct), std::string(static_cast<size_t>(node.depth) * 2, ' '),
                       figure(node.product_amount), pcf::reference_unit_name(database, flow), util::trim(flow.name),
                       process_name(database, key.process_id));
    if (node.cut_off_total != 0.0) {
      out << fmt::format("{:>7}  {:>12} {:>8}  {}  (children below the cut-off)\n", "",
                         figure(node.cut_off_total), "", std::string(static_cast<size_t>(node.depth) * 2, ' '));
    }
  }
  if (tree.truncated) out << fmt::format("tree truncated at {} nodes\n", lca::kMaxTreeNodes);
}

void print_foreground(std::ostream& out, const proof::EvidenceComputation& evidence, const std::string& indent) {
  if (evidence.evidence) {
    out << indent << "evidence: " << evidence.batch_ids.size() << " batch(es), production "
        << util::format_decimal(evidence.evidence->produced_amount) << " from " << evidence.evidence->period_start
        << " to " << evidence.evidence->period_end << "\n";
    for (const proof::ReplacedExchange& item : evidence.evidence->replaced) {
      out << indent << "  " << item.flow_name << ": " << util::format_decimal(item.original_amount) << " -> "
          << util::format_decimal(item.measured_amount) << " " << item.unit << " (" << item.record_digests.size()
          << " records)\n";
    }
  }
  for (const proof::LinkedSupplierFootprint& supplier : evidence.suppliers) {
    out << indent << "supplier: " << supplier.flow_name << " from " << supplier.process_name << ", "
        << util::format_decimal(supplier.co2e_per_unit) << " kg CO2e per " << supplier.unit << "\n";
  }
  const auto& share = evidence.computation.built.footprint.pcf.primary_data_share;
  if (share) out << indent << "primaryDataShare: " << *share << " %\n";
}

}  // namespace trustpcf::cli
