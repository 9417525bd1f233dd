#include "lca/tree.hpp"

#include <algorithm>
#include <cmath>

namespace trustpcf::lca {

namespace {

using util::ErrorCode;
using util::make_error;

class TreeBuilder {
 public:
  TreeBuilder(const CalculationResult& result, const TreeOptions& options,
              Eigen::VectorXd direct_per_scaling, Eigen::VectorXd total_per_scaling)
      : result_(result),
        technosphere_(result.matrices.technosphere),
        options_(options),
        direct_per_scaling_(std::move(direct_per_scaling)),
        total_per_scaling_(std::move(total_per_scaling)) {}

  UpstreamTree build() {
    int root = result_.system.demand_column;
    double root_scaling = result_.system.demand_value / diagonal(root);
    tree_.total = root_scaling * total_per_scaling_[root] * diagonal(root) + 0.0;
    cutoff_ = std::abs(tree_.total) * options_.cutoff_percent / 100.0;
    add_node(root, root_scaling, 0, -1);
    return std::move(tree_);
  }

 private:
  double diagonal(int column) const { return technosphere_.coeff(column, column); }

  int add_node(int column, double scaling, int depth, int parent) {
    TreeNode node;
    node.column = column;
    node.depth = depth;
    node.parent = parent;
    double sign = result_.system.production[column] < 0.0 ? -1.0 : 1.0;
    node.product_amount = scaling * diagonal(column) * sign + 0.0;
    node.total = scaling * total_per_scaling_[column] * diagonal(column) + 0.0;
    node.direct = scaling * direct_per_scaling_[column] + 0.0;
    node.share = tree_.total == 0.0 ? 0.0 : node.total / tree_.total + 0.0;
    int index = static_cast<int>(tree_.nodes.size());
    tree_.nodes.push_back(std::move(node));
    if (depth >= options_.max_depth) return index;

    struct Child {
      int column;
      double scaling;
      double total;
    };
    std::vector<Child> children;
    double cut_off_total = 0.0;
    for (SparseMatrix::InnerIterator entry(technosphere_, column); entry; ++entry) {
      int supplier = static_cast<int>(entry.row());
      if (supplier == column) continue;
      double child_scaling = scaling * -entry.value() / diagonal(supplier);
      double child_total = child_scaling * total_per_scaling_[supplier] * diagonal(supplier);
      if (std::abs(child_total) < cutoff_ || child_total == 0.0) {
        cut_off_total += child_total;
        continue;
      }
      children.push_back(Child{supplier, child_scaling, child_total});
    }
    std::sort(children.begin(), children.end(), [](const Child& a, const Child& b) {
      if (std::abs(a.total) != std::abs(b.total)) return std::abs(a.total) > std::abs(b.total);
      return a.column < b.column;
    });
    tree_.nodes[index].cut_off_total = cut_off_total + 0.0;

    for (const Child& child : children) {
      if (tree_.nodes.size() >= kMaxTreeNodes) {
        tree_.truncated = true;
        break;
      }
      int child_index = add_node(child.column, child.scaling, depth + 1, index);
      tree_.nodes[index].children.push_back(child_index);
    }
    return index;
  }

  const CalculationResult& result_;
  const SparseMatrix& technosphere_;
  TreeOptions options_;
  Eigen::VectorXd direct_per_scaling_;
  Eigen::VectorXd total_per_scaling_;
  double cutoff_ = 0.0;
  UpstreamTree tree_;
};

}  // namespace

util::Result<UpstreamTree> build_upstream_tree(const CalculationResult& result,
                                               const CharacterizationFactors& factors,
                                               const TreeOptions& options) {
  if (options.max_depth < 0 || options.max_depth > kMaxTreeDepth) {
    return make_error(ErrorCode::kUsage, "tree depth {} is invalid; use 0 to {}", options.max_depth,
                      kMaxTreeDepth);
  }
  if (!(options.cutoff_percent >= 0.0 && options.cutoff_percent <= 100.0)) {
    return make_error(ErrorCode::kUsage, "tree cut-off {} percent is invalid; use 0 to 100",
                      options.cutoff_percent);
  }
  if (result.factorization == nullptr || result.system.demand_column < 0) {
    return make_error(ErrorCode::kInternal, "the calculation result has no factorization or demand");
  }

  // Direct impact per unit scaling of each column, then the total impact per
  // unit scaling by a transposed solve with the same factorization.
  Eigen::VectorXd c = characterization_vector(result, factors);
  Eigen::VectorXd direct = result.matrices.intervention.transpose() * c;
  const SparseLu& lu = result.factorization->lu;
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(lu.size());
  for (size_t column = 0; column < result.solver_columns.size(); ++column) {
    rhs[result.solver_columns[column]] = direct[static_cast<Eigen::Index>(column)];
  }
  TRUSTPCF_ASSIGN_OR_RETURN(Eigen::VectorXd solved, lu.solve_transposed(rhs));
  Eigen::VectorXd totals(static_cast<Eigen::Index>(result.solver_columns.size()));
  for (size_t column = 0; column < result.solver_columns.size(); ++column) {
    totals[static_cast<Eigen::Index>(column)] = solved[result.solver_columns[column]];
  }

  TreeBuilder builder(result, options, std::move(direct), std::move(totals));
  return builder.build();
}

}  // namespace trustpcf::lca
