#pragma once

// Publication of a footprint in the node's transparency log: one disclosure
// entry (tlog/entry.hpp) for the footprint digest and, when the bundle is
// certified, one for the credential digest. The entries' inclusion proofs
// and the signed checkpoint they lead to are added to the bundle.

#include <string>

#include "proof/bundle.hpp"
#include "tlog/log.hpp"
#include "tlog/log_access.hpp"
#include "util/time.hpp"

namespace trustpcf::proof {

// Appends the bundle's entries as `participant` (a did:key) at `now` and
// sets bundle.disclosure. Errors: from the log (kStorage, kInvalidInput,
// kNetwork or kDenied through a running node).
util::Status publish(Bundle& bundle, tlog::LogAccess& log, const std::string& participant,
                     util::Clock::time_point now);
util::Status publish(Bundle& bundle, tlog::Log& log, const std::string& participant,
                     util::Clock::time_point now);

// Replaces the disclosure's checkpoint with `checkpoint` (a later one, or
// the same with witness cosignatures) and its inclusion proofs with proofs
// at that checkpoint's size. Precondition: bundle.disclosure is set.
// Errors: from the log; kInvalidInput when an entry is past the checkpoint.
util::Status prove_disclosure(Bundle& bundle, tlog::LogAccess& log,
                              const tlog::SignedCheckpoint& checkpoint);

}  // namespace trustpcf::proof
