#pragma once

// The node's store of PACT v3 product footprints that it serves to partners.
// A footprint whose id another stored footprint lists in `precedingPfIds` is
// a previous version: GetFootprint still returns it, ListFootprints does not.
// Importing a footprint with an id already stored replaces it only when the
// import is newer (larger v2 `version`, else later `updated`, else later
// `created`).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "space/footprint_filter.hpp"
#include "store/database.hpp"

namespace trustpcf::space {

struct ImportSummary {
  int added = 0;      // new ids
  int replaced = 0;   // ids stored before, replaced by a newer version
  int unchanged = 0;  // ids stored before with the same or a newer version
  std::vector<std::string> ids;  // ids in input order
};

// Reads footprints from PACT JSON: one footprint object, an array of them,
// or a ListFootprints response {"data": [...]}. Errors: kInvalidInput.
util::Result<std::vector<nlohmann::json>> footprints_from_json(const nlohmann::json& document);

struct ImportOptions {
  // The footprints are the data owner's own, made by another tool, even
  // where their companyIds do not name the node's company id.
  bool own = false;
};

// Validates every footprint, then stores all of them in one transaction (all
// or none). For each footprint added or replaced it records its origin:
// own (options.own), else the usage terms of its usage-terms extension, if
// any (space/usage_terms.hpp). Errors: kInvalidInput naming the footprint and
// property or a malformed usage-terms extension; kStorage.
util::Result<ImportSummary> import_footprints(store::Database& db,
                                              const std::vector<nlohmann::json>& footprints,
                                              const ImportOptions& options = {});

struct StoredFootprint {
  std::int64_t row_id = 0;
  std::string id;
  std::string document;   // the footprint as imported, compact JSON
  std::string policy_id;  // the usage policy that lets the partner see it
};

// Returns the footprint with `id`, or nullopt.
util::Result<std::optional<StoredFootprint>> get_footprint(store::Database& db, const std::string& id);

// Lists the latest versions matching `filter` that a usage policy of
// `partner_id` covers at `now` (Unix seconds), in import order after
// `after_row_id`, at most `limit`. Each result names the policy.
util::Result<std::vector<StoredFootprint>> list_visible_footprints(store::Database& db,
                                                                   const std::string& partner_id,
                                                                   const FootprintFilter& filter,
                                                                   std::int64_t after_row_id,
                                                                   std::size_t limit, std::int64_t now);

// Returns the id of a usage policy of `partner_id` that covers footprint
// `id` at `now`, or nullopt when none does or the footprint is not stored.
util::Result<std::optional<std::string>> policy_covering(store::Database& db,
                                                         const std::string& partner_id,
                                                         const std::string& id, std::int64_t now);

// Counts stored footprints (all versions).
util::Result<std::int64_t> count_footprints(store::Database& db);

}  // namespace trustpcf::space
