#pragma once

// The product system of a demand: every process-product pair the demand
// reaches through provider links, with the entries of its technosphere
// matrix and intervention matrix as triplets (matrix.hpp assembles them).
//
// Sign convention (openLCA's): outputs are positive, inputs negative, in the
// flow's reference unit. A column's own product enters unallocated; every
// other exchange is multiplied by the allocation share of that product.
// Other co-products of the column's process are left out with allocation;
// without allocation (mode none) they enter the intervention matrix as
// product or waste flows crossing the system boundary, as openLCA 2 does
// (olca-core InventoryBuilder), so co-product columns never repeat. An
// avoided product enters as an output (+) and an avoided waste as an input
// (-), whatever direction the data gives, and both are linked to providers.
// Columns are sorted by process id, then flow id; inventory rows by flow id.

#include <compare>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/SparseCore>

#include "lca/allocation.hpp"
#include "lca/linking.hpp"
#include "lca/model.hpp"
#include "lca/product_system_index.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

// One column (and row) of the technosphere matrix: a process and one of its
// co-products (a product it outputs or a waste it treats).
struct TechnosphereKey {
  std::string process_id;
  std::string flow_id;
  auto operator<=>(const TechnosphereKey&) const = default;
};

// The demand of a calculation: `amount` of `flow_id` (in the flow's
// reference unit) from `process_id`. An empty flow_id means the process's
// quantitative reference.
struct Demand {
  std::string process_id;
  std::string flow_id;
  double amount = 1.0;
};

enum class InventoryFlowKind {
  kElementary,
  kBoundaryProduct,  // a product input without provider, or a co-product (mode none)
  kBoundaryWaste,    // a waste output without treatment, or a treated co-waste (mode none)
};

// One row of the intervention matrix. Amounts in the row are positive in the
// row's direction: the direction of the first exchange that entered it, in
// column order; exchanges of the other direction enter negated.
struct InventoryRow {
  std::string flow_id;
  InventoryFlowKind kind = InventoryFlowKind::kElementary;
  bool is_input = false;
};

// A provider link used by the product system.
struct SystemLink {
  int consumer_column = 0;
  int provider_column = 0;
  int exchange_internal_id = 0;
  bool is_avoided = false;
};

// A column that could not be built, when building with collect_errors.
struct InvalidColumn {
  int column = 0;
  util::Error error;
};

struct ProductSystem {
  std::vector<TechnosphereKey> columns;
  std::map<TechnosphereKey, int> column_index;
  std::vector<InventoryRow> inventory_rows;
  std::map<std::string, int> inventory_index;  // flow id -> row

  // Technosphere matrix A (columns x columns) and intervention matrix B
  // (inventory rows x columns) entries; duplicates are summed.
  std::vector<Eigen::Triplet<double>> technosphere_entries;
  std::vector<Eigen::Triplet<double>> intervention_entries;

  // Gross output of each column's own product (sign convention above), kept
  // apart from self-consumption for the loop-gain check.
  std::vector<double> production;

  // The demanded column and the demand vector entry (amount with the sign of
  // the column's product: positive for a product, negative for a waste).
  // -1 for a database-wide system.
  int demand_column = -1;
  double demand_value = 0.0;

  // Linking report: every linking decision of every process in the system
  // (in consumer, exchange order), and every cut-off.
  std::vector<LinkChoice> link_choices;
  std::vector<CutOff> cut_offs;
  std::vector<SystemLink> links;

  // Allocation applied to every process of the system, in id order.
  std::vector<ProcessAllocation> allocations;

  // Columns whose process failed (collect_errors only); they hold only their
  // production entry so the matrix stays square and regular.
  std::vector<InvalidColumn> invalid_columns;

  // True for columns supplied, directly or further upstream, through an
  // avoided product or waste; their scaling factors may be negative.
  std::vector<bool> avoided_supply;

  // Returns "'process name' / 'flow name'" for messages.
  std::string column_label(const Database& database, int column) const;
};

struct ProductSystemOptions {
  AllocationMode allocation = AllocationMode::kDefault;
  // Keep going when a process fails (allocation, zero production) and list it
  // in invalid_columns; used for database-wide systems. Otherwise the first
  // error is returned.
  bool collect_errors = false;
};

// Builds the product system of `demand`. Errors: kNotFound when the process
// or flow does not exist; kInvalidInput when the process does not provide
// the flow or the amount is not finite and non-zero; kModel for allocation
// failures and zero production of a reached co-product.
util::Result<ProductSystem> build_product_system(const ProcessIndex& index, const Demand& demand,
                                                 const ProductSystemOptions& options);

// Builds the system of every process-product pair of the database, for a
// factorization shared by every demand. Uses collect_errors.
util::Result<ProductSystem> build_database_system(const ProcessIndex& index,
                                                  AllocationMode allocation);

// Resolves `demand`'s empty flow id to the quantitative reference and
// checks it. Errors as build_product_system.
util::Result<TechnosphereKey> resolve_demand(const Database& database, const Demand& demand);

}  // namespace trustpcf::lca
