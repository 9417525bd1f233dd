#include "lca/matrix.hpp"

namespace trustpcf::lca {

SystemMatrices build_matrices(const ProductSystem& system) {
  const auto columns = static_cast<Eigen::Index>(system.columns.size());
  const auto rows = static_cast<Eigen::Index>(system.inventory_rows.size());

  SystemMatrices matrices;
  matrices.technosphere.resize(columns, columns);
  matrices.technosphere.setFromTriplets(system.technosphere_entries.begin(),
                                        system.technosphere_entries.end());
  matrices.technosphere.prune(0.0);
  matrices.technosphere.makeCompressed();

  matrices.intervention.resize(rows, columns);
  matrices.intervention.setFromTriplets(system.intervention_entries.begin(),
                                        system.intervention_entries.end());
  matrices.intervention.prune(0.0);
  matrices.intervention.makeCompressed();

  matrices.demand = Eigen::VectorXd::Zero(columns);
  if (system.demand_column >= 0) matrices.demand[system.demand_column] = system.demand_value;
  return matrices;
}

}  // namespace trustpcf::lca
