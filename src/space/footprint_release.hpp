#pragma once

// The last check before a footprint leaves the node: a footprint the node
// received from another company goes to a partner only when the supplier's
// usage terms allow resharing (default deny when it came without terms),
// whatever the local usage policy grants. The node's own footprints pass.
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

// Decides for the footprints of one request. Uses `db` for its lifetime, on
// the calling thread only.
class FootprintRelease {
 public:
  // `company_id` is the node's company id URN, `origin` its https origin (as
  // partners reach it), `now` the request time in Unix seconds. Errors: kStorage.
  static util::Result<FootprintRelease> open(store::Database& db, std::string company_id, std::string origin,
                                             std::int64_t now);

  // Decides whether `footprint` may go to the partner whose usage policy
  // `footprint.policy_id` covers it. Errors: kNotFound when that policy is
  // not stored; kStorage.
  util::Result<Release> release(const StoredFootprint& footprint);

 private:
  FootprintRelease(store::Statement origin_query, store::Statement policy_query, std::string company_id,
                   std::string origin, std::int64_t now);
  util::Result<UsageTerms> local_terms(const std::string& policy_id);

  store::Statement origin_query_;
  store::Statement policy_query_;
  std::string company_id_;
  std::string origin_;
  std::int64_t now_ = 0;
  std::map<std::string, UsageTerms> policies_;  // local policies read so far, by id
};

}  // namespace trustpcf::space
