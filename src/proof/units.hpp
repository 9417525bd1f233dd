#pragma once

// Unit names that evidence records may use. Each known unit belongs to a
// unit group, named as openLCA names them ("Units of mass").
//
// NOTE: until the LCA importer stores unit groups, the catalog comes from
// kFallbackUnits below (the reference and common units of the openLCA
// reference data). Once imported unit groups exist, build the catalog from
// them with add() so that every unit of the background database is accepted.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace trustpcf::proof {

class UnitCatalog {
 public:
  // The built-in list: mass, energy, volume, area, length, transport, items, time.
  static UnitCatalog fallback();

  void add(std::string unit, std::string group);

  // Errors: kInvalidInput naming `unit` and `context` (the record) and listing
  // the known units of the same spelling in another case, or all groups.
  util::Status check(std::string_view unit, std::string_view context) const;

  // The group of `unit`, or an empty string when unknown.
  std::string group_of(std::string_view unit) const;

 private:
  std::map<std::string, std::string, std::less<>> unit_to_group_;
};

}  // namespace trustpcf::proof
