#pragma once

// Reads an openLCA JSON-LD export into parsed entities with their canonical
// form and digests (see lca/entity_digest.hpp for the digest definition).

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "lca/jsonld_model.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

struct EntityRecord {
  std::string type;  // export folder: "processes", "flows", ...
  std::string id;
  std::string name;
  std::string canonical_json;  // RFC 8785 form
  std::string digest;          // SHA-256 of canonical_json, hex
};

struct JsonldExport {
  EntityIndex entities;
  std::vector<EntityRecord> records;  // sorted by type, then id
  int schema_version = 1;             // 1 (openLCA 1.x) or 2 (openLCA 2.x)
  std::string digest;                 // database digest, hex
};

// Called with (files done, files total) while reading.
using ProgressCallback = std::function<void(std::size_t, std::size_t)>;

// Reads and parses every entity of the export at `path` (.zip or folder).
// Errors: those of read_jsonld_files, and kInvalidInput for a file that is
// not valid JSON (naming the file, line and column). An entity without
// "@id" and two entities of one type with the same "@id" are kInvalidInput
// too.
util::Result<JsonldExport> read_jsonld_export(const std::filesystem::path& path,
                                              const ProgressCallback& progress = {});

}  // namespace trustpcf::lca
