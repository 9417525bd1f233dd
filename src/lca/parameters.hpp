#pragma once

// Parameter scopes: the global parameters of a database and the parameters
// of one process, evaluated in dependency order. A process parameter hides a
// global parameter of the same name; names match case-insensitively and
// without surrounding spaces (see normalize_parameter_name).

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lca/formula.hpp"
#include "lca/model.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

// Parameter values by normalized name.
using ParameterValues = std::map<std::string, double>;

// Evaluates the dependent parameters of one scope (those with
// is_input_parameter false and a formula) and writes their `value`. Formulas
// may name parameters of the same scope, evaluated first, or of `outer`
// (the global scope for a process; empty for the global scope itself).
// `owner` names the scope in messages ("process 4f1c…", "global scope").
// Returns the scope's values merged over `outer`.
// Errors: kInvalidInput for two parameters with the same name, a formula
// that does not parse, an unknown parameter name, or a dependency cycle
// (the message lists the cycle).
util::Result<ParameterValues> evaluate_parameters(std::vector<Parameter>& parameters,
                                                  const ParameterValues& outer,
                                                  std::string_view owner);

// Returns a formula lookup over `values` (which must outlive it).
ParameterLookup make_lookup(const ParameterValues& values);

}  // namespace trustpcf::lca
