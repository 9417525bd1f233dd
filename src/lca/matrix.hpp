#pragma once

// The matrices of a product system, assembled from its triplets: the square
// technosphere matrix A (one row and one column per process-product pair),
// the intervention matrix B (one row per inventory flow) and the demand
// vector f, so that the scaling vector s solves A s = f and the inventory is
// g = B s. Building matrices is kept apart from calculating with them.

#include <Eigen/Dense>
#include <Eigen/SparseCore>

#include "lca/product_system.hpp"

namespace trustpcf::lca {

// Column-major with int indices, the layout UMFPACK's "di" routines take.
using SparseMatrix = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

struct SystemMatrices {
  SparseMatrix technosphere;  // columns x columns, compressed
  SparseMatrix intervention;  // inventory rows x columns, compressed
  Eigen::VectorXd demand;     // zero except at the demand column
};

// Assembles the matrices of `system`; duplicate entries are summed and
// explicit zeros removed.
SystemMatrices build_matrices(const ProductSystem& system);

}  // namespace trustpcf::lca
