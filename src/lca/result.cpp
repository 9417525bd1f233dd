#include "lca/result.hpp"

#include <numeric>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace trustpcf::lca {

namespace {

using util::ErrorCode;
using util::make_error;

// Factorizes the system's own matrix. A singular matrix error is extended
// with the unstable loops of the system, which are its usual cause.
util::Result<std::shared_ptr<const Factorization>> factorize_system(const Database& database,
                                                                     const CalculationResult& result) {
  auto lu = SparseLu::factorize(result.matrices.technosphere, [&](int column) {
    return result.system.column_label(database, column);
  });
  if (!lu.ok()) {
    std::string message = lu.error().message();
    for (const SanityFinding& loop :
         find_unstable_loops(database, result.system, result.matrices.technosphere)) {
      message += ". Unstable " + loop.message;
    }
    return util::Error(lu.error().code(), message);
  }
  auto factorization = std::make_shared<Factorization>(
      Factorization{std::move(lu).value(), result.system.column_index});
  return std::shared_ptr<const Factorization>(std::move(factorization));
}

// Sets result.factorization and result.solver_columns: the database-wide
// factorization when the cache has one that covers the system, else a
// factorization of the system's own matrix (cached per demand).
util::Status attach_factorization(const Database& database, const CalculationRequest& request,
                                  CalculationCache* cache, CalculationResult& result) {
  const ProductSystem& system = result.system;
  bool cacheable = cache != nullptr && !database.digest.empty();

  if (cacheable) {
    bool reused = false;
    auto shared = cache->database_factorization(database, request.allocation, &reused);
    if (shared.ok()) {
      result.factorization = *shared;
      result.solver_columns.resize(system.columns.size());
      for (size_t column = 0; column < system.columns.size(); ++column) {
        // Every column of a demand's system is a process-product pair of
        // the database, so the database-wide system has it.
        result.solver_columns[column] = result.factorization->column_index.at(system.columns[column]);
      }
      result.reused_factorization = reused;
      return util::Status();
    }
  }

  const TechnosphereKey& demand = system.columns[system.demand_column];
  std::shared_ptr<const Factorization> found;
  if (cacheable) found = cache->find_demand_factorization(database.digest, request.allocation, demand);
  result.reused_factorization = found != nullptr;
  if (found == nullptr) {
    TRUSTPCF_ASSIGN_OR_RETURN(found, factorize_system(database, result));
    if (cache != nullptr) {
      cache->store_demand_factorization(database.digest, request.allocation, demand, found);
    }
  }
  result.factorization = std::move(found);
  result.solver_columns.resize(system.columns.size());
  std::iota(result.solver_columns.begin(), result.solver_columns.end(), 0);
  return util::Status();
}

util::Status solve_scaling(CalculationResult& result) {
  const SparseLu& lu = result.factorization->lu;
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(lu.size());
  for (size_t column = 0; column < result.solver_columns.size(); ++column) {
    rhs[result.solver_columns[column]] = result.matrices.demand[static_cast<Eigen::Index>(column)];
  }
  TRUSTPCF_ASSIGN_OR_RETURN(Eigen::VectorXd solution, lu.solve(rhs));

  result.scaling.resize(static_cast<Eigen::Index>(result.solver_columns.size()));
  for (size_t column = 0; column < result.solver_columns.size(); ++column) {
    result.scaling[static_cast<Eigen::Index>(column)] = solution[result.solver_columns[column]];
  }
  return util::Status();
}

void compute_inventory(CalculationResult& result) {
  Eigen::VectorXd totals = result.matrices.intervention * result.scaling;
  result.inventory.reserve(result.system.inventory_rows.size());
  for (size_t row = 0; row < result.system.inventory_rows.size(); ++row) {
    const InventoryRow& flow = result.system.inventory_rows[row];
    // Adding 0.0 turns a -0.0 into 0.0, so equal results print equal.
    result.inventory.push_back(InventoryEntry{flow.flow_id, flow.kind, flow.is_input,
                                              totals[static_cast<Eigen::Index>(row)] + 0.0});
  }
}

}  // namespace

util::Result<CalculationResult> calculate(const Database& database,
                                          const CalculationRequest& request,
                                          CalculationCache* cache) {
  std::shared_ptr<const ProcessIndex> indexes =
      cache != nullptr ? cache->indexes(database) : std::make_shared<const ProcessIndex>(database);

  ProductSystemOptions options;
  options.allocation = request.allocation;
  TRUSTPCF_ASSIGN_OR_RETURN(
      ProductSystem system,
      build_product_system(*indexes, request.demand, options));

  CalculationResult result;
  result.database_digest = database.digest;
  result.allocation = request.allocation;
  result.demand = system.columns[system.demand_column];
  result.demand_amount = request.demand.amount;
  result.system = std::move(system);
  result.matrices = build_matrices(result.system);
  result.allocation_description =
      describe_allocation(database, request.allocation, result.system.allocations);

  TRUSTPCF_RETURN_IF_ERROR(attach_factorization(database, request, cache, result));
  TRUSTPCF_RETURN_IF_ERROR(solve_scaling(result));

  std::vector<SanityFinding> findings = check_result_sanity(
      database, result.system, result.matrices.technosphere, result.scaling);
  if (!findings.empty()) {
    if (request.allocation != AllocationMode::kNone) {
      std::string message = fmt::format(
          "the product system of {} cannot give a meaningful result with allocation '{}'",
          result.system.column_label(database, result.system.demand_column),
          allocation_mode_name(request.allocation));
      for (const SanityFinding& finding : findings) message += ": " + finding.message;
      return util::Error(ErrorCode::kModel, message);
    }
    for (const SanityFinding& finding : findings) {
      spdlog::warn("result sanity check failed process={} flow={} issue={} {}",
                   result.demand.process_id, result.demand.flow_id,
                   sanity_issue_name(finding.issue), finding.message);
    }
    result.warnings = std::move(findings);
  }

  compute_inventory(result);
  spdlog::debug("calculation finished process={} flow={} columns={} inventory_rows={} "
                "reused_factorization={}",
                result.demand.process_id, result.demand.flow_id, result.system.columns.size(),
                result.inventory.size(), result.reused_factorization);
  return result;
}

}  // namespace trustpcf::lca
