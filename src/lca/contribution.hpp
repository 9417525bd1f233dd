#pragma once

// Impacts of a calculation result for one set of characterization factors,
// and the direct contribution of each process to them.

#include <map>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "lca/result.hpp"

namespace trustpcf::lca {

// Characterization factors: flow id -> impact per reference unit of the flow,
// applied to the amount in the inventory row's direction (is_input). Flows
// without a factor contribute nothing.
using CharacterizationFactors = std::map<std::string, double>;

// The characterization vector of `result`'s inventory rows: c[row] is the
// factor of the row's flow, 0 when none is given.
Eigen::VectorXd characterization_vector(const CalculationResult& result,
                                        const CharacterizationFactors& factors);

// Returns the total impact h = c^T g.
double total_impact(const CalculationResult& result, const CharacterizationFactors& factors);

// The impact caused by the own exchanges of one process (all its columns),
// without its supply chain.
struct ProcessContribution {
  std::string process_id;
  double amount = 0.0;
  double share = 0.0;  // amount / total impact; 0 when the total is 0
};

// Returns the direct contribution of every process of the system, in process
// id order; the amounts add up to total_impact.
std::vector<ProcessContribution> direct_contributions(const CalculationResult& result,
                                                      const CharacterizationFactors& factors);

// Sorts contributions by decreasing magnitude of amount, then process id.
void sort_by_magnitude(std::vector<ProcessContribution>& contributions);

}  // namespace trustpcf::lca
