#pragma once

// Field access for openLCA JSON-LD objects that tolerates the differences
// between schema v1 (openLCA 1.x) and v2 (openLCA 2.x): renamed boolean
// fields, references that are objects or absent, categories that are
// references (v1) or path strings (v2).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustpcf::lca::jsonld {

// Returns the "@id" of the reference object in field `key`, or "" when the
// field is absent, null or has no "@id".
std::string reference_id(const nlohmann::json& object, std::string_view key);

// Returns the string in field `key`, or "" when absent or not a string.
std::string string_field(const nlohmann::json& object, std::string_view key);

// Returns the boolean in field `v2_key`, else in `v1_key` (may be empty),
// else `fallback`.
bool flag(const nlohmann::json& object, std::string_view v2_key, std::string_view v1_key, bool fallback = false);

// Returns the number in field `key`, or std::nullopt when absent or not a
// number.
std::optional<double> number_field(const nlohmann::json& object, std::string_view key);

// Splits a v2 category path "Elementary flows/air/unspecified" at '/'.
std::vector<std::string> split_category_path(std::string_view path);

}  // namespace trustpcf::lca::jsonld
