#include "proof/primary_data_share.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "lca/tree.hpp"

namespace trustpcf::proof {

std::optional<double> primary_data_share_percent(const PrimaryDataBasis& basis) {
  if (!(basis.total > 0.0)) return std::nullopt;
  double primary = basis.direct * basis.direct_evidence_fraction;
  for (const PrimaryDataBasis::Provider& provider : basis.providers) {
    if (provider.is_supplier) {
      primary += provider.total * provider.supplier_share.value_or(0.0) / 100.0;
    } else {
      primary += provider.total * provider.evidence_fraction;
    }
  }
  return std::clamp(100.0 * primary / basis.total, 0.0, 100.0);
}

util::Result<PrimaryDataBasis> primary_data_basis(const lca::Database& database,
                                                  const pcf::FootprintComputation& computation,
                                                  const ForegroundEvidence* evidence,
                                                  const std::vector<LinkedSupplierFootprint>& suppliers) {
  const lca::CalculationResult& result = computation.result;
  lca::TreeOptions options;
  options.max_depth = 1;
  options.cutoff_percent = 0.0;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::UpstreamTree tree, lca::build_upstream_tree(result, computation.factors, options));

  PrimaryDataBasis basis;
  basis.total = computation.total;
  const lca::TreeNode& root = tree.nodes.front();
  basis.direct = root.direct;
  const lca::Process& process = database.processes.at(result.demand.process_id);

  std::set<int> replaced;
  if (evidence != nullptr) {
    for (const ReplacedExchange& item : evidence->replaced) replaced.insert(item.exchange_internal_id);
  }

  // (a) the evidence-backed part of the foreground process's direct emissions.
  double direct_all = 0.0;
  double direct_evidence = 0.0;
  for (const lca::Exchange& exchange : process.exchanges) {
    auto factor = computation.factors.find(exchange.flow_id);
    if (factor == computation.factors.end()) continue;
    double co2e = factor->second * database.reference_amount(exchange);
    direct_all += co2e;
    if (replaced.count(exchange.internal_id)) direct_evidence += co2e;
  }
  if (direct_all != 0.0) basis.direct_evidence_fraction = std::clamp(direct_evidence / direct_all, 0.0, 1.0);

  // (b), (c): what the foreground takes from each provider column, and how much of it is evidence-backed.
  std::map<int, double> linked_amount;
  std::map<int, double> evidence_amount;
  for (const lca::SystemLink& link : result.system.links) {
    if (link.consumer_column != root.column) continue;
    for (const lca::Exchange& exchange : process.exchanges) {
      if (exchange.internal_id != link.exchange_internal_id) continue;
      double amount = std::abs(database.reference_amount(exchange));
      linked_amount[link.provider_column] += amount;
      if (replaced.count(exchange.internal_id)) evidence_amount[link.provider_column] += amount;
    }
  }
  std::map<std::string, const LinkedSupplierFootprint*> supplier_by_process;
  for (const LinkedSupplierFootprint& supplier : suppliers) supplier_by_process[supplier.process_id] = &supplier;

  for (int child : root.children) {
    const lca::TreeNode& node = tree.nodes[static_cast<std::size_t>(child)];
    PrimaryDataBasis::Provider provider;
    provider.total = node.total;
    const std::string& provider_process = result.system.columns[static_cast<std::size_t>(node.column)].process_id;
    if (auto supplier = supplier_by_process.find(provider_process); supplier != supplier_by_process.end()) {
      provider.is_supplier = true;
      provider.supplier_share = supplier->second->primary_data_share;
    } else if (linked_amount[node.column] > 0.0) {
      provider.evidence_fraction = std::clamp(evidence_amount[node.column] / linked_amount[node.column], 0.0, 1.0);
    }
    basis.providers.push_back(provider);
  }
  return basis;
}

}  // namespace trustpcf::proof
