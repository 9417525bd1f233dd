// Parsing and checking of the characterization tables (CharacterizationTables::parse).

#include <cmath>
#include <set>
#include <utility>

#include "lca/characterization.hpp"
#include "lca/characterization_csv.hpp"
#include "util/numbers.hpp"

namespace trustpcf::lca {

namespace {

constexpr std::string_view kGwpTable = "gwp100.csv";
constexpr std::string_view kMappingTable = "flow_mapping.csv";

// Returns the column positions of `names` in `table`, in that order.
util::Result<std::vector<size_t>> require_columns(const CsvTable& table,
                                                  std::string_view table_name,
                                                  std::initializer_list<std::string_view> names) {
  std::vector<size_t> positions;
  for (std::string_view name : names) {
    int index = table.column_index(name);
    if (index < 0) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {} has no column '{}'; add it to the header row", table_name,
                              name);
    }
    positions.push_back(static_cast<size_t>(index));
  }
  return positions;
}

util::Result<double> parse_gwp(const std::string& text, std::string_view gas, std::string_view column) {
  auto value = util::parse_double(text);
  if (!value.ok() || !(*value > 0.0)) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "table {}: gas '{}' has {} '{}', which is not a positive number",
                            kGwpTable, gas, column, text);
  }
  return *value;
}

util::Result<GasOrigin> parse_origin(const std::string& text, std::string_view row_name) {
  for (GasOrigin origin : {GasOrigin::kFossil, GasOrigin::kBiogenic, GasOrigin::kLandUseChange,
                           GasOrigin::kAirUptake, GasOrigin::kUnspecified}) {
    if (text == gas_origin_name(origin)) return origin;
  }
  return util::make_error(util::ErrorCode::kInvalidInput,
                          "table {}: flow '{}' has origin '{}'; use fossil, biogenic, "
                          "land-use-change, air-uptake or unspecified",
                          kMappingTable, row_name, text);
}

}  // namespace

util::Result<CharacterizationTables> CharacterizationTables::parse(
    std::string_view gwp100_csv, std::string_view flow_mapping_csv) {
  CharacterizationTables tables;

  TRUSTPCF_ASSIGN_OR_RETURN(CsvTable gwp, parse_csv(gwp100_csv, kGwpTable));
  TRUSTPCF_ASSIGN_OR_RETURN(
      std::vector<size_t> g,
      require_columns(gwp, kGwpTable,
                      {"gas", "name", "cas", "formula", "ar5_gwp100", "ar5_table_name",
                       "ar5_source", "ar6_gwp100", "ar6_table_name", "ar6_source"}));
  std::set<std::string> gas_ids;
  for (const auto& row : gwp.rows) {
    GreenhouseGas gas;
    gas.id = row[g[0]];
    gas.name = row[g[1]];
    gas.cas = normalize_cas(row[g[2]]);
    gas.formula = row[g[3]];
    TRUSTPCF_ASSIGN_OR_RETURN(gas.ar5_gwp100, parse_gwp(row[g[4]], gas.id, "ar5_gwp100"));
    gas.ar5_table_name = row[g[5]];
    gas.ar5_source = row[g[6]];
    TRUSTPCF_ASSIGN_OR_RETURN(gas.ar6_gwp100, parse_gwp(row[g[7]], gas.id, "ar6_gwp100"));
    gas.ar6_table_name = row[g[8]];
    gas.ar6_source = row[g[9]];

    if (gas.id.empty() || !gas_ids.insert(gas.id).second) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: gas id '{}' is empty or appears twice; give each row "
                              "its own id",
                              kGwpTable, gas.id);
    }
    if (gas.ar5_source.empty() || gas.ar6_source.empty()) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: gas '{}' has no source for a value; fill ar5_source "
                              "and ar6_source",
                              kGwpTable, gas.id);
    }
    tables.gas_names_.emplace_back(normalize_flow_name(gas.ar6_table_name), tables.gases_.size());
    tables.gas_names_.emplace_back(normalize_flow_name(gas.ar5_table_name), tables.gases_.size());
    tables.gases_.push_back(std::move(gas));
  }

  TRUSTPCF_ASSIGN_OR_RETURN(CsvTable mapping, parse_csv(flow_mapping_csv, kMappingTable));
  TRUSTPCF_ASSIGN_OR_RETURN(
      std::vector<size_t> m,
      require_columns(mapping, kMappingTable,
                      {"name", "compartment", "gas", "origin", "status", "note"}));
  std::set<std::pair<std::string, FlowCompartment>> keys;
  for (const auto& row : mapping.rows) {
    FlowMapping entry;
    entry.name = row[m[0]];
    entry.normalized_name = normalize_flow_name(entry.name);
    entry.note = row[m[5]];

    const std::string& compartment = row[m[1]];
    if (compartment == "air") {
      entry.compartment = FlowCompartment::kAir;
    } else if (compartment == "resource") {
      entry.compartment = FlowCompartment::kResource;
    } else {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: flow '{}' has compartment '{}'; use air or resource",
                              kMappingTable, entry.name, compartment);
    }

    const std::string& status = row[m[4]];
    if (status == "mapped") {
      entry.status = MappingStatus::kMapped;
    } else if (status == "no-factor") {
      entry.status = MappingStatus::kNoFactor;
    } else if (status == "not-ghg") {
      entry.status = MappingStatus::kNotGhg;
    } else {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: flow '{}' has status '{}'; use mapped, no-factor or "
                              "not-ghg",
                              kMappingTable, entry.name, status);
    }

    if (entry.status == MappingStatus::kMapped) {
      entry.gas_id = row[m[2]];
      if (tables.find_gas(entry.gas_id) == nullptr) {
        return util::make_error(util::ErrorCode::kInvalidInput,
                                "table {}: flow '{}' maps to gas '{}', which is not in {}",
                                kMappingTable, entry.name, entry.gas_id, kGwpTable);
      }
      TRUSTPCF_ASSIGN_OR_RETURN(entry.origin, parse_origin(row[m[3]], entry.name));

      // Uptake from air is a resource flow of CO2, and a resource flow can
      // only be uptake, so the factor's sign follows the compartment.
      bool uptake = entry.origin == GasOrigin::kAirUptake;
      bool resource = entry.compartment == FlowCompartment::kResource;
      if (uptake != resource || (uptake && entry.gas_id != "co2")) {
        return util::make_error(util::ErrorCode::kInvalidInput,
                                "table {}: flow '{}' has compartment {} with origin {} and gas "
                                "{}; only CO2 in the resource compartment has origin air-uptake",
                                kMappingTable, entry.name, compartment,
                                gas_origin_name(entry.origin), entry.gas_id);
      }
    } else if (entry.note.empty()) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: flow '{}' has no factor and no reason; write the "
                              "reason in the note column",
                              kMappingTable, entry.name);
    }

    if (!keys.emplace(entry.normalized_name, entry.compartment).second) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: flow '{}' ({}) appears twice after name normalization",
                              kMappingTable, entry.name, compartment);
    }
    tables.mappings_.push_back(std::move(entry));
  }
  return tables;
}

}  // namespace trustpcf::lca
