#pragma once

// The catalog: metadata of the latest footprints (product ids and name,
// declared unit, reference period, status, whether a verification is
// declared), shown to registered partners so that they can request access.
// It never contains emission figures.

#include <nlohmann/json.hpp>

#include "store/database.hpp"

namespace trustpcf::space {

// Returns {"data": [entry, ...]} in import order. Errors: kStorage.
util::Result<nlohmann::json> build_catalog(store::Database& db);

}  // namespace trustpcf::space
