#pragma once

// The link between the LCA engine and calculation receipts: what a receipt
// records about a footprint computation, and the Recomputer that repeats it
// from the node's store (`verify --recompute`, `certify`).

#include <memory>
#include <string>

#include "pcf/footprint_computation.hpp"
#include "proof/receipt.hpp"
#include "proof/recompute.hpp"
#include "store/database.hpp"

namespace trustpcf::proof {

// Returns the lower-case hex SHA-256 of the built-in characterization
// tables (the GWP table and the flow mapping, as compiled in), the digest a
// receipt names for the characterization.
std::string characterization_table_digest();

// Builds the receipt inputs of a computation: the database digest, the
// product system (the whole request and every provider link), the method
// and its table digest, and the options that change the result.
ReceiptInputs receipt_inputs(const pcf::FootprintRequest& request, const pcf::FootprintComputation& computation,
                             const std::string& database_digest);

// Repeats a computation from a receipt predicate with this node's store and
// engine. When an input is not the one the receipt names, recompute fails
// with an error naming that input: the background database (by name and
// digest), the characterization table, or the engine build.
class EngineRecomputer : public Recomputer {
 public:
  // `db` must outlive the recomputer.
  explicit EngineRecomputer(store::Database& db) : db_(db) {}

  // Errors: kNotFound when the store has no database with the receipt's
  // digest. The message names the database, and both digests when a
  // database of that name exists. kVerification when the characterization
  // table differs. kInvalidInput for a predicate without a product system
  // request. kNotFound naming an evidence batch or supplier footprint that
  // productSystem.definition.foreground names and the store lacks.
  // Otherwise the errors of pcf::compute_footprint.
  util::Result<nlohmann::json> recompute(const nlohmann::json& receipt_predicate) override;

 private:
  store::Database& db_;
};

}  // namespace trustpcf::proof
