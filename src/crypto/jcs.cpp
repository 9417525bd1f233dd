#include "crypto/jcs.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

#include "crypto/digest.hpp"
#include "crypto/jcs_detail.hpp"

namespace trustpcf::crypto {
namespace {

using json = nlohmann::json;

// Every integer of at most this magnitude (2^53) is exactly a double.
constexpr std::uint64_t kMaxExactInteger = 9007199254740992ULL;
constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes the UTF-8 sequence at text[*i], advancing *i past it. Returns false
// (and advances one byte) for an invalid, overlong or surrogate sequence.
bool decode_utf8(std::string_view text, std::size_t* i, char32_t* code_point) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  unsigned char lead = byte(*i);
  if (lead < 0x80) {
    *code_point = lead;
    *i += 1;
    return true;
  }

  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    *i += 1;
    return false;
  }
  if (*i + length > text.size()) {
    *i += 1;
    return false;
  }
  for (std::size_t k = 1; k < length; ++k) {
    unsigned char next = byte(*i + k);
    if ((next & 0xC0) != 0x80) {
      *i += 1;
      return false;
    }
    value = (value << 6) | (next & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    *i += 1;
    return false;
  }
  *code_point = value;
  *i += length;
  return true;
}

void append_utf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

}  // namespace

namespace jcs_detail {

std::u16string to_utf16(std::string_view text) {
  std::u16string units;
  units.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    char32_t code_point = kReplacementCharacter;
    if (!decode_utf8(text, &i, &code_point)) code_point = kReplacementCharacter;
    if (code_point < 0x10000) {
      units.push_back(static_cast<char16_t>(code_point));
    } else {
      code_point -= 0x10000;
      units.push_back(static_cast<char16_t>(0xD800 + (code_point >> 10)));
      units.push_back(static_cast<char16_t>(0xDC00 + (code_point & 0x3FF)));
    }
  }
  return units;
}

// Writes a string literal with JCS escaping: the two-character escapes for
// \b \t \n \f \r \" \\, \u00xx (lower-case hex) for other controls, and every
// other character as UTF-8 unchanged.
void write_string(std::string& out, std::string_view text) {
  static constexpr char kHexDigits[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    // Printable ASCII other than '"' and '\\' passes through unchanged: copy
    // such runs in one append.
    std::size_t plain_end = i;
    while (plain_end < text.size()) {
      unsigned char p = static_cast<unsigned char>(text[plain_end]);
      if (p < 0x20 || p >= 0x80 || p == '"' || p == '\\') break;
      ++plain_end;
    }
    if (plain_end > i) {
      out.append(text.data() + i, plain_end - i);
      i = plain_end;
      if (i == text.size()) break;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      std::size_t start = i;
      char32_t code_point = 0;
      if (decode_utf8(text, &i, &code_point)) {
        out.append(text.substr(start, i - start));
      } else {
        append_utf8(out, kReplacementCharacter);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      default:
        if (c < 0x20) {
          out.append("\\u00");
          out.push_back(kHexDigits[c >> 4]);
          out.push_back(kHexDigits[c & 0xF]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  out.push_back('"');
}

bool sorts_differently_in_utf16(std::string_view name) {
  for (char c : name) {
    if (static_cast<unsigned char>(c) >= 0xEE) return true;
  }
  return false;
}

void write_integer(std::string& out, std::int64_t integer) {
  std::uint64_t magnitude =
      integer < 0 ? 0 - static_cast<std::uint64_t>(integer) : static_cast<std::uint64_t>(integer);
  if (magnitude <= kMaxExactInteger) {
    out.append(std::to_string(integer));
  } else {
    out.append(format_ecmascript_number(static_cast<double>(integer)));
  }
}

void write_unsigned(std::string& out, std::uint64_t integer) {
  if (integer <= kMaxExactInteger) {
    out.append(std::to_string(integer));
  } else {
    out.append(format_ecmascript_number(static_cast<double>(integer)));
  }
}

}  // namespace jcs_detail

namespace {

using jcs_detail::to_utf16;
using jcs_detail::write_string;

// UTF-8 byte order (std::map's order) equals UTF-16 code-unit order unless a
// name contains a character at or above U+E000 (lead byte 0xEE or more), where
// supplementary characters, as surrogates, sort below U+E000..U+FFFF.
bool needs_utf16_sort(const json::object_t& object) {
  for (const auto& [name, member] : object) {
    if (jcs_detail::sorts_differently_in_utf16(name)) return true;
  }
  return false;
}

void write_value(std::string& out, const json& value);

// `omitted`, when given, names a member left out of the output.
void write_object(std::string& out, const json::object_t& object, const std::string_view* omitted = nullptr) {
  out.push_back('{');
  bool first = true;
  const auto write_member = [&](const std::string& name, const json& member) {
    if (omitted != nullptr && name == *omitted) return;
    if (!first) out.push_back(',');
    first = false;
    write_string(out, name);
    out.push_back(':');
    write_value(out, member);
  };

  if (!needs_utf16_sort(object)) {
    for (const auto& [name, member] : object) write_member(name, member);
  } else {
    std::vector<std::pair<std::u16string, const json::object_t::value_type*>> sorted;
    sorted.reserve(object.size());
    for (const auto& entry : object) sorted.emplace_back(to_utf16(entry.first), &entry);
    std::sort(sorted.begin(), sorted.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [units, entry] : sorted) write_member(entry->first, entry->second);
  }
  out.push_back('}');
}

void write_value(std::string& out, const json& value) {
  switch (value.type()) {
    case json::value_t::object:
      write_object(out, value.get_ref<const json::object_t&>());
      return;
    case json::value_t::array: {
      out.push_back('[');
      bool first = true;
      for (const json& element : value) {
        if (!first) out.push_back(',');
        first = false;
        write_value(out, element);
      }
      out.push_back(']');
      return;
    }
    case json::value_t::string:
      write_string(out, value.get_ref<const std::string&>());
      return;
    case json::value_t::boolean:
      out.append(value.get<bool>() ? "true" : "false");
      return;
    case json::value_t::number_integer:
      jcs_detail::write_integer(out, value.get<std::int64_t>());
      return;
    case json::value_t::number_unsigned:
      jcs_detail::write_unsigned(out, value.get<std::uint64_t>());
      return;
    case json::value_t::number_float: {
      double number = value.get<double>();
      assert(std::isfinite(number) && "JCS has no form for NaN or infinities");
      out.append(std::isfinite(number) ? format_ecmascript_number(number) : "null");
      return;
    }
    case json::value_t::binary:
      assert(false && "binary values are not JSON");
      out.append("null");
      return;
    case json::value_t::null:
    case json::value_t::discarded:
      out.append("null");
      return;
  }
}

}  // namespace

std::string format_ecmascript_number(double value) {
  if (value == 0) return "0";  // both +0 and -0

  // std::to_chars without a precision gives the shortest digits that read
  // back as `value`, which are the digits ECMAScript chooses. Only the layout
  // differs, so it is rebuilt below from the digits and the exponent.
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  assert(ec == std::errc());
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer));

  std::string out;
  if (text.front() == '-') {
    out.push_back('-');
    text.remove_prefix(1);
  }
  std::size_t e_at = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e_at)) {
    if (c != '.') digits.push_back(c);
  }
  int exponent = 0;
  std::string_view exponent_text = text.substr(e_at + 1);
  if (exponent_text.front() == '+') exponent_text.remove_prefix(1);
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);

  // In ECMAScript's terms the value is digits x 10^(n-k) with k digits.
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out.append(digits);
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-n), '0');
    out.append(digits);
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(n - 1 > 0 ? '+' : '-');
    out.append(std::to_string(std::abs(n - 1)));
  }
  return out;
}

std::string canonicalize(const nlohmann::json& value) {
  std::string out;
  write_value(out, value);
  return out;
}

std::string canonicalize_without_member(const nlohmann::json& object, std::string_view omitted) {
  assert(object.is_object() && "only an object has members to omit");
  std::string out;
  write_object(out, object.get_ref<const json::object_t&>(), &omitted);
  return out;
}

std::string digest_of(const nlohmann::json& value) { return sha256_hex(canonicalize(value)); }

}  // namespace trustpcf::crypto
