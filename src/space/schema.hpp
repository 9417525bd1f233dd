#pragma once

// The tables of the space module (partners, usage policies, footprints,
// contracts, audit log, event outbox), applied through
// store::Database::ensure_schema under the module name "space".

#include "store/database.hpp"

namespace trustpcf::space {

// Creates or upgrades the space tables. Safe to call on every open.
util::Status ensure_space_schema(store::Database& db);

}  // namespace trustpcf::space
