#include "proof/units.hpp"

#include <algorithm>
#include <cctype>
#include <utility>

#include <fmt/format.h>

namespace trustpcf::proof {
namespace {

struct FallbackUnit {
  const char* unit;
  const char* group;
};

// Units of the openLCA reference data that activity data usually comes in.
constexpr FallbackUnit kFallbackUnits[] = {
    {"kg", "Units of mass"},         {"g", "Units of mass"},
    {"t", "Units of mass"},          {"lb", "Units of mass"},
    {"kWh", "Units of energy"},      {"MWh", "Units of energy"},
    {"Wh", "Units of energy"},       {"MJ", "Units of energy"},
    {"GJ", "Units of energy"},       {"kJ", "Units of energy"},
    {"l", "Units of volume"},        {"m3", "Units of volume"},
    {"m2", "Units of area"},         {"m", "Units of length"},
    {"km", "Units of length"},       {"t*km", "Units of mass*length"},
    {"kg*km", "Units of mass*length"}, {"Item(s)", "Units of items"},
    {"h", "Units of time"},          {"d", "Units of time"},
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

UnitCatalog UnitCatalog::fallback() {
  UnitCatalog catalog;
  for (const FallbackUnit& entry : kFallbackUnits) catalog.add(entry.unit, entry.group);
  return catalog;
}

void UnitCatalog::add(std::string unit, std::string group) {
  unit_to_group_[std::move(unit)] = std::move(group);
}

void UnitCatalog::add_units_of(const lca::Database& database) {
  for (const auto& [id, group] : database.unit_groups) {
    for (const lca::Unit& unit : group.units) add(unit.name, group.name);
  }
}

std::string UnitCatalog::group_of(std::string_view unit) const {
  auto found = unit_to_group_.find(unit);
  return found == unit_to_group_.end() ? std::string() : found->second;
}

util::Status UnitCatalog::check(std::string_view unit, std::string_view context) const {
  if (unit_to_group_.find(unit) != unit_to_group_.end()) return util::Status();

  std::vector<std::string> same_letters;
  for (const auto& [known, group] : unit_to_group_) {
    if (lower(known) == lower(unit)) same_letters.push_back(known);
  }
  if (!same_letters.empty()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "{}: unit '{}' is not known; units are case-sensitive, use {}",
                            context, unit, fmt::join(same_letters, " or "));
  }
  std::vector<std::string> all;
  for (const auto& [known, group] : unit_to_group_) all.push_back(known);
  return util::make_error(util::ErrorCode::kInvalidInput,
                          "{}: unit '{}' is not known; use one of {}", context, unit,
                          fmt::join(all, ", "));
}

}  // namespace trustpcf::proof
