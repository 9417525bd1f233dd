#pragma once

// The PACT Technical Specification v3 rules that the footprint's data alone
// can decide: required fields, reference period, declared unit, exempted
// emissions, primary data share, data quality ratings, geography. Each check
// returns PASS or FAIL with the reason.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustpcf::proof {

struct CheckResult {
  std::string name;    // "reference period", "declared unit", ...
  bool passed = false;
  std::string reason;  // what was checked, and the value at fault on FAIL
};

// Runs every methodology check on a PACT v3 ProductFootprint, in a fixed order.
std::vector<CheckResult> check_pact_methodology(const nlohmann::json& footprint);

}  // namespace trustpcf::proof
