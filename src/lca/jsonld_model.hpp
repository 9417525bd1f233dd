#pragma once

// Builds the in-memory LCI model (lca/model.hpp) from the entities of an
// openLCA JSON-LD export, schema v1 or v2, and validates what the engine
// relies on.
//
// Fatal problems make the build fail with kInvalidInput naming the entity
// id, the field and the fix. They are: an exchange whose flow, flow property
// or unit is missing or unusable (a zero conversion factor, a unit group
// without reference unit); a unit outside the unit group of the exchange's
// flow property; a quantitative reference with a zero or missing amount; a
// formula that does not parse, names an unknown parameter or gives no
// finite number; a parameter cycle; two quantitative references.
//
// Warnings (the build goes on and the entity or field is left out of the
// model, but stays in the store): a broken flow, flow property or unit group
// that no exchange uses; a missing location, category or default provider;
// an allocation factor whose product or exchange is not in the process.

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lca/model.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

// The entities of an export: type (export folder name, e.g. "processes")
// to id to the JSON object as published.
using EntityIndex = std::map<std::string, std::map<std::string, nlohmann::json>>;

struct ImportWarning {
  // Stable short name of the problem ("broken-flow",
  // "missing-location", ...), for counting.
  std::string kind;
  std::string message;
};

// Builds the model from `entities`; appends warnings to `warnings`. The
// digest field of the result is left empty.
util::Result<Database> build_database(const EntityIndex& entities, std::vector<ImportWarning>& warnings);

}  // namespace trustpcf::lca
