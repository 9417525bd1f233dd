#pragma once

// Unit names that evidence records may use. Each known unit belongs to a
// unit group, named as openLCA names them ("Units of mass").
//
// The catalog starts from a built-in list of the common units of the
// openLCA reference data, and add_units_of() adds every unit of an imported
// background database.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lca/model.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

class UnitCatalog {
 public:
  // The built-in list: mass, energy, volume, area, length, transport, items, time.
  static UnitCatalog fallback();

  void add(std::string unit, std::string group);

  // Adds every unit of every unit group of `database`.
  void add_units_of(const lca::Database& database);

  // Errors: kInvalidInput naming `unit` and `context` (the record) and listing
  // the known units of the same spelling in another case, or all groups.
  util::Status check(std::string_view unit, std::string_view context) const;

  // The group of `unit`, or an empty string when unknown.
  std::string group_of(std::string_view unit) const;

 private:
  std::map<std::string, std::string, std::less<>> unit_to_group_;
};

}  // namespace trustpcf::proof
