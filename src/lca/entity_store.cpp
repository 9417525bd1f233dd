#include "lca/entity_store.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

namespace trustpcf::lca {

using util::ErrorCode;
using util::make_error;

namespace {

constexpr int kSchemaVersion = 1;

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE lca_databases (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  digest TEXT NOT NULL UNIQUE,
  source_path TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  counts TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE lca_entities (
  database_id INTEGER NOT NULL REFERENCES lca_databases(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  canonical_json TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (database_id, type, id)
);
)sql";

// Shortest digest prefix accepted in place of a name, in hex digits: long
// enough that a prefix is unlikely to match by accident.
constexpr std::size_t kMinDigestPrefix = 8;

// Entity types the model builder reads; load_database skips the others
// (actors, sources, dq_systems, ...).
constexpr const char* kModelTypes[] = {"categories", "unit_groups", "flow_properties", "locations",
                                       "flows",      "parameters",  "processes"};

constexpr const char* kSelectDatabase =
    "SELECT id, name, digest, source_path, schema_version, counts, imported_at FROM lca_databases ";

DatabaseInfo read_info(const store::Statement& row) {
  DatabaseInfo info;
  info.row_id = row.column_int(0);
  info.name = row.column_text(1);
  info.digest = row.column_text(2);
  info.source_path = row.column_text(3);
  info.schema_version = static_cast<int>(row.column_int(4));
  nlohmann::json counts = nlohmann::json::parse(row.column_text(5), nullptr, false);
  if (counts.is_object()) {
    for (const auto& [type, count] : counts.items()) {
      if (count.is_number_integer()) info.counts[type] = count.get<std::int64_t>();
    }
  }
  info.imported_at = row.column_text(6);
  return info;
}

bool is_hex(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

util::Status ensure_lca_schema(store::Database& db) { return db.ensure_schema("lca", kSchemaVersion, kSchemaV1); }

util::Result<std::vector<DatabaseInfo>> list_databases(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_lca_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(std::string(kSelectDatabase) + "ORDER BY id"));
  std::vector<DatabaseInfo> databases;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    databases.push_back(read_info(query));
  }
  return databases;
}

util::Result<std::optional<DatabaseInfo>> find_database(store::Database& db, const std::string& name_or_digest) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_lca_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto by_name, db.prepare(std::string(kSelectDatabase) + "WHERE name = ?"));
  by_name.bind(1, name_or_digest);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, by_name.step());
  if (found) return std::optional<DatabaseInfo>(read_info(by_name));

  if (name_or_digest.size() < kMinDigestPrefix || !is_hex(name_or_digest)) return std::optional<DatabaseInfo>();
  TRUSTPCF_ASSIGN_OR_RETURN(auto by_digest,
                            db.prepare(std::string(kSelectDatabase) + "WHERE substr(digest, 1, ?) = ? ORDER BY id"));
  by_digest.bind(1, static_cast<std::int64_t>(name_or_digest.size())).bind(2, name_or_digest);
  std::vector<DatabaseInfo> matches;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, by_digest.step());
    if (!row) break;
    matches.push_back(read_info(by_digest));
  }
  if (matches.size() > 1) {
    return make_error(ErrorCode::kUsage, "digest prefix '{}' matches {} databases; give more digits or the name",
                      name_or_digest, matches.size());
  }
  if (matches.empty()) return std::optional<DatabaseInfo>();
  return std::optional<DatabaseInfo>(matches.front());
}

util::Result<DatabaseInfo> resolve_database(store::Database& db, const std::optional<std::string>& name_or_digest,
                                            std::string* note) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<DatabaseInfo> databases, list_databases(db));
  if (databases.empty()) {
    return make_error(ErrorCode::kNotFound,
                      "no LCI database is imported; run `trustpcf db import PATH` with an openLCA JSON-LD export");
  }

  if (name_or_digest) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::optional<DatabaseInfo> found, find_database(db, *name_or_digest));
    if (found) return *found;
    std::vector<std::string> names;
    for (const DatabaseInfo& info : databases) names.push_back(info.name);
    return make_error(ErrorCode::kNotFound, "no imported database is named '{}' or has that digest; imported: {}",
                      *name_or_digest, fmt::join(names, ", "));
  }

  const DatabaseInfo& latest = databases.back();
  if (databases.size() > 1 && note != nullptr) {
    *note = fmt::format("using database '{}' (imported {}), the most recent of {}; choose another with --database",
                        latest.name, latest.imported_at, databases.size());
  }
  return latest;
}

util::Result<DatabaseInfo> insert_database(store::Database& db, const JsonldExport& exported, const std::string& name,
                                           const std::string& source_path, const std::string& imported_at,
                                           const ProgressCallback& progress) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_lca_schema(db));

  DatabaseInfo info;
  info.name = name;
  info.digest = exported.digest;
  info.source_path = source_path;
  info.schema_version = exported.schema_version;
  info.imported_at = imported_at;
  for (const auto& [type, entities] : exported.entities) {
    info.counts[type] = static_cast<std::int64_t>(entities.size());
  }

  TRUSTPCF_ASSIGN_OR_RETURN(auto insert,
                            db.prepare("INSERT INTO lca_databases(name, digest, source_path, schema_version, counts, "
                                       "imported_at) VALUES(?, ?, ?, ?, ?, ?)"));
  insert.bind(1, info.name)
      .bind(2, info.digest)
      .bind(3, info.source_path)
      .bind(4, static_cast<std::int64_t>(info.schema_version))
      .bind(5, nlohmann::json(info.counts).dump())
      .bind(6, info.imported_at);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  info.row_id = db.last_insert_rowid();

  TRUSTPCF_ASSIGN_OR_RETURN(auto entity,
                            db.prepare("INSERT INTO lca_entities(database_id, type, id, name, canonical_json, digest) "
                                       "VALUES(?, ?, ?, ?, ?, ?)"));
  std::size_t stored = 0;
  for (const EntityRecord& record : exported.records) {
    entity.reset();
    entity.bind(1, info.row_id)
        .bind(2, record.type)
        .bind(3, record.id)
        .bind(4, record.name)
        .bind(5, record.canonical_json)
        .bind(6, record.digest);
    TRUSTPCF_RETURN_IF_ERROR(entity.run());
    if (progress) progress(++stored, exported.records.size());
  }
  return info;
}

util::Result<Database> load_database(store::Database& db, const std::string& name_or_digest) {
  TRUSTPCF_ASSIGN_OR_RETURN(DatabaseInfo info, resolve_database(db, name_or_digest));

  TRUSTPCF_ASSIGN_OR_RETURN(auto query,
                            db.prepare("SELECT id, canonical_json FROM lca_entities WHERE database_id = ? AND type = ?"));
  EntityIndex entities;
  for (const char* type : kModelTypes) {
    query.reset();
    query.bind(1, info.row_id).bind(2, std::string_view(type));
    auto& of_type = entities[type];
    while (true) {
      TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
      if (!row) break;
      nlohmann::json entity = nlohmann::json::parse(query.column_text(1), nullptr, false);
      if (entity.is_discarded()) {
        return make_error(ErrorCode::kStorage, "stored entity {}/{} of database '{}' is not valid JSON; re-import it",
                          type, query.column_text(0), info.name);
      }
      of_type.emplace(query.column_text(0), std::move(entity));
    }
  }

  std::vector<ImportWarning> warnings;
  auto model = build_database(entities, warnings);
  if (!model.ok()) return model.error().with_context(fmt::format("stored database '{}'", info.name));
  model->digest = info.digest;
  spdlog::debug("loaded LCI database name={} digest={} processes={}", info.name, info.digest,
                model->processes.size());
  return model;
}

}  // namespace trustpcf::lca
