#pragma once

// Suppliers: the nodes this node requests footprints from. A supplier's
// owner issued client credentials to this node (`trustpcf partner add` on
// its side); they are kept in the table space_suppliers so that
// `trustpcf request --from NAME` can authenticate. The client secret must be
// presented to the supplier's token endpoint, so it is stored in clear, and
// adding a supplier restricts the store file to mode 0600.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace trustpcf::space {

struct Supplier {
  std::string name;           // unique, as the user typed it
  std::string url;            // base URL of the supplier's PACT node (https://host[:port][/path])
  std::string client_id;      // issued by the supplier's node
  std::string client_secret;  // issued by the supplier's node, in clear
  // PEM certificates trusted for this supplier's node (a self-signed
  // development certificate); empty means the system's trust store.
  std::filesystem::path ca_file;
  std::int64_t created_at = 0;  // Unix seconds
};

// Creates the supplier table when missing. Errors: kStorage.
util::Status ensure_supplier_schema(store::Database& db);

// Stores a supplier and sets the store file (and its WAL and shared-memory
// files) to mode 0600. `created_at` is set here. Errors: kInvalidInput for
// an empty name, client id or secret, a URL that is not https, or a CA file
// that does not exist; kUsage when the name is taken; kStorage.
util::Result<Supplier> add_supplier(store::Database& db, Supplier supplier);

// Lists suppliers by name. Errors: kStorage.
util::Result<std::vector<Supplier>> list_suppliers(store::Database& db);

// Finds a supplier by name. Errors: kNotFound naming `name`; kStorage.
util::Result<Supplier> find_supplier(store::Database& db, const std::string& name);

// Deletes a supplier and its stored secret. Errors: kNotFound; kStorage.
util::Status remove_supplier(store::Database& db, const std::string& name);

}  // namespace trustpcf::space
