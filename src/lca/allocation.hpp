#pragma once

// Allocation of multi-output processes, chosen once for a whole calculation.
// A process is multi-output when it has two or more co-products: providing
// exchanges (product outputs, or waste inputs of a treatment process).
//
//   none      no allocation, as openLCA calculates without it: every co-product
//             the system uses gets its own column carrying the whole process
//             inventory, and the other co-products leave the system as
//             outputs (see product_system.hpp).
//   physical, economic, causal
//             the process's factors of that method; physical falls back to
//             shares by mass when the process has no physical factors and
//             every co-product is given in a mass unit.
//   default   the ISO 14044 hierarchy as far as the data allows: the
//             process's default method with its factors; else its physical
//             factors; else its economic factors; else shares by mass of the
//             co-product outputs when all are in mass units; else an error.
//
// Errors are util::ErrorCode::kModel and name the process and the fix.

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lca/model.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

enum class AllocationMode { kDefault, kPhysical, kEconomic, kCausal, kNone };

// Returns "default", "physical", "economic", "causal" or "none".
const char* allocation_mode_name(AllocationMode mode);

// Parses the names above. Errors: kUsage naming `text` and the valid names.
util::Result<AllocationMode> parse_allocation_mode(std::string_view text);

// The origin of the factors applied to a process.
enum class AllocationSource {
  kNotNeeded,         // single-output process, or mode none
  kProcessDefault,    // the process's default method and its factors
  kFactors,           // the process's factors of the method applied
  kMassShares,        // computed from co-product output amounts in mass units
};

// Returns the stable lower-case name of a source ("mass_shares").
const char* allocation_source_name(AllocationSource source);

// The allocation applied to one process.
struct ProcessAllocation {
  std::string process_id;
  AllocationMethod method = AllocationMethod::kNone;
  AllocationSource source = AllocationSource::kNotNeeded;
  // The co-product flow ids, sorted.
  std::vector<std::string> co_product_flow_ids;
  // Share of each co-product for physical, economic and mass shares.
  std::map<std::string, double> product_shares;
  // Causal shares: (co-product flow id, exchange internal id) -> share.
  std::map<std::pair<std::string, int>, double> causal_shares;
  // Co-products that have no factor of the method and get share 0 because
  // the given factors sum to 1, sorted.
  std::vector<std::string> unallocated_co_products;

  // Returns the share of `exchange` that the column of co-product
  // `product_flow_id` carries: 1 when no allocation applies.
  // Precondition: the factors were checked by resolve_allocation.
  double share(const std::string& product_flow_id, const Exchange& exchange) const;
};

// Returns the co-product flow ids of `process` (providing exchanges), sorted
// and without repeats.
std::vector<std::string> co_products(const Database& database, const Process& process);

// Decides the allocation of `process` under `mode`. Errors (kModel): no
// factors of the requested method and no fallback, a co-product without a
// factor while the given factors do not sum to 1, a causal factor missing
// for an exchange, a negative factor.
util::Result<ProcessAllocation> resolve_allocation(const Database& database,
                                                   const Process& process, AllocationMode mode);

// Summarizes the allocation of the multi-output processes of a calculation
// in one paragraph, usable as PACT allocationRulesDescription. Processes are
// named with `database`; the text lists them in id order.
std::string describe_allocation(const Database& database, AllocationMode mode,
                                const std::vector<ProcessAllocation>& allocations);

}  // namespace trustpcf::lca
