#pragma once

// Characterization of elementary flows with IPCC GWP100 factors. The factors
// and the mapping from flow names to gases are data (data/lcia/gwp100.csv and
// data/lcia/flow_mapping.csv, compiled in), each row with its source.
//
// A flow is matched first by its normalized name and compartment in the
// mapping table, then by the gas's own name in the IPCC tables, then by CAS
// number (with the origin read from the name for the last two). Factors are in kg CO2e per kg of the flow in its own
// direction: positive for an emission to air, negative (-1) for CO2 taken up
// from air as a resource. Callers pass amounts in kg, the reference unit of
// the Mass flow property that every greenhouse-gas flow uses.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "lca/model.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

enum class GwpMethod { kIpccAr6Gwp100, kIpccAr5Gwp100 };

// AR6 is the default because the PACT Methodology requires the latest IPCC
// assessment report.
inline constexpr GwpMethod kDefaultGwpMethod = GwpMethod::kIpccAr6Gwp100;

// Returns the method's command-line name ("ipcc-ar6-gwp100").
const char* gwp_method_name(GwpMethod method);

// Returns the IPCC report the method takes its factors from ("AR6"), the
// form PACT's ipccCharacterizationFactors uses.
const char* ipcc_report_name(GwpMethod method);

// Parses "ipcc-ar6-gwp100" or "ipcc-ar5-gwp100". Errors: kUsage naming the
// text and the accepted names.
util::Result<GwpMethod> parse_gwp_method(std::string_view text);

// The origin of the carbon or gas of an elementary flow, as far as the
// flow's name states it.
enum class GasOrigin {
  kFossil,
  kBiogenic,
  kLandUseChange,
  kAirUptake,    // CO2 taken from air (biogenic uptake), a resource flow
  kUnspecified,  // the name states no origin (docs/pcf-rules.md gives its use)
};

// Returns "fossil", "biogenic", "land-use-change", "air-uptake" or
// "unspecified", the spelling of the mapping table.
const char* gas_origin_name(GasOrigin origin);

// One row of the gas table.
struct GreenhouseGas {
  std::string id;  // "co2", "ch4-fossil", "hfc-134a"
  std::string name;
  std::string cas;  // normalized (no leading zeros)
  std::string formula;
  double ar5_gwp100 = 0.0;
  std::string ar5_table_name;  // the gas's name in the source table
  std::string ar5_source;
  double ar6_gwp100 = 0.0;
  std::string ar6_table_name;
  std::string ar6_source;

  double gwp100(GwpMethod method) const;
};

// The part of the environment an elementary flow belongs to, read from its
// category path.
enum class FlowCompartment {
  kAir,       // emission to air
  kResource,  // resource taken from nature (from air, ground, water, biosphere)
  kOther,     // emission to water or soil, or anything else named
  kUnknown,   // the category path names no compartment
};

FlowCompartment classify_compartment(const Flow& flow);

enum class MappingStatus {
  kMapped,    // the flow is the gas `gas_id` of origin `origin`
  kNoFactor,  // a greenhouse gas or mixture of them with no single IPCC factor
  kNotGhg,    // a name that looks like a greenhouse gas but is not one
};

// One row of the mapping table.
struct FlowMapping {
  std::string name;             // as in the table
  std::string normalized_name;  // see normalize_flow_name
  FlowCompartment compartment = FlowCompartment::kAir;  // kAir or kResource
  MappingStatus status = MappingStatus::kMapped;
  std::string gas_id;  // empty unless kMapped
  GasOrigin origin = GasOrigin::kUnspecified;
  std::string note;  // source of the spelling, or the reason for no factor
};

// The rule that matched a flow: the mapping table, the name of the gas in
// the IPCC tables ("Tetrafluoromethane", "HFC-134a"), or the CAS number.
enum class MatchKind { kName, kGasName, kCas };

// The result of characterizing one flow.
struct Characterization {
  const GreenhouseGas* gas = nullptr;  // points into the tables, which outlive it
  GasOrigin origin = GasOrigin::kUnspecified;
  MatchKind matched_by = MatchKind::kName;

  // kg CO2e per kg of the flow: the gas's GWP100, negated for air uptake.
  double factor(GwpMethod method) const;
};

class CharacterizationTables {
 public:
  // Parses the two CSV tables and checks that every mapped gas exists, every
  // factor is a finite positive number and no (name, compartment) appears
  // twice. Errors: kInvalidInput naming the table, the row and the field.
  static util::Result<CharacterizationTables> parse(std::string_view gwp100_csv,
                                                    std::string_view flow_mapping_csv);

  const std::vector<GreenhouseGas>& gases() const { return gases_; }
  const std::vector<FlowMapping>& mappings() const { return mappings_; }

  // Returns the gas with `id`, or nullptr.
  const GreenhouseGas* find_gas(std::string_view id) const;

  // Returns the mapping row for the flow's name and compartment, or nullptr.
  // A flow of unknown compartment is looked up as an emission to air.
  const FlowMapping* find_mapping(const Flow& flow) const;

  // Returns the gas and origin of `flow`, or std::nullopt when it is not a
  // greenhouse gas with a factor (including kNoFactor and kNotGhg rows and
  // emissions to water or soil).
  std::optional<Characterization> characterize(const Flow& flow) const;

  // True when `flow` goes to or comes from air, its name looks like a
  // greenhouse gas (methane, nitrous oxide, fluorocarbons, SF6, NF3, ...),
  // and it has no factor, unless the mapping table marks it kNotGhg. The
  // import summary lists these flows.
  bool looks_like_ghg_without_factor(const Flow& flow) const;

 private:
  std::vector<GreenhouseGas> gases_;
  std::vector<FlowMapping> mappings_;
  // Normalized AR6 and AR5 table names of each gas, with its index in gases_.
  std::vector<std::pair<std::string, size_t>> gas_names_;
};

// The tables compiled from data/lcia, parsed on first use. They are checked
// by the tests, so a parse failure here is a build defect and aborts.
const CharacterizationTables& builtin_characterization_tables();

// characterize() and looks_like_ghg_without_factor() with the built-in tables.
std::optional<Characterization> characterize(const Flow& flow);
bool looks_like_ghg_without_factor(const Flow& flow);

// Returns the flows of `database` for which looks_like_ghg_without_factor()
// is true, in flow id order, for the import summary. The pointers point into
// `database`.
std::vector<const Flow*> find_ghg_flows_without_factor(const Database& database);

// Lower-cases ASCII letters, trims and collapses white space, drops spaces
// before commas and hyphens before a comma or the end, so that "Ethene,
// trichloro-" and "ethene,  trichloro" compare equal.
std::string normalize_flow_name(std::string_view name);

// Drops leading zeros and spaces from a CAS number ("000124-38-9" becomes
// "124-38-9"); returns "" for an empty or placeholder value.
std::string normalize_cas(std::string_view cas);

// True when the normalized name contains a word that names a greenhouse gas
// or class of them (methane, nitrous oxide, HFC, CFC, PFC, fluoro-, SF6, ...).
bool has_ghg_keyword(std::string_view normalized_name);

}  // namespace trustpcf::lca
