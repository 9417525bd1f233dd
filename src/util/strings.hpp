#pragma once

// Small text helpers for names as LCI databases publish them (trailing
// spaces, mixed case).

#include <string>
#include <string_view>

namespace trustpcf::util {

// Returns `text` without leading and trailing spaces, tabs and line breaks.
std::string trim(std::string_view text);

// Returns trim(text) with ASCII letters in lower case.
std::string trim_lower(std::string_view text);

}  // namespace trustpcf::util
