#pragma once

// Structural checks of a PACT v3 ProductFootprint before it is stored: the
// required properties of ProductFootprint and CarbonFootprint, their JSON
// types, id formats, URN prefixes and date-times. Numbers and the full
// schema are left to the pcf module's parser.

#include <string>

#include <nlohmann/json.hpp>

#include "util/error.hpp"

namespace trustpcf::space {

// Checks `footprint`. Errors: kInvalidInput naming the footprint id (or its
// position when it has none), the property and the expected form.
util::Status validate_footprint(const nlohmann::json& footprint);

}  // namespace trustpcf::space
