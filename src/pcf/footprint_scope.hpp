#pragma once

// The scope of a CarbonFootprint that comes from the LCA model: the declared
// unit (from the unit of the product flow) and the geography (from the
// location code of the process).

#include <optional>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::pcf {

// A PACT v3 declared unit and the factor from an LCA unit to it.
struct DeclaredUnit {
  std::string name;        // v3 enumeration value, "kilogram"
  double factor = 1.0;     // declared units per one LCA unit (g: 0.001 kilogram)
  // False for energy, transport and time units, whose footprints report a
  // productMassPerDeclaredUnit of 0.
  bool mass_relevant = true;
};

// Maps an LCA unit name (openLCA spelling: "kg", "MJ", "t*km", "Item(s)",
// "m3", "kWh", "l", "m2", "h", and a few multiples) to a PACT v3 declared
// unit. Errors: kInvalidInput naming the unit and the accepted ones.
util::Result<DeclaredUnit> declared_unit_for(std::string_view lca_unit);

// The geography of a CarbonFootprint: at most one of the three v3 properties.
struct Geography {
  std::optional<std::string> region_or_subregion;  // UN name, "Northern America"
  std::optional<std::string> country;              // ISO 3166-1 alpha-2
  std::optional<std::string> country_subdivision;  // ISO 3166-2
  // True when the location code named no geography (empty, unknown,
  // unspecified), which PACT reads as global like "GLO".
  bool unknown = false;
};

// Maps an openLCA location code to a geography. Two capital letters are a
// country and "US-CA" forms a subdivision. "GLO" is global, and the ecoinvent
// region codes RNA, RER, RAS, RAF, RLA and OCE become UN regions. "",
// "unknown" and "UNSPECIFIED" give global with `unknown` set.
// Errors: kInvalidInput naming the code for anything else.
util::Result<Geography> geography_for_location(std::string_view code);

}  // namespace trustpcf::pcf
