#include <fmt/format.h>

#include "lca/jsonld_builder.hpp"
#include "lca/jsonld_fields.hpp"

namespace trustpcf::lca::jsonld {

namespace {

// Deepest category nesting followed before a loop of parent references is
// assumed; openLCA trees are a few levels deep.
constexpr int kMaxCategoryDepth = 64;

std::optional<FlowType> parse_flow_type(const std::string& text) {
  if (text == "ELEMENTARY_FLOW") return FlowType::kElementary;
  if (text == "PRODUCT_FLOW") return FlowType::kProduct;
  if (text == "WASTE_FLOW") return FlowType::kWaste;
  return std::nullopt;
}

}  // namespace

std::string describe(std::string_view kind, const nlohmann::json& entity) {
  return fmt::format("{} '{}' ({})", kind, string_field(entity, "name"), string_field(entity, "@id"));
}

const std::map<std::string, nlohmann::json>& ModelBuilder::of_type(const std::string& type) const {
  static const std::map<std::string, nlohmann::json> kEmpty;
  auto it = entities_.find(type);
  return it == entities_.end() ? kEmpty : it->second;
}

void ModelBuilder::warn(std::string kind, std::string message) {
  warnings_.push_back({std::move(kind), std::move(message)});
}

void ModelBuilder::read_categories() {
  const auto& categories = of_type("categories");
  for (const auto& [id, entity] : categories) {
    std::vector<std::string> path;
    std::string current = id;
    for (int depth = 0; depth < kMaxCategoryDepth && !current.empty(); ++depth) {
      auto it = categories.find(current);
      if (it == categories.end()) {
        warn("missing-category", fmt::format("category {} names parent category {}, which is not in the export; "
                                             "its path starts below the missing parent",
                                             id, current));
        break;
      }
      path.insert(path.begin(), string_field(it->second, "name"));
      current = reference_id(it->second, "category");
    }
    category_paths_[id] = std::move(path);
  }
}

std::vector<std::string> ModelBuilder::category_path(const nlohmann::json& entity) {
  auto field = entity.find("category");
  if (field == entity.end() || field->is_null()) return {};
  if (field->is_string()) return split_category_path(field->get<std::string>());

  std::string id = reference_id(entity, "category");
  auto it = category_paths_.find(id);
  if (it != category_paths_.end()) return it->second;
  // The reference carries the category's own name, so a missing category
  // still gives its last path element.
  std::string name = string_field(*field, "name");
  warn("missing-category", fmt::format("{} names category {}, which is not in the export",
                                       describe("entity", entity), id));
  if (name.empty()) return {};
  return {name};
}

void ModelBuilder::read_unit_groups() {
  for (const auto& [id, entity] : of_type("unit_groups")) {
    UnitGroup group;
    group.id = id;
    group.name = string_field(entity, "name");

    auto units = entity.find("units");
    if (units != entity.end() && units->is_array()) {
      for (const nlohmann::json& object : *units) {
        Unit unit;
        unit.id = string_field(object, "@id");
        unit.name = string_field(object, "name");
        std::optional<double> factor = number_field(object, "conversionFactor");
        unit.is_reference = flag(object, "isRefUnit", "referenceUnit");
        if (unit.id.empty() || !factor || *factor <= 0.0) {
          warn("invalid-unit", fmt::format("{}: unit '{}' has no @id or no positive conversionFactor and is left "
                                           "out; fix the unit in the export",
                                           describe("unit group", entity), unit.name));
          continue;
        }
        unit.conversion_factor = *factor;
        if (unit.is_reference) group.reference_unit_id = unit.id;
        group.units.push_back(std::move(unit));
      }
    }

    if (group.reference_unit_id.empty()) {
      std::string reason = fmt::format("{} has no reference unit (a unit with {} true); mark one unit",
                                       describe("unit group", entity), "referenceUnit/isRefUnit");
      warn("broken-unit-group", reason);
      broken_unit_groups_[id] = reason;
      continue;
    }
    database_.unit_groups.emplace(id, std::move(group));
  }
}

void ModelBuilder::read_flow_properties() {
  for (const auto& [id, entity] : of_type("flow_properties")) {
    FlowProperty property;
    property.id = id;
    property.name = string_field(entity, "name");
    property.unit_group_id = reference_id(entity, "unitGroup");

    std::string reason;
    if (property.unit_group_id.empty()) {
      reason = fmt::format("{} has no unitGroup; set its unit group", describe("flow property", entity));
    } else if (auto broken = broken_unit_groups_.find(property.unit_group_id); broken != broken_unit_groups_.end()) {
      reason = fmt::format("{} uses a broken unit group: {}", describe("flow property", entity), broken->second);
    } else if (!database_.unit_groups.contains(property.unit_group_id)) {
      reason = fmt::format("{} names unit group {}, which is not in the export; add the unit group",
                           describe("flow property", entity), property.unit_group_id);
    }
    if (!reason.empty()) {
      warn("broken-flow-property", reason);
      broken_flow_properties_[id] = reason;
      continue;
    }
    database_.flow_properties.emplace(id, std::move(property));
  }
}

void ModelBuilder::read_locations() {
  for (const auto& [id, entity] : of_type("locations")) {
    Location location;
    location.id = id;
    location.name = string_field(entity, "name");
    location.code = string_field(entity, "code");
    database_.locations.emplace(id, std::move(location));
  }
}

void ModelBuilder::read_flows() {
  for (const auto& [id, entity] : of_type("flows")) {
    Flow flow;
    flow.id = id;
    flow.name = string_field(entity, "name");
    flow.cas = string_field(entity, "cas");
    flow.formula = string_field(entity, "formula");
    flow.category_path = category_path(entity);
    flow.location_id = reference_id(entity, "location");
    if (!flow.location_id.empty() && !database_.locations.contains(flow.location_id)) {
      warn("missing-location", fmt::format("{} names location {}, which is not in the export; the location "
                                           "is left out",
                                           describe("flow", entity), flow.location_id));
      flow.location_id.clear();
    }

    std::string reason;
    std::optional<FlowType> type = parse_flow_type(string_field(entity, "flowType"));
    if (!type) {
      reason = fmt::format("{} has flowType '{}'; use ELEMENTARY_FLOW, PRODUCT_FLOW or WASTE_FLOW",
                           describe("flow", entity), string_field(entity, "flowType"));
    } else {
      flow.type = *type;
    }

    bool has_reference = false;
    auto factors = entity.find("flowProperties");
    if (factors != entity.end() && factors->is_array()) {
      for (const nlohmann::json& object : *factors) {
        FlowPropertyFactor factor;
        factor.flow_property_id = reference_id(object, "flowProperty");
        factor.is_reference = flag(object, "isRefFlowProperty", "referenceFlowProperty");
        std::optional<double> value = number_field(object, "conversionFactor");

        std::string problem;
        if (auto broken = broken_flow_properties_.find(factor.flow_property_id);
            broken != broken_flow_properties_.end()) {
          problem = broken->second;
        } else if (!database_.flow_properties.contains(factor.flow_property_id)) {
          problem = fmt::format("flow property {} is not in the export; add it", factor.flow_property_id);
        } else if (!value || *value <= 0.0) {
          problem = fmt::format("the conversionFactor of flow property {} is missing or not positive; set it",
                                factor.flow_property_id);
        }

        if (!problem.empty()) {
          if (factor.is_reference) {
            reason = fmt::format("{}: reference flow property unusable: {}", describe("flow", entity), problem);
          } else {
            warn("invalid-flow-property-factor",
                 fmt::format("{}: a flow property factor is left out: {}", describe("flow", entity), problem));
          }
          continue;
        }
        factor.conversion_factor = *value;
        has_reference = has_reference || factor.is_reference;
        flow.flow_properties.push_back(std::move(factor));
      }
    }
    if (reason.empty() && !has_reference) {
      reason = fmt::format("{} has no reference flow property (a flowProperties entry with "
                           "referenceFlowProperty/isRefFlowProperty true); mark one",
                           describe("flow", entity));
    }

    if (!reason.empty()) {
      warn("broken-flow", reason);
      broken_flows_[id] = reason;
      continue;
    }
    database_.flows.emplace(id, std::move(flow));
  }
}

}  // namespace trustpcf::lca::jsonld
