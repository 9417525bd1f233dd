#include "pcf/decimal.hpp"

#include <cctype>

#include "util/numbers.hpp"

namespace trustpcf::pcf {

const char* decimal_kind_name(DecimalKind kind) {
  switch (kind) {
    case DecimalKind::kAny:
      return "Decimal";
    case DecimalKind::kPositiveNonZero:
      return "PositiveNonZeroDecimal";
    case DecimalKind::kPositiveOrZero:
      return "PositiveOrZeroDecimal";
    case DecimalKind::kNegativeOrZero:
      return "NegativeOrZeroDecimal";
    case DecimalKind::kNegativeNonZero:
      return "NegativeNonZeroDecimal";
  }
  return "Decimal";
}

bool is_decimal(std::string_view text, DecimalKind kind) {
  char sign = 0;
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
    sign = text.front();
    text.remove_prefix(1);
  }

  bool zero = true;
  size_t i = 0;
  size_t integer_digits = 0;
  for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
    ++integer_digits;
    if (text[i] != '0') zero = false;
  }
  if (integer_digits == 0) return false;
  if (i < text.size()) {
    if (text[i] != '.') return false;
    size_t fraction_digits = 0;
    for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      ++fraction_digits;
      if (text[i] != '0') zero = false;
    }
    if (fraction_digits == 0 || i != text.size()) return false;
  }

  switch (kind) {
    case DecimalKind::kAny:
      return true;
    case DecimalKind::kPositiveNonZero:
      return sign != '-' && !zero;
    case DecimalKind::kPositiveOrZero:
      return sign != '-';
    case DecimalKind::kNegativeOrZero:
      return zero ? sign != '+' : sign == '-';
    case DecimalKind::kNegativeNonZero:
      return sign == '-' && !zero;
  }
  return false;
}

std::string format_footprint_decimal(double value) {
  return util::format_decimal(value, kFootprintSignificantDigits);
}

}  // namespace trustpcf::pcf
