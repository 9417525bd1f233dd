#pragma once

// The last check before a footprint leaves the node. A footprint the node
// received from another company goes to a partner only when the supplier's
// usage terms allow resharing, whatever the local usage policy grants, and
// never when it came without terms (default deny). The node's own footprints pass.
// Every footprint that leaves carries the terms of the local usage policy
// as a usage-terms extension (space/usage_terms.hpp).

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "space/footprint_store.hpp"
#include "space/usage_terms.hpp"
#include "store/database.hpp"

namespace trustpcf::space {

struct Release {
  bool allowed = false;
  std::string document;  // the footprint with its usage-terms extension, when allowed
  std::string refusal;   // the reason, when refused
};

// Decides for footprints leaving through one store connection. Uses `db`
// for its lifetime, on one thread at a time.
class FootprintRelease {
 public:
  // `company_id` is the node's company id URN. Errors: kStorage.
  static util::Result<FootprintRelease> open(store::Database& db, std::string company_id);

  // Decides whether `footprint` may go to the partner whose usage policy
  // `footprint.policy_id` covers it at `now` (Unix seconds). `origin` is the
  // node's https origin as the partner reaches it. Errors: kNotFound when
  // that policy is not stored; kStorage.
  util::Result<Release> release(const StoredFootprint& footprint, const std::string& origin, std::int64_t now);

 private:
  FootprintRelease(store::Statement origin_query, store::Statement policy_query, std::string company_id);
  util::Result<UsageTerms> local_terms(const std::string& policy_id);

  store::Statement origin_query_;
  store::Statement policy_query_;
  std::string company_id_;
  // Terms of local policies read so far, by id. A policy's terms never
  // change (revocation only ends it, and revoked policies cover nothing).
  std::map<std::string, UsageTerms> policies_;
};

}  // namespace trustpcf::space
