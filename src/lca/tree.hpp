#pragma once

// The upstream (supply-chain) tree of a result for one set of
// characterization factors. The root is the demanded column, and the
// children of a node are the columns supplying it. Each node carries the
// amount its parent needs and the total impact of that amount with its own
// supply chain. Loops unroll as deep as max_depth allows.
//
// Totals come from t = A^-T B^T c (total impact per unit scaling of each
// column): a node at scaling x has total x t_j A_jj, and a child i of node j
// has scaling x (-A_ij) / A_ii, so children and the node's direct impact add
// up to the node's total.

#include <string>
#include <vector>

#include "lca/contribution.hpp"
#include "lca/result.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

// Depth of the tree unless the caller sets one (the root is depth 0).
constexpr int kDefaultTreeDepth = 5;
// Deepest tree accepted; loops make deeper trees grow without new insight.
constexpr int kMaxTreeDepth = 100;
// Nodes built at most, so a loop-rich database with a low cut-off cannot
// exhaust memory; the tree is marked truncated when reached.
constexpr size_t kMaxTreeNodes = 100000;

struct TreeOptions {
  int max_depth = kDefaultTreeDepth;
  // Children whose total is below this percentage of the root total (by
  // magnitude) are not listed; their sum is kept in the parent's
  // cut_off_total.
  double cutoff_percent = 1.0;
};

struct TreeNode {
  int column = 0;  // column of the result's product system
  int depth = 0;
  int parent = -1;
  // Output of the column's product the parent needs, in the flow's reference
  // unit (for a waste treatment: the waste treated).
  double product_amount = 0.0;
  double total = 0.0;          // impact of that amount with its supply chain
  double direct = 0.0;         // impact of the process's own exchanges
  double share = 0.0;          // total / root total; 0 when the root total is 0
  double cut_off_total = 0.0;  // sum of the totals of children not listed
  std::vector<int> children;   // node indexes, by decreasing magnitude of total
};

struct UpstreamTree {
  std::vector<TreeNode> nodes;  // depth-first; node 0 is the root
  double total = 0.0;
  bool truncated = false;  // kMaxTreeNodes reached
};

// Builds the tree. Errors: kUsage for a depth outside [0, kMaxTreeDepth] or a
// cut-off outside [0, 100]; kInternal when the solve fails.
util::Result<UpstreamTree> build_upstream_tree(const CalculationResult& result,
                                               const CharacterizationFactors& factors,
                                               const TreeOptions& options);

}  // namespace trustpcf::lca
