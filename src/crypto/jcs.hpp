#pragma once

// RFC 8785 JSON Canonicalization Scheme (JCS): the single byte form of a JSON
// value that trustpcf hashes and signs. Object members are sorted by the
// UTF-16 code units of their names, numbers are written as ECMAScript's
// Number.prototype.toString writes IEEE 754 doubles, strings use the minimal
// escapes, and no whitespace is written.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::crypto {

// Maximum nesting of arrays and objects accepted by parse_json_strict. It
// bounds the recursion of the canonical writer; real documents nest a few
// levels, and 256 leaves room for generated ones.
inline constexpr std::size_t kMaxJsonDepth = 256;

// Parses `json` (RFC 8259 text, UTF-8) as JCS requires and returns the value.
// Errors (kInvalidInput) name the problem and its place: line and column for
// syntax errors (invalid UTF-8, lone surrogates, bad escapes) and numbers
// outside the double range, a JSON Pointer for duplicate member names and
// nesting deeper than kMaxJsonDepth. Integers stay integers in the result.
util::Result<nlohmann::json> parse_json_strict(std::string_view json);

// Parses `json` strictly (see parse_json_strict) and returns its canonical form.
util::Result<std::string> canonicalize_text(std::string_view json);

// Returns the canonical form of a value built in memory. Integers up to 2^53
// in magnitude are written exactly; larger ones go through a double, as JCS
// prescribes. Preconditions: every number is finite (NaN and infinities are
// written as null, as JSON.stringify does) and the value contains no binary
// values (written as null). Invalid UTF-8 in strings is written as U+FFFD.
std::string canonicalize(const nlohmann::json& value);

// The canonical form of `object` without its member `omitted`, as
// canonicalize() of a copy with that member erased would give, without the
// copy. Precondition: `object` is a JSON object.
std::string canonicalize_without_member(const nlohmann::json& object, std::string_view omitted);

// Formats a finite double as ECMAScript's Number.prototype.toString does
// (shortest round-trip digits; "1e+21", "1e-7", "0.000001"; -0 as "0").
std::string format_ecmascript_number(double value);

// Returns the lower-case hex SHA-256 of canonicalize(value): the content
// address of an object.
std::string digest_of(const nlohmann::json& value);

}  // namespace trustpcf::crypto
