#pragma once

// The one number format of trustpcf outputs. Decimals are written in plain
// positional notation (never with an exponent), as the PACT Decimal type
// requires (pattern ^[+-]?\d+(\.\d+)?$), and are reproducible byte for byte.

#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::util {

// Formats `value` as a plain decimal string. With `significant_digits` 0 the
// shortest text that reads back as the same double is used; otherwise the
// value is first rounded to that many significant digits (1..17). Trailing
// zeros after the point are dropped and "-0" becomes "0".
// Precondition: `value` is finite.
std::string format_decimal(double value, int significant_digits = 0);

// Parses a decimal or scientific number ("12.5", "-3e-4"). Errors:
// kInvalidInput naming `text` when it is not a finite number.
Result<double> parse_double(std::string_view text);

}  // namespace trustpcf::util
