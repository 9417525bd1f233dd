#pragma once

// The in-memory LCI database: the entities of an openLCA JSON-LD export after
// import, normalized across schema v1 and v2. The importer (lca/jsonld_*)
// fills it; the engine (linking, matrices, solve) reads it.
//
// Conventions:
// - Ids are the entities' "@id" strings (UUIDs). Maps are std::map so that
//   every iteration is in id order and results are reproducible.
// - Exchange amounts are stored as written (in the exchange's unit). Use
//   Database::reference_amount() for the amount in the reference unit of the
//   flow's reference flow property, which is what the matrices hold.
// - Formulas are kept as text beside the value they produced; the importer
//   evaluates every formula with the process and global parameters and
//   stores the result in the numeric field.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustpcf::lca {

enum class FlowType { kElementary, kProduct, kWaste };

enum class AllocationMethod { kNone, kPhysical, kEconomic, kCausal, kUseDefault };

struct Unit {
  std::string id;
  std::string name;
  // How many reference units of the unit group one of this unit is
  // (kg group: g has 0.001).
  double conversion_factor = 1.0;
  bool is_reference = false;
};

struct UnitGroup {
  std::string id;
  std::string name;
  std::string reference_unit_id;
  std::vector<Unit> units;
};

struct FlowProperty {
  std::string id;
  std::string name;
  std::string unit_group_id;
};

struct FlowPropertyFactor {
  std::string flow_property_id;
  // Amount of this flow property per one unit of the flow's reference flow
  // property (openLCA "conversionFactor").
  double conversion_factor = 1.0;
  bool is_reference = false;
};

struct Location {
  std::string id;
  std::string name;
  std::string code;
};

struct Flow {
  std::string id;
  std::string name;
  FlowType type = FlowType::kElementary;
  std::string cas;      // as published, may be empty
  std::string formula;  // chemical formula, may be empty
  // Category path from the root, e.g. {"Elementary flows", "air", "unspecified"}.
  // For elementary flows this is the compartment.
  std::vector<std::string> category_path;
  std::string location_id;
  std::vector<FlowPropertyFactor> flow_properties;
};

// Kept as imported for later uncertainty analysis; the engine ignores it.
struct Uncertainty {
  std::string distribution;  // "LOG_NORMAL_DISTRIBUTION", ...
  nlohmann::json parameters;  // the remaining fields as published
};

struct Exchange {
  // Position in the process's exchange list, unique within the process
  // (openLCA "internalId" when present, else the 1-based position).
  int internal_id = 0;
  std::string flow_id;
  bool is_input = false;
  bool is_avoided_product = false;
  bool is_quantitative_reference = false;
  double amount = 0.0;         // in `unit_id`, after formula evaluation
  std::string amount_formula;  // empty when none
  std::string unit_id;
  std::string flow_property_id;
  std::string default_provider_id;  // empty when not set
  std::optional<Uncertainty> uncertainty;
  std::string description;
};

struct AllocationFactor {
  AllocationMethod method = AllocationMethod::kPhysical;
  // The co-product (product output, or waste input of a treatment process)
  // that receives this share.
  // NOTE: empty for causal factors of schema v1 exports that name only the
  // exchange's flow, as most causal factors in USLCI do. The importer keeps
  // those, but drops physical and economic factors without a product.
  std::string product_flow_id;
  double value = 0.0;   // share in [0, 1], after formula evaluation
  std::string formula;  // empty when none
  // For causal factors: the exchange the factor applies to. Schema v1 names
  // only the flow, so this is the internal id of the first exchange of that
  // flow; std::nullopt for physical and economic factors.
  std::optional<int> exchange_internal_id;
};

struct Parameter {
  std::string id;
  std::string name;
  bool is_input_parameter = true;  // false: the value comes from `formula`
  double value = 0.0;              // after evaluation
  std::string formula;
  std::optional<Uncertainty> uncertainty;
};

struct Process {
  std::string id;
  std::string name;
  std::string location_id;
  std::vector<std::string> category_path;
  AllocationMethod default_allocation = AllocationMethod::kNone;
  std::vector<Exchange> exchanges;
  std::vector<AllocationFactor> allocation_factors;
  std::vector<Parameter> parameters;  // process scope

  // Returns the quantitative reference exchange, or nullptr when none is
  // marked.
  const Exchange* quantitative_reference() const;
};

class Database {
 public:
  std::map<std::string, UnitGroup> unit_groups;
  std::map<std::string, FlowProperty> flow_properties;
  std::map<std::string, Location> locations;
  std::map<std::string, Flow> flows;
  std::map<std::string, Process> processes;
  std::vector<Parameter> global_parameters;
  // SHA-256 over the canonical form of every entity in id order, hex; set by
  // the importer.
  std::string digest;

  // Returns the unit with `unit_id` in any unit group, or nullptr.
  const Unit* find_unit(const std::string& unit_id) const;

  // Converts an exchange amount to the reference unit of the flow's
  // reference flow property: amount * unit factor / flow property factor.
  // Precondition: the importer checked that the unit and flow property exist.
  double reference_amount(const Exchange& exchange) const;
};

// Unit conversion factors by unit id, for the engine's inner loops
// (Database::find_unit scans every unit group). The database must outlive it.
class UnitIndex {
 public:
  explicit UnitIndex(const Database& database);

  // Same value as Database::reference_amount, found by a hash lookup.
  double reference_amount(const Exchange& exchange) const;

 private:
  const Database& database_;
  std::unordered_map<std::string, double> unit_factors_;
};

}  // namespace trustpcf::lca
