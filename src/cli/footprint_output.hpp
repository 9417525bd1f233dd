#pragma once

// Text and JSON forms of a footprint computation and its upstream tree, for
// `trustpcf footprint compute|tree`. The JSON fields are documented in
// docs/cli.md and only ever added to.

#include <ostream>

#include <nlohmann/json.hpp>

#include "lca/entity_store.hpp"
#include "lca/tree.hpp"
#include "pcf/footprint_computation.hpp"
#include "proof/evidence_computation.hpp"

namespace trustpcf::cli {

// Number of direct contributions and linking choices listed in summaries.
inline constexpr size_t kSummaryRows = 10;

// The life-cycle inventory: elementary flows and the product and waste
// flows crossing the system boundary, marked by "kind".
nlohmann::json inventory_json(const lca::Database& database, const pcf::FootprintComputation& computation);

nlohmann::json summary_json(const lca::Database& database, const lca::DatabaseInfo& info,
                            const pcf::FootprintRequest& request, const pcf::FootprintComputation& computation);

void print_summary(std::ostream& out, const lca::Database& database, const lca::DatabaseInfo& info,
                   const pcf::FootprintRequest& request, const pcf::FootprintComputation& computation);

nlohmann::json tree_json(const lca::Database& database, const pcf::FootprintComputation& computation,
                         const lca::UpstreamTree& tree);

void print_tree(std::ostream& out, const lca::Database& database, const pcf::FootprintComputation& computation,
                const lca::UpstreamTree& tree);

// Prints which exchanges evidence replaced and which supplier footprints were
// linked, and primaryDataShare, each line starting with `indent`.
void print_foreground(std::ostream& out, const proof::EvidenceComputation& evidence, const std::string& indent = "");

}  // namespace trustpcf::cli
