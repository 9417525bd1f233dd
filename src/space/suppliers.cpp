#include "space/suppliers.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include <spdlog/spdlog.h>

#include "space/partners.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// A schema of its own (module "space.suppliers"), so that it grows apart
// from the partner and policy tables.
constexpr const char* kSchemaModule = "space.suppliers";
constexpr int kSchemaVersion = 1;
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE space_suppliers (
  name TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  client_id TEXT NOT NULL,
  client_secret TEXT NOT NULL,
  ca_file TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
)sql";

constexpr const char* kSupplierColumns = "name, url, client_id, client_secret, ca_file, created_at";

// The store file contains client secrets in clear from now on.
constexpr mode_t kPrivateFileMode = 0600;

Supplier read_supplier(const store::Statement& row) {
  Supplier supplier;
  supplier.name = row.column_text(0);
  supplier.url = row.column_text(1);
  supplier.client_id = row.column_text(2);
  supplier.client_secret = row.column_text(3);
  supplier.ca_file = row.column_text(4);
  supplier.created_at = row.column_int(5);
  return supplier;
}

// Sets the store file and its SQLite side files that exist to mode 0600.
util::Status make_store_private(const store::Database& db) {
  if (db.path().empty()) return {};  // in-memory store
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::path file = db.path().string() + suffix;
    if (!std::filesystem::exists(file)) continue;
    if (::chmod(file.c_str(), kPrivateFileMode) != 0) {
      return make_error(ErrorCode::kStorage, "setting mode 0600 on {} failed: {}; check the owner of the node home",
                        file.string(), std::strerror(errno));
    }
  }
  return {};
}

}  // namespace

util::Status ensure_supplier_schema(store::Database& db) {
  return db.ensure_schema(kSchemaModule, kSchemaVersion, kSchemaV1);
}

util::Result<Supplier> add_supplier(store::Database& db, Supplier supplier) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_schema(db));
  if (supplier.name.empty()) return make_error(ErrorCode::kInvalidInput, "the supplier name is empty");
  TRUSTPCF_RETURN_IF_ERROR(https_origin(supplier.url).status());
  if (supplier.client_id.empty() || supplier.client_secret.empty()) {
    return make_error(ErrorCode::kInvalidInput,
                      "supplier '{}' needs the client id and secret that its node issued to this node",
                      supplier.name);
  }
  if (!supplier.ca_file.empty()) {
    if (!std::filesystem::is_regular_file(supplier.ca_file)) {
      return make_error(ErrorCode::kInvalidInput, "CA file {} of supplier '{}' does not exist",
                        supplier.ca_file.string(), supplier.name);
    }
    supplier.ca_file = std::filesystem::absolute(supplier.ca_file);
  }
  while (supplier.url.size() > 1 && supplier.url.back() == '/') supplier.url.pop_back();

  TRUSTPCF_ASSIGN_OR_RETURN(auto exists, db.prepare("SELECT 1 FROM space_suppliers WHERE name = ?"));
  exists.bind(1, supplier.name);
  TRUSTPCF_ASSIGN_OR_RETURN(bool taken, exists.step());
  if (taken) {
    return make_error(ErrorCode::kUsage, "supplier '{}' already exists; remove it first to change it",
                      supplier.name);
  }
  exists.reset();  // ends the read before the write below

  supplier.created_at =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  TRUSTPCF_ASSIGN_OR_RETURN(auto insert, db.prepare(std::string("INSERT INTO space_suppliers (") + kSupplierColumns +
                                                    ") VALUES (?, ?, ?, ?, ?, ?)"));
  insert.bind(1, supplier.name)
      .bind(2, supplier.url)
      .bind(3, supplier.client_id)
      .bind(4, supplier.client_secret)
      .bind(5, supplier.ca_file.string())
      .bind(6, supplier.created_at);
  TRUSTPCF_RETURN_IF_ERROR(insert.run());
  TRUSTPCF_RETURN_IF_ERROR(make_store_private(db));
  spdlog::info("supplier added name={} url={} client_id={}", supplier.name, supplier.url, supplier.client_id);
  return supplier;
}

util::Result<std::vector<Supplier>> list_suppliers(store::Database& db) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(std::string("SELECT ") + kSupplierColumns +
                                                   " FROM space_suppliers ORDER BY name"));
  std::vector<Supplier> suppliers;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(bool row, query.step());
    if (!row) break;
    suppliers.push_back(read_supplier(query));
  }
  return suppliers;
}

util::Result<Supplier> find_supplier(store::Database& db, const std::string& name) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto query, db.prepare(std::string("SELECT ") + kSupplierColumns +
                                                   " FROM space_suppliers WHERE name = ?"));
  query.bind(1, name);
  TRUSTPCF_ASSIGN_OR_RETURN(bool found, query.step());
  if (!found) {
    return make_error(ErrorCode::kNotFound,
                      "supplier '{}' is not registered; add it with `trustpcf supplier add {} --url URL "
                      "--client-id ID --client-secret-file FILE`",
                      name, name);
  }
  return read_supplier(query);
}

util::Status remove_supplier(store::Database& db, const std::string& name) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_supplier_schema(db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto remove, db.prepare("DELETE FROM space_suppliers WHERE name = ?"));
  remove.bind(1, name);
  TRUSTPCF_RETURN_IF_ERROR(remove.run());
  if (db.changes() == 0) return make_error(ErrorCode::kNotFound, "supplier '{}' is not registered", name);
  spdlog::info("supplier removed name={}", name);
  return {};
}

}  // namespace trustpcf::space
