#pragma once

// Evidence applied to the foreground process (the process whose product
// footprint is computed). The rule, documented in docs/evidence.md:
//   - A record belongs to the exchange of the foreground process whose flow
//     its flowName names (flow name, case-insensitive and trimmed, or flow id).
//   - Records of activityType "production" whose flow is the reference
//     product give the output over their periods; their sum is the produced
//     quantity P, in the unit of the reference exchange.
//   - Records of the same exchange are summed into Q, converted into the
//     exchange's unit through the flow's flow properties and unit groups.
//     The exchange's amount becomes Q / P x the reference exchange's amount.
//   - Every record's period lies inside the span of the production periods,
//     and no record is given twice.
// The database is changed in place, so the caller passes its own copy.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lca/model.hpp"
#include "proof/evidence.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// The activityType of production records (compared case-insensitively).
inline constexpr const char* kProductionActivityType = "production";

// One exchange of the foreground process whose amount evidence replaced.
struct ReplacedExchange {
  int exchange_internal_id = 0;
  std::string flow_id;
  std::string flow_name;
  std::string unit;               // the exchange's unit name
  double original_amount = 0.0;   // as the database states it, in `unit`
  double measured_amount = 0.0;   // per reference amount of the product, in `unit`
  std::vector<std::string> record_digests;  // the records summed, in batch order
};

struct ForegroundEvidence {
  std::string process_id;
  std::string product_flow_id;
  double produced_amount = 0.0;  // sum of the production records, in the reference exchange's unit
  std::string period_start;      // earliest production periodStart, as written
  std::string period_end;        // latest production periodEnd, as written
  std::vector<ReplacedExchange> replaced;  // by exchange internal id

  // {"process", "product", "producedAmount", "periodStart", "periodEnd",
  //  "replaced": [{"exchange", "flow", "flowName", "unit", "originalAmount",
  //  "measuredAmount", "records"}]}, amounts as decimal text.
  nlohmann::json to_json() const;
};

// Converts `quantity` given in the unit named `unit_name` into the unit of
// `exchange` (of `flow`), through the flow's flow property factors and the
// unit groups. Errors: kInvalidInput naming `context`, the unit, the flow
// and the units that would convert.
util::Result<double> convert_to_exchange_unit(const lca::Database& database, const lca::Flow& flow,
                                              const lca::Exchange& exchange, double quantity,
                                              const std::string& unit_name, const std::string& context);

// Applies the records of `batches` to the process `process_id` of `database`
// with the rule above. `product_flow_id` empty means the quantitative
// reference. Errors: kInvalidInput naming the record (batch and index), its
// flow and the fix: no production record, a record without flowName or
// matching no exchange, several exchanges of the flow, an inconvertible
// unit, a period outside the production span, a produced quantity of zero.
// kNotFound for an unknown process.
util::Result<ForegroundEvidence> apply_evidence(lca::Database& database, const std::string& process_id,
                                                const std::string& product_flow_id,
                                                const std::vector<EvidenceBatch>& batches);

}  // namespace trustpcf::proof
