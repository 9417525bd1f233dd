#pragma once

// Import of an openLCA JSON-LD export into the node's store: read, validate,
// build the model, then store every entity in one transaction. Nothing is
// written when any step fails.

#include <filesystem>
#include <string>
#include <vector>

#include "lca/entity_store.hpp"
#include "lca/jsonld_model.hpp"
#include "lca/model.hpp"
#include "store/database.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

struct ImportOptions {
  // Name of the new database; empty: the file name of the export without
  // ".zip" (or the folder name).
  std::string name;
  bool show_progress = false;  // draw a progress bar on standard error
};

struct ImportResult {
  DatabaseInfo info;  // the stored database (the earlier one when unchanged)
  // True when a database with the same digest was already stored; nothing
  // was written then.
  bool already_imported = false;
  std::vector<ImportWarning> warnings;
  Database model;  // the validated in-memory model, digest set
};

// Imports the export at `path`. Errors: those of read_jsonld_export and
// build_database (store unchanged); kInvalidInput when the name is taken by
// a database with other content; kStorage.
util::Result<ImportResult> import_database(store::Database& db, const std::filesystem::path& path,
                                           const ImportOptions& options);

// Returns the default database name for an export path: "uslci" for
// "/data/uslci.zip", "sample" for "sample/" (a trailing slash is ignored).
std::string default_database_name(const std::filesystem::path& path);

}  // namespace trustpcf::lca
