#pragma once

// A supplier footprint linked in place of the background provider of one
// product input of the foreground process, so that the engine still solves
// one product system. The input's flow is replaced (in that exchange only)
// by a flow of the same flow properties that one synthetic process
// provides. That process, named "supplier footprint <digest> (<company>)",
// has one elementary exchange: the supplier's pcfExcludingBiogenicUptake per
// unit of the flow, as kg of "Carbon dioxide, fossil" emitted to air, whose
// GWP100 is 1 in every method. Other consumers of the flow keep their
// providers, because no other process names the new flow.
// The database is changed in place, so the caller passes its own copy.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "lca/model.hpp"
#include "proof/supplier_footprint.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

// The elementary flow that carries a supplier footprint's CO2e.
inline constexpr const char* kSupplierCo2eFlowName = "Carbon dioxide, fossil";

struct LinkedSupplierFootprint {
  std::string footprint_digest;  // the supplier bundle's footprint digest (hex)
  std::string footprint_id;
  std::string company_name;
  int exchange_internal_id = 0;   // the foreground exchange relinked
  std::string flow_id;            // the exchange's flow before linking
  std::string flow_name;
  std::string unit;               // the exchange's unit name
  std::string process_id;         // the synthetic provider
  std::string process_name;       // "supplier footprint <digest 12> (<company>)"
  double co2e_per_unit = 0.0;     // kg CO2e per one `unit` of the flow
  std::optional<double> primary_data_share;  // the supplier's, percent

  // {"footprintDigest", "footprintId", "exchange", "flow", "unit", "co2ePerUnit"}.
  nlohmann::json to_json() const;
};

// Links `supplier` to the product input of process `process_id` whose flow
// `flow_name_or_id` names, or, when empty, whose flow id appears as
// urn:uuid:<flow id> among the supplier's productIds. The declared unit is
// converted into the exchange's unit through the flow's flow properties.
// Errors: kInvalidInput naming the supplier footprint and the fix when no
// input or several inputs match, the declared unit does not convert, or a
// decimal is malformed; kNotFound for an unknown process.
util::Result<LinkedSupplierFootprint> link_supplier_footprint(lca::Database& database,
                                                              const std::string& process_id,
                                                              const SupplierFootprintSummary& supplier,
                                                              const std::string& flow_name_or_id);

}  // namespace trustpcf::proof
