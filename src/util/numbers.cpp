#include "util/numbers.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace trustpcf::util {

namespace {

// Splits the output of to_chars in scientific form ("d.ddde±x") into its
// digits and decimal exponent, and writes the plain positional form.
std::string scientific_to_plain(std::string_view scientific) {
  bool negative = false;
  if (!scientific.empty() && scientific.front() == '-') {
    negative = true;
    scientific.remove_prefix(1);
  }

  size_t e = scientific.find('e');
  std::string_view mantissa = scientific.substr(0, e);
  int exponent = 0;
  if (e != std::string_view::npos) {
    std::from_chars(scientific.data() + e + 1 + (scientific[e + 1] == '+' ? 1 : 0),
                    scientific.data() + scientific.size(), exponent);
  }

  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  // The value is 0.digits * 10^(exponent + 1).
  int point = exponent + 1;

  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out = digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<size_t>(point)) + "." + digits.substr(static_cast<size_t>(point));
  }

  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  bool zero = out.find_first_not_of("0.") == std::string::npos;
  if (zero) return "0";
  return negative ? "-" + out : out;
}

}  // namespace

std::string format_decimal(double value, int significant_digits) {
  assert(std::isfinite(value) && "format_decimal needs a finite value");
  if (value == 0.0) return "0";

  std::array<char, 64> buffer{};
  std::to_chars_result result;
  if (significant_digits <= 0) {
    result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                           std::chars_format::scientific);
  } else {
    int precision = std::min(significant_digits, 17) - 1;
    result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                           std::chars_format::scientific, precision);
  }
  assert(result.ec == std::errc() && "buffer is large enough for any double");
  return scientific_to_plain(std::string_view(buffer.data(), result.ptr - buffer.data()));
}

Result<double> parse_double(std::string_view text) {
  std::string_view trimmed = text;
  while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
  if (!trimmed.empty() && trimmed.front() == '+') trimmed.remove_prefix(1);

  double value = 0;
  auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc() || ptr != trimmed.data() + trimmed.size() ||
      !std::isfinite(value)) {
    return make_error(ErrorCode::kInvalidInput, "'{}' is not a finite number", text);
  }
  return value;
}

}  // namespace trustpcf::util
