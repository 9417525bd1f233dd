#include "lca/solve.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <umfpack.h>

namespace trustpcf::lca {

namespace {

using util::ErrorCode;
using util::make_error;

// At most this many columns are named in a singular-matrix message; the
// count of the others is given.
constexpr int kMaxNamedColumns = 20;

// Returns the columns whose pivots are smallest relative to the largest,
// smallest first.
std::vector<int> small_pivot_columns(void* numeric, Eigen::Index size) {
  std::vector<double> pivots(static_cast<size_t>(size));
  std::vector<int> column_order(static_cast<size_t>(size));
  int do_recip = 0;
  int status = umfpack_di_get_numeric(nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                                      nullptr, column_order.data(), pivots.data(), &do_recip,
                                      nullptr, numeric);
  if (status != UMFPACK_OK) return {};

  double largest = 0.0;
  for (double pivot : pivots) largest = std::max(largest, std::abs(pivot));
  std::vector<std::pair<double, int>> small;
  for (size_t k = 0; k < pivots.size(); ++k) {
    double magnitude = std::abs(pivots[k]);
    if (!(magnitude > kSmallPivotRatio * largest)) small.emplace_back(magnitude, column_order[k]);
  }
  std::sort(small.begin(), small.end());
  std::vector<int> columns;
  for (const auto& [magnitude, column] : small) columns.push_back(column);
  return columns;
}

std::string name_columns(const std::vector<int>& columns, const ColumnLabeler& label) {
  std::string text;
  int named = 0;
  for (int column : columns) {
    if (named == kMaxNamedColumns) {
      text += fmt::format("; and {} more", columns.size() - named);
      break;
    }
    text += (named == 0 ? "" : "; ") + label(column);
    ++named;
  }
  return text;
}

}  // namespace

util::Result<SparseLu> SparseLu::factorize(const SparseMatrix& matrix, const ColumnLabeler& label) {
  if (matrix.rows() != matrix.cols() || !matrix.isCompressed()) {
    return make_error(ErrorCode::kInternal,
                      "technosphere matrix is {}x{} or not compressed; it must be square and "
                      "compressed before factorization",
                      matrix.rows(), matrix.cols());
  }
  SparseLu lu;
  lu.matrix_ = matrix;
  const int n = static_cast<int>(matrix.cols());
  if (n == 0) {
    return make_error(ErrorCode::kModel, "the technosphere matrix is empty; the demand reaches no process");
  }

  double control[UMFPACK_CONTROL];
  double info[UMFPACK_INFO];
  umfpack_di_defaults(control);

  void* symbolic = nullptr;
  int status = umfpack_di_symbolic(n, n, lu.matrix_.outerIndexPtr(), lu.matrix_.innerIndexPtr(),
                                   lu.matrix_.valuePtr(), &symbolic, control, info);
  if (status != UMFPACK_OK) {
    return make_error(ErrorCode::kInternal, "UMFPACK symbolic factorization of the {}x{} "
                      "technosphere matrix failed with status {}", n, n, status);
  }
  status = umfpack_di_numeric(lu.matrix_.outerIndexPtr(), lu.matrix_.innerIndexPtr(),
                              lu.matrix_.valuePtr(), symbolic, &lu.numeric_, control, info);
  umfpack_di_free_symbolic(&symbolic);
  if (status != UMFPACK_OK && status != UMFPACK_WARNING_singular_matrix) {
    return make_error(ErrorCode::kInternal, "UMFPACK numeric factorization of the {}x{} "
                      "technosphere matrix failed with status {}", n, n, status);
  }
  lu.reciprocal_condition_ = info[UMFPACK_RCOND];

  bool singular = status == UMFPACK_WARNING_singular_matrix;
  if (singular || !(lu.reciprocal_condition_ >= kNearSingularReciprocalCondition)) {
    std::vector<int> columns = small_pivot_columns(lu.numeric_, n);
    return make_error(
        ErrorCode::kModel,
        "the technosphere matrix is {} (reciprocal condition estimate {:.3g}); the processes "
        "involved are: {}. Check their reference amounts and the loops between them, or link "
        "them to other providers",
        singular ? "singular" : "near singular", lu.reciprocal_condition_,
        columns.empty() ? std::string("not identified") : name_columns(columns, label));
  }
  spdlog::debug("technosphere matrix factorized columns={} nonzeros={} rcond={}", n,
                matrix.nonZeros(), lu.reciprocal_condition_);
  return lu;
}

SparseLu::SparseLu(SparseLu&& other) noexcept
    : matrix_(std::move(other.matrix_)),
      numeric_(std::exchange(other.numeric_, nullptr)),
      reciprocal_condition_(other.reciprocal_condition_) {}

SparseLu& SparseLu::operator=(SparseLu&& other) noexcept {
  if (this != &other) {
    if (numeric_ != nullptr) umfpack_di_free_numeric(&numeric_);
    matrix_ = std::move(other.matrix_);
    numeric_ = std::exchange(other.numeric_, nullptr);
    reciprocal_condition_ = other.reciprocal_condition_;
  }
  return *this;
}

SparseLu::~SparseLu() {
  if (numeric_ != nullptr) umfpack_di_free_numeric(&numeric_);
}

util::Result<Eigen::VectorXd> SparseLu::solve_system(int system, const Eigen::VectorXd& rhs) const {
  if (rhs.size() != matrix_.cols()) {
    return make_error(ErrorCode::kInternal, "right-hand side has {} entries for a {}-column matrix",
                      rhs.size(), matrix_.cols());
  }
  Eigen::VectorXd solution(rhs.size());
  double control[UMFPACK_CONTROL];
  double info[UMFPACK_INFO];
  umfpack_di_defaults(control);
  int status = umfpack_di_solve(system, matrix_.outerIndexPtr(), matrix_.innerIndexPtr(),
                                matrix_.valuePtr(), solution.data(), rhs.data(), numeric_, control,
                                info);
  if (status != UMFPACK_OK) {
    return make_error(ErrorCode::kInternal, "UMFPACK solve failed with status {}", status);
  }
  return solution;
}

util::Result<Eigen::VectorXd> SparseLu::solve(const Eigen::VectorXd& rhs) const {
  return solve_system(UMFPACK_A, rhs);
}

util::Result<Eigen::VectorXd> SparseLu::solve_transposed(const Eigen::VectorXd& rhs) const {
  return solve_system(UMFPACK_At, rhs);
}

}  // namespace trustpcf::lca
