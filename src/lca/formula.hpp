#pragma once

// Parameter formulas as openLCA writes them on exchange amounts, allocation
// factors and dependent parameters: a parsed expression that is evaluated
// against a lookup of parameter values.
//
// Language (identifiers and function names are case-insensitive):
//   numbers       12, 0.5, .5, 1e-3
//   operators     ^ (right-associative power), unary - and +, * /, + -,
//                 comparisons = == <> != < <= > >=, and / && , or / ||, not / !
//                 (lowest to highest: or, and, not, comparison, + -, * /,
//                 unary sign, ^)
//   functions     if(c; a; b) and iif(c; a; b); arguments are separated
//                 by ';' or ','.
//                 One argument: abs sqrt exp ln log log10 sin cos tan asin
//                 acos atan round ceil floor int trunc frac sign.
//                 One or more: min max sum avg.
//                 Two: pow/power(x; y), mod(x; y), log(x; base), round(x; digits).
//   constants     pi, e, true (1), false (0)
// Comparisons and logical operators return 1 or 0; any non-zero value is
// true. A decimal comma is not accepted, because the comma separates
// function arguments.

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::lca {

namespace formula_detail {
struct Node;
}

// Returns the value of a parameter named `lower_case_name`, or std::nullopt
// when no such parameter exists.
using ParameterLookup = std::function<std::optional<double>(const std::string& lower_case_name)>;

class Formula {
 public:
  // Parses `text`. Errors: kInvalidInput naming the text, the position
  // (1-based character) and what was expected there.
  static util::Result<Formula> parse(std::string_view text);

  // Evaluates the formula. Errors: kInvalidInput when a variable is not
  // found by `lookup`, or when the result is not a finite number (division
  // by zero, sqrt of a negative number).
  util::Result<double> evaluate(const ParameterLookup& lookup) const;

  // The variable names the formula reads, lower case, trimmed.
  const std::set<std::string>& variables() const { return variables_; }

  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::shared_ptr<const formula_detail::Node> root_;
  std::set<std::string> variables_;
};

// Parses and evaluates `text` in one step (see Formula::parse, evaluate).
util::Result<double> evaluate_formula(std::string_view text, const ParameterLookup& lookup);

// Lower-cases and trims a parameter name the way formulas match it:
// "h2o_Lead " and "H2O_LEAD" name the same parameter.
std::string normalize_parameter_name(std::string_view name);

}  // namespace trustpcf::lca
