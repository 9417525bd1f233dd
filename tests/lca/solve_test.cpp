// Sparse LU solves, singular matrices and the upstream tree.

#include <gtest/gtest.h>

#include "engine_fixture.hpp"
#include "lca/result.hpp"
#include "lca/solve.hpp"
#include "lca/tree.hpp"

namespace trustpcf::lca {
namespace {

using testing::ModelBuilder;

SparseMatrix matrix_of(int size, const std::vector<Eigen::Triplet<double>>& entries) {
  SparseMatrix matrix(size, size);
  matrix.setFromTriplets(entries.begin(), entries.end());
  matrix.makeCompressed();
  return matrix;
}

std::string label(int column) { return "column " + std::to_string(column); }

TEST(SparseLu, SolvesAndSolvesTransposed) {
  // A = [[2, 1], [0, 4]]: A x = (4, 8) -> x = (1, 2); A^T y = (2, 9) -> y = (1, 2).
  SparseMatrix a = matrix_of(2, {{0, 0, 2.0}, {0, 1, 1.0}, {1, 1, 4.0}});
  auto lu = SparseLu::factorize(a, label);
  ASSERT_TRUE(lu.ok()) << lu.error().message();
  auto x = lu->solve(Eigen::Vector2d(4.0, 8.0));
  ASSERT_TRUE(x.ok());
  EXPECT_DOUBLE_EQ((*x)[0], 1.0);
  EXPECT_DOUBLE_EQ((*x)[1], 2.0);
  auto y = lu->solve_transposed(Eigen::Vector2d(2.0, 9.0));
  ASSERT_TRUE(y.ok());
  EXPECT_DOUBLE_EQ((*y)[0], 1.0);
  EXPECT_DOUBLE_EQ((*y)[1], 2.0);
}

TEST(SparseLu, SingularNamesColumns) {
  // Column 2 is empty apart from a zero: structurally singular.
  SparseMatrix a = matrix_of(3, {{0, 0, 1.0}, {1, 1, 1.0}, {0, 2, 1.0}, {1, 2, 1.0}});
  auto lu = SparseLu::factorize(a, label);
  ASSERT_FALSE(lu.ok());
  EXPECT_EQ(lu.error().code(), util::ErrorCode::kModel);
  EXPECT_NE(lu.error().message().find("singular"), std::string::npos) << lu.error().message();
  EXPECT_NE(lu.error().message().find("column "), std::string::npos) << lu.error().message();
}

TEST(SparseLu, NearSingularIsRejected) {
  // det = 1e-15: regular, but below the reciprocal condition threshold.
  SparseMatrix a = matrix_of(2, {{0, 0, 1.0}, {0, 1, 1.0}, {1, 0, 1.0}, {1, 1, 1.0 + 1e-15}});
  auto lu = SparseLu::factorize(a, label);
  ASSERT_FALSE(lu.ok());
  EXPECT_EQ(lu.error().code(), util::ErrorCode::kModel);
}

TEST(SparseLu, RejectsRightHandSideOfWrongSize) {
  SparseMatrix a = matrix_of(2, {{0, 0, 1.0}, {1, 1, 1.0}});
  auto lu = SparseLu::factorize(a, label);
  ASSERT_TRUE(lu.ok());
  EXPECT_FALSE(lu->solve(Eigen::VectorXd::Ones(3)).ok());
}

// Mill: 1 kg steel, 2 MJ electricity, 1 kg CO2; power: 1 MJ, 0.5 kg CO2.
// For 10 kg steel the total is 20 kg CO2, half of it from power.
CalculationResult chain_result() {
  ModelBuilder model;
  model.product("electricity", testing::kEnergy);
  model.product("steel");
  model.elementary("co2");
  model.process("power");
  model.output("power", "electricity", 1.0);
  model.output("power", "co2", 0.5);
  model.process("mill");
  model.output("mill", "steel", 1.0);
  model.input("mill", "electricity", 2.0);
  model.output("mill", "co2", 1.0);
  CalculationRequest request;
  request.demand = Demand{"mill", "", 10.0};
  auto result = calculate(model.db, request, nullptr);
  EXPECT_TRUE(result.ok());
  return std::move(result).value();
}

TEST(UpstreamTree, ChainTotalsAndShares) {
  CalculationResult result = chain_result();
  auto tree = build_upstream_tree(result, {{"co2", 1.0}}, TreeOptions{});
  ASSERT_TRUE(tree.ok()) << tree.error().message();
  ASSERT_EQ(tree->nodes.size(), 2u);
  EXPECT_DOUBLE_EQ(tree->total, 20.0);
  const TreeNode& root = tree->nodes[0];
  EXPECT_DOUBLE_EQ(root.product_amount, 10.0);
  EXPECT_DOUBLE_EQ(root.direct, 10.0);
  EXPECT_DOUBLE_EQ(root.share, 1.0);
  ASSERT_EQ(root.children, (std::vector<int>{1}));
  const TreeNode& power = tree->nodes[1];
  EXPECT_EQ(result.system.columns[power.column].process_id, "power");
  EXPECT_DOUBLE_EQ(power.product_amount, 20.0);
  EXPECT_DOUBLE_EQ(power.total, 10.0);
  EXPECT_DOUBLE_EQ(power.share, 0.5);
  EXPECT_EQ(power.depth, 1);
}

TEST(UpstreamTree, CutOffAndDepth) {
  CalculationResult result = chain_result();
  auto cut = build_upstream_tree(result, {{"co2", 1.0}}, TreeOptions{5, 60.0});
  ASSERT_TRUE(cut.ok());
  ASSERT_EQ(cut->nodes.size(), 1u);
  EXPECT_DOUBLE_EQ(cut->nodes[0].cut_off_total, 10.0);

  auto shallow = build_upstream_tree(result, {{"co2", 1.0}}, TreeOptions{0, 0.0});
  ASSERT_TRUE(shallow.ok());
  EXPECT_EQ(shallow->nodes.size(), 1u);

  EXPECT_FALSE(build_upstream_tree(result, {}, TreeOptions{-1, 1.0}).ok());
  EXPECT_FALSE(build_upstream_tree(result, {}, TreeOptions{3, 101.0}).ok());
}

TEST(UpstreamTree, LoopUnrollsToDepth) {
  // A needs 0.5 B and B needs 0.5 A: every two levels quarter the amount.
  ModelBuilder model;
  model.product("a");
  model.product("b");
  model.elementary("co2");
  model.process("pa");
  model.output("pa", "a", 1.0);
  model.input("pa", "b", 0.5);
  model.output("pa", "co2", 1.0);
  model.process("pb");
  model.output("pb", "b", 1.0);
  model.input("pb", "a", 0.5);
  CalculationRequest request;
  request.demand = Demand{"pa", "", 1.0};
  auto result = calculate(model.db, request, nullptr);
  ASSERT_TRUE(result.ok());

  auto tree = build_upstream_tree(*result, {{"co2", 1.0}}, TreeOptions{4, 0.0});
  ASSERT_TRUE(tree.ok());
  // s_A = 1 / (1 - 0.25) = 4/3, so the total is 4/3 kg.
  EXPECT_NEAR(tree->total, 4.0 / 3.0, 1e-14);
  ASSERT_EQ(tree->nodes.size(), 5u);
  EXPECT_EQ(tree->nodes[4].depth, 4);
  EXPECT_NEAR(tree->nodes[2].product_amount, 0.25, 1e-15);
  EXPECT_NEAR(tree->nodes[2].share, 0.25, 1e-14);
}

}  // namespace
}  // namespace trustpcf::lca
