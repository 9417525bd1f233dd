#pragma once

// Checks that make a scaling vector meaningless when they fail:
// - a negative scaling factor in a column not supplied through an avoided
//   product or waste (there a negative factor is the intended credit);
// - a loop whose gain is one or more: a set of columns that, per unit of
//   their products, consume at least that much of them again through the
//   cycle. The gain of a loop is the spectral radius of the matrix of
//   consumption per unit of output among its columns (a strongly connected
//   component of the supply graph, or one column consuming its own product).
//   For a single cycle of k columns it is the k-th root of the product of
//   the k ratios, so it is at least 1 exactly when that product is.

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "lca/matrix.hpp"
#include "lca/model.hpp"
#include "lca/product_system.hpp"

namespace trustpcf::lca {

// A scaling factor below -kNegativeScalingTolerance times the largest
// magnitude in the scaling vector counts as negative; smaller values are
// rounding noise of the solve.
constexpr double kNegativeScalingTolerance = 1e-9;

// A loop counts as unstable when its gain is at least 1 - kLoopGainTolerance,
// so gains of exactly one that rounding puts just below are caught.
constexpr double kLoopGainTolerance = 1e-12;

enum class SanityIssue { kNegativeScaling, kLoopGain };

// Returns "negative_scaling" or "loop_gain".
const char* sanity_issue_name(SanityIssue issue);

struct SanityFinding {
  SanityIssue issue = SanityIssue::kLoopGain;
  std::vector<int> columns;                 // sorted
  std::vector<std::string> process_ids;     // of those columns, sorted, no repeats
  std::vector<std::string> flow_ids;        // products of those columns, sorted, no repeats
  double value = 0.0;                       // the loop gain, or the most negative scaling factor
  std::string message;                      // names the processes and flows
};

// Returns the loops of `system` whose gain is at least 1 - kLoopGainTolerance,
// in order of their smallest column.
std::vector<SanityFinding> find_unstable_loops(const Database& database,
                                               const ProductSystem& system,
                                               const SparseMatrix& technosphere);

// Returns the findings for a solved system: one kNegativeScaling finding
// listing every negative column (when there are any) followed by the
// unstable loops.
std::vector<SanityFinding> check_result_sanity(const Database& database,
                                               const ProductSystem& system,
                                               const SparseMatrix& technosphere,
                                               const Eigen::VectorXd& scaling);

}  // namespace trustpcf::lca
