#pragma once

// The calculation entry point: demand in, scaling vector and inventory out,
// with the linking report, the allocation applied and the sanity findings.
//
//   CalculationCache cache;                       // keep for the run
//   auto result = calculate(database, request, &cache);
//   if (!result.ok()) return result.error();      // kModel, kNotFound, ...
//   for (const InventoryEntry& entry : result->inventory) ...
//
// Impacts, contributions and the upstream tree take characterization factors
// (contribution.hpp, tree.hpp).

#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "lca/allocation.hpp"
#include "lca/matrix.hpp"
#include "lca/model.hpp"
#include "lca/product_system.hpp"
#include "lca/result_sanity.hpp"
#include "lca/solve_cache.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

struct CalculationRequest {
  Demand demand;
  AllocationMode allocation = AllocationMode::kDefault;
};

// One flow of the inventory: an elementary flow, or a product or waste flow
// crossing the system boundary. `amount` is in the flow's reference unit and
// positive in the direction given by is_input (negative when the system as a
// whole runs the other way, for example through avoided products).
struct InventoryEntry {
  std::string flow_id;
  InventoryFlowKind kind = InventoryFlowKind::kElementary;
  bool is_input = false;
  double amount = 0.0;
};

struct CalculationResult {
  std::string database_digest;
  AllocationMode allocation = AllocationMode::kDefault;
  TechnosphereKey demand;
  double demand_amount = 0.0;  // in the demanded flow's reference unit

  // The product system with its linking report (link_choices, cut_offs) and
  // the allocation of every process (allocations).
  ProductSystem system;
  SystemMatrices matrices;
  // Scaling factor of each system column.
  Eigen::VectorXd scaling;
  // g = B s, one entry per inventory row, sorted by flow id.
  std::vector<InventoryEntry> inventory;

  // allocationRulesDescription text for the applied allocation.
  std::string allocation_description;
  // Negative scaling factors and unstable loops. Only allocation none returns
  // a result that has any; other modes fail with kModel instead.
  std::vector<SanityFinding> warnings;

  // The factorization used, and the position of each system column in it,
  // for further solves with the same matrix (upstream tree).
  std::shared_ptr<const Factorization> factorization;
  std::vector<int> solver_columns;
  bool reused_factorization = false;
};

// Builds the product system of `request.demand`, solves it and computes the
// inventory. `cache` may be nullptr; with a cache, a database with a digest
// reuses indexes and factorizations (solve_cache.hpp). Errors: those of
// build_product_system; kModel for a singular or near-singular technosphere
// matrix (naming the processes and unstable loops) and, unless the
// allocation is none, for negative scaling factors or loop gains of one or
// more.
util::Result<CalculationResult> calculate(const Database& database,
                                          const CalculationRequest& request,
                                          CalculationCache* cache);

}  // namespace trustpcf::lca
