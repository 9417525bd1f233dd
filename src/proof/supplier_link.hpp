#pragma once

// A supplier footprint linked in place of the background provider of one
// product input of the foreground process, so that the engine still solves
// one product system. The input's flow is replaced (in that exchange only)
// by a flow of the same flow properties that one synthetic process
// provides. That process is named "supplier footprint <digest> (<company>)".
// Its one elementary exchange is the supplier's pcfExcludingBiogenicUptake
// per unit of the flow, as kg of "Carbon dioxide, fossil" emitted to air
// (the database's own flow of that name when it has one). That flow has a
// GWP100 of 1 in every method. Other consumers of the flow keep their providers, because no
// other process names the new flow.
// NOTE: the supplier's whole CO2e is then reported as fossil in the breakdown.
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
// input or several inputs match, when the declared unit does not convert,
// or when a decimal is malformed. kNotFound for an unknown process.
util::Result<LinkedSupplierFootprint> link_supplier_footprint(lca::Database& database,
                                                              const std::string& process_id,
                                                              const SupplierFootprintSummary& supplier,
                                                              const std::string& flow_name_or_id);

}  // namespace trustpcf::proof
