#pragma once

// The files of an openLCA JSON-LD export, read from a .zip archive (libzip)
// or from an unpacked folder.

#include <filesystem>
#include <string>
#include <vector>

#include "util/error.hpp"

namespace trustpcf::lca {

struct JsonldFile {
  // Path inside the export with '/' separators, e.g. "processes/4f1c….json".
  std::string path;
  std::string contents;
};

// Reads every "*.json" file of the export at `path` (a .zip file or a
// folder), sorted by path. Folders and files whose names start with '.' or
// "__MACOSX" are skipped. Errors: kNotFound when `path` does not exist,
// kInvalidInput when a .zip file is not a valid archive, kStorage when a
// file cannot be read.
util::Result<std::vector<JsonldFile>> read_jsonld_files(const std::filesystem::path& path);

}  // namespace trustpcf::lca
