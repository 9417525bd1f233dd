#include "pcf/footprint_scope.hpp"

#include <cctype>
#include <utility>

namespace trustpcf::pcf {

namespace {

struct UnitRow {
  std::string_view lca_unit;
  std::string_view declared_unit;
  double factor;
  bool mass_relevant;
};

constexpr UnitRow kUnits[] = {
    {"kg", "kilogram", 1.0, true},
    {"g", "kilogram", 1e-3, true},
    {"t", "kilogram", 1e3, true},
    {"l", "liter", 1.0, true},
    {"L", "liter", 1.0, true},
    {"m3", "cubic meter", 1.0, true},
    {"kWh", "kilowatt hour", 1.0, false},
    {"MWh", "kilowatt hour", 1e3, false},
    {"MJ", "megajoule", 1.0, false},
    {"kJ", "megajoule", 1e-3, false},
    {"GJ", "megajoule", 1e3, false},
    {"t*km", "ton kilometer", 1.0, false},
    {"tkm", "ton kilometer", 1.0, false},
    {"kg*km", "ton kilometer", 1e-3, false},
    {"m2", "square meter", 1.0, true},
    {"Item(s)", "piece", 1.0, true},
    {"p", "piece", 1.0, true},
    {"pcs", "piece", 1.0, true},
    {"h", "hour", 1.0, false},
};

bool is_upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }

}  // namespace

util::Result<DeclaredUnit> declared_unit_for(std::string_view lca_unit) {
  for (const UnitRow& row : kUnits) {
    if (row.lca_unit == lca_unit) {
      return DeclaredUnit{std::string(row.declared_unit), row.factor, row.mass_relevant};
    }
  }
  return util::make_error(util::ErrorCode::kInvalidInput,
                          "unit '{}' of the product has no PACT v3 declared unit; use a product "
                          "measured in kg, g, t, l, m3, kWh, MWh, MJ, kJ, GJ, t*km, m2, Item(s) "
                          "or h",
                          lca_unit);
}

util::Result<Geography> geography_for_location(std::string_view code) {
  Geography geography;
  if (code.empty() || code == "unknown" || code == "UNSPECIFIED") {
    geography.unknown = true;
    return geography;
  }
  if (code == "GLO") return geography;

  static constexpr std::pair<std::string_view, std::string_view> kRegions[] = {
      {"RNA", "Northern America"}, {"RER", "Europe"}, {"RAS", "Asia"},
      {"RAF", "Africa"}, {"RLA", "Latin America and the Caribbean"}, {"OCE", "Oceania"}};
  for (const auto& [region_code, region] : kRegions) {
    if (code == region_code) {
      geography.region_or_subregion = std::string(region);
      return geography;
    }
  }

  if (code.size() == 2 && is_upper(code[0]) && is_upper(code[1])) {
    geography.country = std::string(code);
    return geography;
  }
  bool subdivision = code.size() >= 4 && code.size() <= 6 && is_upper(code[0]) &&
                     is_upper(code[1]) && code[2] == '-';
  for (size_t i = 3; subdivision && i < code.size(); ++i) {
    subdivision = is_upper(code[i]) || std::isdigit(static_cast<unsigned char>(code[i]));
  }
  if (subdivision) {
    geography.country_subdivision = std::string(code);
    return geography;
  }
  return util::make_error(util::ErrorCode::kInvalidInput,
                          "location code '{}' has no PACT v3 geography; use an ISO 3166 country "
                          "or subdivision code, GLO, or one of RNA, RER, RAS, RAF, RLA, OCE",
                          code);
}

}  // namespace trustpcf::pcf
