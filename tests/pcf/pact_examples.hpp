#pragma once

// The example documents of the PACT v3 specification, unwrapped into the
// product footprints they contain.

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/files.hpp"

namespace trustpcf::pcf::testing {

// The valid examples that contain product footprints.
inline const std::vector<std::string> kValidExampleFiles = {
    "example-1.json",        "example-2.json",
    "example-3.json",        "example-4.json",
    "get-footprint-response.json", "list-footprints-response.json",
    "pf-response-event.json"};

// Returns the footprints of a file: the document itself, its "data" (one or a
// list) or its "data.pfs" list.
inline std::vector<nlohmann::json> footprints_in(const std::filesystem::path& path) {
  auto text = util::read_file(path);
  if (!text.ok()) return {};
  nlohmann::json document = nlohmann::json::parse(*text);
  if (!document.contains("data")) return {document};
  const nlohmann::json& data = document["data"];
  if (data.is_array()) return data.get<std::vector<nlohmann::json>>();
  if (data.contains("pfs")) return data["pfs"].get<std::vector<nlohmann::json>>();
  return {data};
}

}  // namespace trustpcf::pcf::testing
