#pragma once

// The whole calculation of a product footprint from an LCI database: solve
// the product system (lca::calculate), characterize its inventory, and
// build the PACT v3 ProductFootprint with the explanation of where the
// emissions come from. The command line, receipts and recomputation all go
// through compute_footprint, so that the same inputs give the same bytes.

#include <optional>
#include <string>
#include <vector>

#include "lca/allocation.hpp"
#include "lca/characterization.hpp"
#include "lca/contribution.hpp"
#include "lca/model.hpp"
#include "lca/result.hpp"
#include "lca/solve_cache.hpp"
#include "pcf/footprint_builder.hpp"
#include "util/error.hpp"

namespace trustpcf::pcf {

// Everything that changes the footprint. A receipt names every field, so a
// recomputation from the same request and database gives identical bytes.
struct FootprintRequest {
  std::string process_id;
  std::string product_flow_id;  // empty: the process's quantitative reference
  double amount = 1.0;          // in the reference unit of the product flow
  lca::AllocationMode allocation = lca::AllocationMode::kDefault;
  lca::GwpMethod method = lca::kDefaultGwpMethod;

  std::string database_name;  // named in secondaryEmissionFactorSources
  std::string created;        // RFC 3339; required (no clock inside the calculation)
  // Empty: the footprint id is derived from the digest of the request and
  // the database digest (see derive_footprint_id).
  std::string footprint_id;
  // Empty: the calendar year before `created`.
  std::string reference_period_start;
  std::string reference_period_end;

  std::string company_name;
  std::vector<std::string> company_ids;        // URNs; at least one
  std::vector<std::string> extra_product_ids;  // URNs added after urn:uuid:<flow id>
  std::string comment;
};

// Returns the request as a JSON object with stable field names, the form a
// calculation receipt records.
nlohmann::json request_to_json(const FootprintRequest& request);

// Reads the form request_to_json writes. Errors: kInvalidInput naming the
// missing or mistyped field.
util::Result<FootprintRequest> request_from_json(const nlohmann::json& json);

// A footprint and the figures that explain it.
struct FootprintComputation {
  lca::CalculationResult result;
  BuiltFootprint built;
  CharacterizedInventory characterized;
  // Factors by flow id, with biogenic CO2 uptake and release left out, the
  // basis of pcfExcludingBiogenicUptake; used for contributions and trees.
  lca::CharacterizationFactors factors;
  double total = 0.0;  // kg CO2e for `amount`, = sum of contributions
  // Direct contributions by process, largest magnitude first.
  std::vector<lca::ProcessContribution> contributions;
};

// Computes the footprint of `request` on `database`. `cache` may be
// nullptr. Errors: kNotFound for an unknown process or flow. kUsage for a
// missing `created` or company id. kModel for an unsolvable system or a
// failed allocation. kInvalidInput for a unit PACT has no declared unit for.
util::Result<FootprintComputation> compute_footprint(const lca::Database& database,
                                                     const FootprintRequest& request,
                                                     lca::CalculationCache* cache);

// Returns a version 8 UUID (RFC 9562, custom) made of the first 122 bits of
// SHA-256 over the JCS form of {request, database digest}, so that the same
// calculation always gets the same footprint id.
std::string derive_footprint_id(const FootprintRequest& request, const std::string& database_digest);

// Finds a process by id, else by name (case-insensitive, surrounding spaces
// ignored), else by a unique name substring. Errors: kNotFound naming the
// text and suggesting `trustpcf db search`; kUsage when several processes
// match, listing up to ten of them with ids.
util::Result<const lca::Process*> find_process(const lca::Database& database, const std::string& name_or_id);

// Finds the product flow of `process` named or identified by `name_or_id`
// among its providing exchanges. Errors: kNotFound listing the products of
// the process.
util::Result<const lca::Flow*> find_product(const lca::Database& database, const lca::Process& process,
                                            const std::string& name_or_id);

// Returns the reference unit name of a flow ("kg", "Item(s)"), or "" when
// its reference flow property or unit group is missing.
std::string reference_unit_name(const lca::Database& database, const lca::Flow& flow);

}  // namespace trustpcf::pcf
