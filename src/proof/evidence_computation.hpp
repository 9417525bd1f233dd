#pragma once

// A footprint computed from evidence: evidence batches applied to the
// foreground process (foreground_evidence.hpp) and supplier footprints linked
// in place of background providers (supplier_link.hpp), on a copy of the
// database, then pcf::compute_footprint and the primaryDataShare rule
// (primary_data_share.hpp). The receipt records what was applied in
// productSystem.definition.foreground, and EngineRecomputer repeats it.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pcf/footprint_computation.hpp"
#include "proof/evidence.hpp"
#include "proof/foreground_evidence.hpp"
#include "proof/receipt.hpp"
#include "proof/supplier_link.hpp"
#include "store/database.hpp"

namespace trustpcf::proof {

// A supplier footprint to link, and the flow of the input it replaces
// (empty: found by the footprint's productIds).
struct SupplierChoice {
  SupplierFootprintSummary supplier;
  std::string flow;
};

struct EvidenceComputation {
  // The database with the evidence and links applied; the computation's
  // names and ids refer to it.
  std::shared_ptr<const lca::Database> database;
  // The request as computed: footprint_id is set, derived from the request,
  // the database digest and `foreground_definition()` when it was empty.
  pcf::FootprintRequest request;
  pcf::FootprintComputation computation;
  std::optional<ForegroundEvidence> evidence;
  std::vector<LinkedSupplierFootprint> suppliers;
  std::vector<std::string> batch_ids;  // in the order applied

  // {"evidenceBatches": [ids], "evidence": ForegroundEvidence::to_json() or
  // null, "supplierFootprints": [LinkedSupplierFootprint::to_json()]}.
  nlohmann::json foreground_definition() const;
};

// Applies `batches` and then `suppliers` to a copy of `database` and
// computes the footprint of `request`. With neither, the result equals
// pcf::compute_footprint's. Errors: those of apply_evidence,
// link_supplier_footprint and pcf::compute_footprint.
util::Result<EvidenceComputation> compute_with_evidence(const lca::Database& database,
                                                        pcf::FootprintRequest request,
                                                        const std::vector<EvidenceBatch>& batches,
                                                        const std::vector<SupplierChoice>& suppliers);

// Adds productSystem.definition.foreground to receipt inputs made by
// receipt_inputs() when evidence or supplier footprints were used.
void add_foreground_to_receipt(const EvidenceComputation& computation, ReceiptInputs& inputs);

// Loads what a receipt's productSystem.definition.foreground names from the
// store and repeats compute_with_evidence. Errors: kNotFound naming a batch
// or supplier footprint missing from the store, and those of
// compute_with_evidence.
util::Result<EvidenceComputation> recompute_with_evidence(store::Database& db, const lca::Database& database,
                                                          const pcf::FootprintRequest& request,
                                                          const nlohmann::json& foreground);

}  // namespace trustpcf::proof
