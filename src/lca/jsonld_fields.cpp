#include "lca/jsonld_fields.hpp"

namespace trustpcf::lca::jsonld {

namespace {

const nlohmann::json* find(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

std::string reference_id(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* reference = find(object, key);
  if (reference == nullptr) return {};
  return string_field(*reference, "@id");
}

std::string string_field(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr || !value->is_string()) return {};
  return value->get<std::string>();
}

bool flag(const nlohmann::json& object, std::string_view v2_key, std::string_view v1_key, bool fallback) {
  if (const nlohmann::json* value = find(object, v2_key); value && value->is_boolean()) {
    return value->get<bool>();
  }
  if (!v1_key.empty()) {
    if (const nlohmann::json* value = find(object, v1_key); value && value->is_boolean()) {
      return value->get<bool>();
    }
  }
  return fallback;
}

std::optional<double> number_field(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json* value = find(object, key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return value->get<double>();
}

std::vector<std::string> split_category_path(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

}  // namespace trustpcf::lca::jsonld
