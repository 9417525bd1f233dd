#pragma once

// Loads the USLCI export for engine tests through the JSON-LD importer
// (read_jsonld_export, then build_database). When the importer is not part
// of the build, TRUSTPCF_HAVE_JSONLD_IMPORTER is 0 and the tests skip.

#include <filesystem>

#include "lca/model.hpp"
#include "util/error.hpp"

#if __has_include("lca/jsonld_reader.hpp") && __has_include("lca/jsonld_model.hpp")
#include "lca/jsonld_model.hpp"
#include "lca/jsonld_reader.hpp"
#define TRUSTPCF_HAVE_JSONLD_IMPORTER 1
#else
#define TRUSTPCF_HAVE_JSONLD_IMPORTER 0
#endif

namespace trustpcf::lca::testing {

inline constexpr const char* kUslciExport = "data/uslci/uslci-olca1.5-jsonld.zip";

#if TRUSTPCF_HAVE_JSONLD_IMPORTER
// Returns the model of the export at `path` with its database digest set.
inline util::Result<Database> load_export(const std::filesystem::path& path) {
  TRUSTPCF_ASSIGN_OR_RETURN(JsonldExport exported, read_jsonld_export(path));
  std::vector<ImportWarning> warnings;
  TRUSTPCF_ASSIGN_OR_RETURN(Database database, build_database(exported.entities, warnings));
  database.digest = exported.digest;
  return database;
}
#endif

}  // namespace trustpcf::lca::testing
