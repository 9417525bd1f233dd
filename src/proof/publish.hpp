#pragma once

// Publication of a footprint in the node's transparency log: one disclosure
// entry (tlog/entry.hpp) for the footprint digest and, when the bundle is
// certified, one for the credential digest. The entries' inclusion proofs
// and the signed checkpoint they lead to are added to the bundle.

#include <string>

#include "proof/bundle.hpp"
#include "tlog/log.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {

// Appends the bundle's entries as `participant` (a did:key) at `now` and
// sets bundle.disclosure. Errors: from the log (kStorage, kInvalidInput).
util::Status publish(Bundle& bundle, tlog::Log& log, const std::string& participant,
                     util::Clock::time_point now);

}  // namespace trustpcf::proof
