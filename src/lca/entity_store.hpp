#pragma once

// Imported LCI databases in the node's store. Each database is identified
// by its digest (see lca/entity_digest.hpp) and by a unique name; several
// can live in one store. Tables (module "lca"):
//   lca_databases(id, name, digest, source_path, schema_version, counts,
//                 imported_at)
//   lca_entities(database_id, type, id, name, canonical_json, digest)

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "lca/jsonld_reader.hpp"
#include "lca/model.hpp"
#include "store/database.hpp"
#include "util/error.hpp"

namespace trustpcf::lca {

struct DatabaseInfo {
  std::int64_t row_id = 0;
  std::string name;
  std::string digest;       // database digest, hex
  std::string source_path;  // absolute path of the export at import time
  int schema_version = 1;   // openLCA JSON-LD schema version of the export
  std::map<std::string, std::int64_t> counts;  // entities by type (export folder name)
  std::string imported_at;                     // RFC 3339, UTC
};

// Creates or upgrades the lca tables. Every function below calls it.
util::Status ensure_lca_schema(store::Database& db);

// Lists the imported databases, oldest import first. Errors: kStorage.
util::Result<std::vector<DatabaseInfo>> list_databases(store::Database& db);

// Finds a database by exact name, else by digest or a unique digest prefix
// of at least 8 hex digits. Returns std::nullopt when none matches.
// Errors: kStorage; kUsage when a digest prefix matches several databases.
util::Result<std::optional<DatabaseInfo>> find_database(store::Database& db, const std::string& name_or_digest);

// Picks the database a command works on. That is the one named by
// `name_or_digest` when given, else the only one, else the most recently
// imported. In the last case `note` receives a sentence naming the choice
// and how to pick another. Errors: kNotFound when the named database does not exist or the
// store holds none (the message says to run `trustpcf db import`).
util::Result<DatabaseInfo> resolve_database(store::Database& db, const std::optional<std::string>& name_or_digest,
                                            std::string* note = nullptr);

// Stores an export as a new database named `name`, in the caller's
// transaction; `progress` is called with (entities stored, total).
// Errors: kStorage.
util::Result<DatabaseInfo> insert_database(store::Database& db, const JsonldExport& exported, const std::string& name,
                                           const std::string& source_path, const std::string& imported_at,
                                           const ProgressCallback& progress = {});

// Rebuilds the in-memory model of the database named by `name_or_digest`
// from the stored entities (see find_database for the matching). The model
// equals the one built at import; its digest field is set. Errors:
// kNotFound naming the value and listing the stored names; kStorage;
// kInvalidInput when stored entities no longer build (a store edited by
// hand).
util::Result<Database> load_database(store::Database& db, const std::string& name_or_digest);

}  // namespace trustpcf::lca
