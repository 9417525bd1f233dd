#include "lca/characterization.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>

#include "lca/characterization_tables.hpp"

namespace trustpcf::lca {

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// True when `word` occurs in `text` with no letter or digit on either side;
// a plural "s" after it still counts ("CFCs").
bool contains_word(std::string_view text, std::string_view word) {
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
    bool left_ok = at == 0 || !is_word_char(text[at - 1]);
    size_t end = at + word.size();
    if (end < text.size() && text[end] == 's') ++end;
    bool right_ok = end >= text.size() || !is_word_char(text[end]);
    if (left_ok && right_ok) return true;
  }
  return false;
}

// The origin stated by a flow name that the mapping table does not list.
GasOrigin origin_from_name(std::string_view normalized_name) {
  if (contains(normalized_name, "non-fossil") || contains(normalized_name, "biogenic")) {
    return GasOrigin::kBiogenic;
  }
  if (contains(normalized_name, "land transformation") ||
      contains(normalized_name, "soil or biomass stock")) {
    return GasOrigin::kLandUseChange;
  }
  if (contains(normalized_name, "fossil")) return GasOrigin::kFossil;
  return GasOrigin::kUnspecified;
}

}  // namespace

const char* gwp_method_name(GwpMethod method) {
  switch (method) {
    case GwpMethod::kIpccAr6Gwp100:
      return "ipcc-ar6-gwp100";
    case GwpMethod::kIpccAr5Gwp100:
      return "ipcc-ar5-gwp100";
  }
  return "unknown";
}

const char* ipcc_report_name(GwpMethod method) {
  return method == GwpMethod::kIpccAr5Gwp100 ? "AR5" : "AR6";
}

util::Result<GwpMethod> parse_gwp_method(std::string_view text) {
  if (text == "ipcc-ar6-gwp100") return GwpMethod::kIpccAr6Gwp100;
  if (text == "ipcc-ar5-gwp100") return GwpMethod::kIpccAr5Gwp100;
  return util::make_error(util::ErrorCode::kUsage,
                          "unknown characterization method '{}'; use ipcc-ar6-gwp100 or "
                          "ipcc-ar5-gwp100",
                          text);
}

const char* gas_origin_name(GasOrigin origin) {
  switch (origin) {
    case GasOrigin::kFossil:
      return "fossil";
    case GasOrigin::kBiogenic:
      return "biogenic";
    case GasOrigin::kLandUseChange:
      return "land-use-change";
    case GasOrigin::kAirUptake:
      return "air-uptake";
    case GasOrigin::kUnspecified:
      return "unspecified";
  }
  return "unknown";
}

double GreenhouseGas::gwp100(GwpMethod method) const {
  return method == GwpMethod::kIpccAr5Gwp100 ? ar5_gwp100 : ar6_gwp100;
}

double Characterization::factor(GwpMethod method) const {
  double gwp = gas->gwp100(method);
  return origin == GasOrigin::kAirUptake ? -gwp : gwp;
}

FlowCompartment classify_compartment(const Flow& flow) {
  bool other = false;
  for (const std::string& raw : flow.category_path) {
    std::string segment = lower_ascii(raw);
    if (starts_with(segment, "resource")) return FlowCompartment::kResource;
    if (segment == "air" || starts_with(segment, "air ") || starts_with(segment, "air/") ||
        contains(segment, "emission to air") || contains(segment, "emissions to air")) {
      return FlowCompartment::kAir;
    }
    if (starts_with(segment, "water") || starts_with(segment, "soil") ||
        contains(segment, "emission to water") || contains(segment, "emissions to water") ||
        contains(segment, "emission to soil") || contains(segment, "emissions to soil")) {
      other = true;
    }
  }
  if (other) return FlowCompartment::kOther;

  // Some published flows carry the compartment in the name instead
  // ("Methane [Organic emissions to air]").
  std::string name = lower_ascii(flow.name);
  if (contains(name, "to air]")) return FlowCompartment::kAir;
  return FlowCompartment::kUnknown;
}

std::string normalize_flow_name(std::string_view name) {
  std::string collapsed;
  bool pending_space = false;
  for (char c : name) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      pending_space = !collapsed.empty();
      continue;
    }
    if (pending_space && c != ',') collapsed.push_back(' ');
    pending_space = false;
    collapsed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }

  std::string out;
  for (size_t i = 0; i < collapsed.size(); ++i) {
    bool hyphen_before_comma_or_end =
        collapsed[i] == '-' && (i + 1 == collapsed.size() || collapsed[i + 1] == ',');
    if (!hyphen_before_comma_or_end) out.push_back(collapsed[i]);
  }
  return out;
}

std::string normalize_cas(std::string_view cas) {
  std::string compact;
  for (char c : cas) {
    if (!std::isspace(static_cast<unsigned char>(c))) compact.push_back(c);
  }
  if (compact.empty() || compact.find_first_not_of("0123456789-") != std::string::npos) return "";
  size_t first = compact.find_first_not_of('0');
  if (first == std::string::npos || compact[first] == '-') return "";
  return compact.substr(first);
}

bool has_ghg_keyword(std::string_view normalized_name) {
  static constexpr std::array<std::string_view, 11> kParts = {
      "carbon dioxide", "nitrous oxide",        "dinitrogen monoxide", "fluoro",
      "hexafluoride",   "trifluoride",          "tetrafluoride",       "nitrogen fluoride",
      "carbon tetrachloride", "chloroform", "sulfur hexa"};
  // Whole words only, so that "Chlorothalonil" does not match "halon" and
  // "Methanesulfonic acid" does not match "methane".
  static constexpr std::array<std::string_view, 11> kWords = {
      "methane", "halon", "hfc", "cfc", "hcfc", "pfc", "hfe", "sf6", "nf3", "hcc", "fc"};
  for (std::string_view part : kParts) {
    if (contains(normalized_name, part)) return true;
  }
  for (std::string_view word : kWords) {
    if (contains_word(normalized_name, word)) return true;
  }
  return false;
}

const GreenhouseGas* CharacterizationTables::find_gas(std::string_view id) const {
  for (const GreenhouseGas& gas : gases_) {
    if (gas.id == id) return &gas;
  }
  return nullptr;
}

const FlowMapping* CharacterizationTables::find_mapping(const Flow& flow) const {
  FlowCompartment compartment = classify_compartment(flow);
  // NOTE: flows filed under no compartment (USLCI has some directly under
  // "Elementary Flows") are taken as emissions to air, which all such
  // greenhouse-gas flows in USLCI are.
  if (compartment == FlowCompartment::kUnknown) compartment = FlowCompartment::kAir;
  if (compartment == FlowCompartment::kOther) return nullptr;

  std::string normalized = normalize_flow_name(flow.name);
  for (const FlowMapping& mapping : mappings_) {
    if (mapping.compartment == compartment && mapping.normalized_name == normalized) {
      return &mapping;
    }
  }
  return nullptr;
}

std::optional<Characterization> CharacterizationTables::characterize(const Flow& flow) const {
  if (flow.type != FlowType::kElementary) return std::nullopt;

  if (const FlowMapping* mapping = find_mapping(flow)) {
    if (mapping->status != MappingStatus::kMapped) return std::nullopt;
    return Characterization{find_gas(mapping->gas_id), mapping->origin, MatchKind::kName};
  }

  FlowCompartment compartment = classify_compartment(flow);
  if (compartment == FlowCompartment::kOther) return std::nullopt;
  std::string normalized = normalize_flow_name(flow.name);

  // An emission named as in the IPCC tables ("Hexafluoroethane", "HFC-32").
  if (compartment != FlowCompartment::kResource) {
    for (const auto& [name, index] : gas_names_) {
      if (name == normalized) {
        return Characterization{&gases_[index], GasOrigin::kUnspecified, MatchKind::kGasName};
      }
    }
  }

  // Otherwise the CAS number decides, with the origin read from the name.
  // Methane has two rows with one CAS number, and the non-fossil one is
  // taken for biogenic and land-use-change origins.
  std::string cas = normalize_cas(flow.cas);
  if (cas.empty()) return std::nullopt;
  GasOrigin origin = origin_from_name(normalized);
  bool non_fossil = origin == GasOrigin::kBiogenic || origin == GasOrigin::kLandUseChange;
  const GreenhouseGas* chosen = nullptr;
  for (const GreenhouseGas& gas : gases_) {
    if (gas.cas != cas) continue;
    bool gas_is_non_fossil = contains(gas.id, "non-fossil");
    if (chosen == nullptr || gas_is_non_fossil == non_fossil) chosen = &gas;
    if (gas_is_non_fossil == non_fossil) break;
  }
  if (chosen == nullptr) return std::nullopt;

  if (compartment == FlowCompartment::kResource) {
    // Only CO2 is taken up from air. Other resources with a gas's CAS number
    // (methane in ground, for example) are not emissions.
    if (chosen->id != "co2") return std::nullopt;
    origin = GasOrigin::kAirUptake;
  }
  return Characterization{chosen, origin, MatchKind::kCas};
}

bool CharacterizationTables::looks_like_ghg_without_factor(const Flow& flow) const {
  if (flow.type != FlowType::kElementary) return false;
  FlowCompartment compartment = classify_compartment(flow);
  if (compartment == FlowCompartment::kOther) return false;
  if (compartment == FlowCompartment::kResource && !contains(lower_ascii(flow.name), "in air")) {
    return false;
  }
  if (!has_ghg_keyword(normalize_flow_name(flow.name))) return false;
  if (characterize(flow).has_value()) return false;

  const FlowMapping* mapping = find_mapping(flow);
  return mapping == nullptr || mapping->status != MappingStatus::kNotGhg;
}

const CharacterizationTables& builtin_characterization_tables() {
  static const CharacterizationTables tables = [] {
    auto parsed = CharacterizationTables::parse(gwp100_table_csv(), flow_mapping_table_csv());
    if (!parsed.ok()) {
      // The tests parse the same tables, so this is reached only with a
      // broken build.
      std::fprintf(stderr, "built-in characterization tables are invalid: %s\n",
                   parsed.error().message().c_str());
      std::abort();
    }
    return std::move(parsed).value();
  }();
  return tables;
}

std::optional<Characterization> characterize(const Flow& flow) {
  return builtin_characterization_tables().characterize(flow);
}

bool looks_like_ghg_without_factor(const Flow& flow) {
  return builtin_characterization_tables().looks_like_ghg_without_factor(flow);
}

std::vector<const Flow*> find_ghg_flows_without_factor(const Database& database) {
  std::vector<const Flow*> found;
  for (const auto& [id, flow] : database.flows) {
    if (looks_like_ghg_without_factor(flow)) found.push_back(&flow);
  }
  return found;
}

}  // namespace trustpcf::lca
