#pragma once

// Checks of a PACT v3 ProductFootprint before the node stores or serves it.

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace trustpcf::space {

// Checks `footprint` against the v3 data model with the pcf module's parser
// (required properties, types, decimals, date-times, URNs, UUIDs). Errors:
// kInvalidInput naming the footprint id, the property and the fix.
util::Status validate_footprint(const nlohmann::json& footprint);

}  // namespace trustpcf::space
