#pragma once

// PACT v3 decimals: numbers written as JSON strings in plain positional
// notation ("12.5", never "1.25e1"), with a sign rule per field type.

#include <string>
#include <string_view>

namespace trustpcf::pcf {

// The decimal types of the PACT v3 OpenAPI description.
enum class DecimalKind {
  kAny,              // Decimal: ^[+-]?\d+(\.\d+)?$
  kPositiveNonZero,  // PositiveNonZeroDecimal: > 0
  kPositiveOrZero,   // PositiveOrZeroDecimal: >= 0, no minus sign
  kNegativeOrZero,   // NegativeOrZeroDecimal: <= 0, no plus sign
  kNegativeNonZero,  // NegativeNonZeroDecimal: < 0
};

// Returns the OpenAPI name of the type ("PositiveOrZeroDecimal").
const char* decimal_kind_name(DecimalKind kind);

// True when `text` is a decimal of `kind`. "-0" is accepted only where zero
// is (kAny, kNegativeOrZero).
bool is_decimal(std::string_view text, DecimalKind kind);

// Significant digits of every decimal that trustpcf writes into a footprint.
// Six digits keep a relative precision of 1e-6, far below the uncertainty of
// any inventory, and make the text independent of the last bits of a double,
// so a footprint computed twice from the same inputs has the same bytes.
inline constexpr int kFootprintSignificantDigits = 6;

// Formats `value` for a footprint: rounded to kFootprintSignificantDigits,
// positional notation, "0" for zero and negative zero.
// Precondition: `value` is finite.
std::string format_footprint_decimal(double value);

}  // namespace trustpcf::pcf
