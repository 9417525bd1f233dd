#pragma once

// JSON form of PACT v3 product footprints: writing trustpcf's own footprints
// and reading footprints made elsewhere (a partner's node, a file).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "pcf/product_footprint.hpp"
#include "util/error.hpp"

namespace trustpcf::pcf {

// Returns the JSON object of `footprint`. Absent optional properties and empty
// lists are left out; properties in `extra` are written unless a v3 property
// of the same name is set.
nlohmann::json to_json(const ProductFootprint& footprint);

// Returns to_json(footprint) as text indented by two spaces, with a final
// newline. Keys are in sorted order, so equal footprints give equal bytes.
std::string write_product_footprint(const ProductFootprint& footprint);

// Reads one ProductFootprint object. It checks the rules that the JSON Schema
// of the v3 OpenAPI description states: required properties, types, decimal
// and date-time formats, enumerations, URNs, UUIDs, non-empty lists without
// duplicates, and at most one geography. It also checks rules written only in
// the property descriptions: data quality ratings from 1 to 5,
// packagingGhgEmissions only with packagingEmissionsIncluded true, and the
// 2.x property "updated", where present, as an RFC 3339 date-time.
// Unknown properties are kept in `extra`. Errors: kInvalidInput naming the
// footprint id, the property path, the value and the fix.
util::Result<ProductFootprint> parse_product_footprint(const nlohmann::json& json);

// Parses `text` as JSON, then as above. Errors: kInvalidInput for malformed
// JSON too.
util::Result<ProductFootprint> parse_product_footprint(std::string_view text);

// Checks a footprint built in memory against the same rules as
// parse_product_footprint. Errors: as there.
util::Status check_product_footprint(const ProductFootprint& footprint);

}  // namespace trustpcf::pcf
