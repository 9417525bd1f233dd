#pragma once

// Timestamps as RFC 3339 text in UTC, the form PACT and W3C VC use.

#include <chrono>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::util {

using Clock = std::chrono::system_clock;

// Formats `time` as "2026-12-04T20:07:16Z" (whole seconds, UTC).
std::string format_rfc3339(Clock::time_point time);

// Parses RFC 3339 date-times with "Z" or a numeric offset and optional
// fractional seconds, and plain dates ("2026-12-04", taken as midnight UTC).
// Errors: kInvalidInput naming `text`.
Result<Clock::time_point> parse_rfc3339(std::string_view text);

}  // namespace trustpcf::util
