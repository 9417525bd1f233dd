#pragma once

// Internal to the JSON-LD importer: the state of one model build, split over
// jsonld_builder_units.cpp (categories, units, flow properties, locations,
// flows) and jsonld_builder_processes.cpp (parameters, processes).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "lca/jsonld_model.hpp"
#include "lca/parameters.hpp"

namespace trustpcf::lca::jsonld {

class ModelBuilder {
 public:
  ModelBuilder(const EntityIndex& entities, std::vector<ImportWarning>& warnings)
      : entities_(entities), warnings_(warnings) {}

  util::Result<Database> build();

 private:
  // jsonld_builder_units.cpp
  void read_categories();
  std::vector<std::string> category_path(const nlohmann::json& entity);
  void read_unit_groups();
  void read_flow_properties();
  void read_locations();
  void read_flows();

  // jsonld_builder_processes.cpp
  util::Status read_global_parameters();
  util::Result<Process> read_process(const std::string& id, const nlohmann::json& entity);
  util::Result<Exchange> read_exchange(const Process& process, const nlohmann::json& object, int position,
                                       const ParameterValues& parameters);
  util::Status read_allocation_factors(Process& process, const nlohmann::json& entity,
                                       const ParameterValues& parameters);

  const std::map<std::string, nlohmann::json>& of_type(const std::string& type) const;
  void warn(std::string kind, std::string message);

  const EntityIndex& entities_;
  std::vector<ImportWarning>& warnings_;
  Database database_;
  ParameterValues global_values_;

  // Reasons, by id, that an entity in the export is unusable. Each gives a
  // warning when found. An exchange that uses one of them fails the build
  // with this reason.
  std::map<std::string, std::string> broken_unit_groups_;
  std::map<std::string, std::string> broken_flow_properties_;
  std::map<std::string, std::string> broken_flows_;

  std::map<std::string, std::vector<std::string>> category_paths_;
};

// Returns "kind 'name' (id)" for messages.
std::string describe(std::string_view kind, const nlohmann::json& entity);

}  // namespace trustpcf::lca::jsonld
