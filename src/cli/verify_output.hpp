#pragma once

// The text form of a verification report, shared by `verify`, `request`
// and `demo`: one line per link, PASS or FAIL with the reason, then what
// was checked, and the withheld fields.

#include <ostream>
#include <string>

#include "proof/verify.hpp"

namespace trustpcf::cli {

// Prints the four links of `report` and the fields the owner withheld, each
// line starting with `indent`.
void print_links(std::ostream& out, const proof::VerifyReport& report, const std::string& indent = "");

}  // namespace trustpcf::cli
