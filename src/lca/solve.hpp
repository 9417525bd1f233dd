#pragma once

// Sparse LU factorization of a technosphere matrix with UMFPACK (SuiteSparse),
// kept so that every further demand on the same matrix is only a pair of
// triangular solves.

#include <functional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "lca/matrix.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

// Below this reciprocal condition estimate (UMFPACK's ratio of the smallest
// to the largest pivot of the scaled matrix) the system is called near
// singular: with double precision (epsilon 2.2e-16) the scaling vector may
// then carry relative errors of several percent.
constexpr double kNearSingularReciprocalCondition = 1e-14;

// A pivot smaller than this fraction of the largest pivot marks its column
// as one of the columns that make the matrix (near) singular.
constexpr double kSmallPivotRatio = 1e-14;

// Returns a label naming column `column` in messages.
using ColumnLabeler = std::function<std::string(int column)>;

// The numeric LU factors of one square sparse matrix. Move-only; owns the
// UMFPACK objects and a copy of the matrix (needed for refinement steps).
class SparseLu {
 public:
  // Factorizes `matrix`. Errors: kModel when the matrix is singular or near
  // singular, naming (with `label`) the columns of the smallest pivots.
  // kInternal when UMFPACK fails otherwise (out of memory, invalid matrix).
  static util::Result<SparseLu> factorize(const SparseMatrix& matrix, const ColumnLabeler& label);

  SparseLu(SparseLu&& other) noexcept;
  SparseLu& operator=(SparseLu&& other) noexcept;
  SparseLu(const SparseLu&) = delete;
  SparseLu& operator=(const SparseLu&) = delete;
  ~SparseLu();

  // Solves A x = b. Errors: kInternal when UMFPACK fails.
  util::Result<Eigen::VectorXd> solve(const Eigen::VectorXd& rhs) const;

  // Solves A^T x = b. Errors: kInternal when UMFPACK fails.
  util::Result<Eigen::VectorXd> solve_transposed(const Eigen::VectorXd& rhs) const;

  // UMFPACK's reciprocal condition estimate of the factorized matrix.
  double reciprocal_condition() const { return reciprocal_condition_; }
  Eigen::Index size() const { return matrix_.cols(); }

 private:
  SparseLu() = default;
  util::Result<Eigen::VectorXd> solve_system(int system, const Eigen::VectorXd& rhs) const;

  SparseMatrix matrix_;
  void* numeric_ = nullptr;
  double reciprocal_condition_ = 0.0;
};

}  // namespace trustpcf::lca
