#include "lca/contribution.hpp"

#include <algorithm>
#include <cmath>

namespace trustpcf::lca {

Eigen::VectorXd characterization_vector(const CalculationResult& result,
                                        const CharacterizationFactors& factors) {
  const std::vector<InventoryRow>& rows = result.system.inventory_rows;
  Eigen::VectorXd vector = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(rows.size()));
  for (size_t row = 0; row < rows.size(); ++row) {
    auto factor = factors.find(rows[row].flow_id);
    if (factor != factors.end()) vector[static_cast<Eigen::Index>(row)] = factor->second;
  }
  return vector;
}

double total_impact(const CalculationResult& result, const CharacterizationFactors& factors) {
  double total = 0.0;
  Eigen::VectorXd c = characterization_vector(result, factors);
  for (const InventoryEntry& entry : result.inventory) {
    auto row = result.system.inventory_index.at(entry.flow_id);
    total += c[row] * entry.amount;
  }
  return total + 0.0;
}

std::vector<ProcessContribution> direct_contributions(const CalculationResult& result,
                                                      const CharacterizationFactors& factors) {
  Eigen::VectorXd c = characterization_vector(result, factors);
  // Impact per unit scaling of each column, then times its scaling factor.
  Eigen::VectorXd per_column = result.matrices.intervention.transpose() * c;

  std::map<std::string, double> by_process;
  for (size_t column = 0; column < result.system.columns.size(); ++column) {
    auto index = static_cast<Eigen::Index>(column);
    by_process[result.system.columns[column].process_id] += per_column[index] * result.scaling[index];
  }

  double total = total_impact(result, factors);
  std::vector<ProcessContribution> contributions;
  contributions.reserve(by_process.size());
  for (const auto& [process_id, amount] : by_process) {
    contributions.push_back(
        ProcessContribution{process_id, amount + 0.0, total == 0.0 ? 0.0 : amount / total + 0.0});
  }
  return contributions;
}

void sort_by_magnitude(std::vector<ProcessContribution>& contributions) {
  std::sort(contributions.begin(), contributions.end(),
            [](const ProcessContribution& a, const ProcessContribution& b) {
              double magnitude_a = std::abs(a.amount);
              double magnitude_b = std::abs(b.amount);
              if (magnitude_a != magnitude_b) return magnitude_a > magnitude_b;
              return a.process_id < b.process_id;
            });
}

}  // namespace trustpcf::lca
