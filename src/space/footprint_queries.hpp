#pragma once

// The statements of the GetFootprint path, prepared once for one store
// connection and kept with it, so that a request runs them without
// compiling SQL. Each call resets its statements before it returns, so no
// read transaction stays open between requests.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "space/footprint_release.hpp"
#include "space/footprint_store.hpp"
#include "store/database.hpp"

namespace trustpcf::space {

class FootprintQueries {
 public:
  // Prepares the statements on `db`, which must outlive the object. The
  // object is used by the thread that uses `db`. `company_id` is the node's
  // company id URN. Errors: kStorage.
  static util::Result<std::unique_ptr<FootprintQueries>> prepare(store::Database& db, std::string company_id);

  // Returns footprint `id` with the id of a usage policy of `partner_id`
  // that covers it at `now` (Unix seconds), or nullopt when the footprint
  // is not stored or no policy covers it. Errors: kStorage.
  util::Result<std::optional<StoredFootprint>> get_covered(const std::string& partner_id, const std::string& id,
                                                           std::int64_t now);

  // Returns whether a live policy of `partner_id` would cover footprint
  // `id` whatever it contains (scope "all", or "footprint" naming it), so
  // that a missing footprint may be reported as not found. Errors: kStorage.
  util::Result<bool> covers_any(const std::string& partner_id, const std::string& id, std::int64_t now);

  FootprintRelease& release() { return release_; }

 private:
  FootprintQueries(store::Statement get, store::Statement covers_any, FootprintRelease release);

  store::Statement get_;
  store::Statement covers_any_;
  FootprintRelease release_;
};

}  // namespace trustpcf::space
