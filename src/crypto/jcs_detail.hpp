#pragma once

// Pieces shared by the JCS writers (jcs.cpp, jcs_text.cpp) and the strict
// parser (jcs_parse.cpp). Internal to the crypto module: other modules use
// crypto/jcs.hpp.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace trustpcf::crypto::jcs_detail {

// Converts UTF-8 to UTF-16 code units, invalid bytes as U+FFFD.
std::u16string to_utf16(std::string_view text);

// Returns whether a member name may sort differently by UTF-16 code units
// than by UTF-8 bytes, which happens only with characters from U+E000 up.
bool sorts_differently_in_utf16(std::string_view name);

// Appends a string literal with JCS escaping; invalid UTF-8 becomes U+FFFD.
void write_string(std::string& out, std::string_view text);

// Appends an integer exactly up to 2^53 in magnitude, else as the nearest double.
void write_integer(std::string& out, std::int64_t integer);
void write_unsigned(std::string& out, std::uint64_t integer);

// Escapes a member name as a JSON Pointer reference token (RFC 6901).
std::string pointer_token(std::string_view name);

// Describes a parse error of nlohmann-json for `text` with its line and column.
std::string describe_parse_error(std::string_view text, std::size_t position,
                                 const nlohmann::detail::exception& error);

}  // namespace trustpcf::crypto::jcs_detail
