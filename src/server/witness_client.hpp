#pragma once

// The log side of C2SP tlog-witness: sends a checkpoint with a consistency
// proof to a witness's add-checkpoint endpoint and returns its cosignature.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tlog/cosignature.hpp"
#include "tlog/log_access.hpp"

namespace trustpcf::server {

// Per-request limits of a call to a witness.
inline constexpr int kWitnessConnectTimeoutSeconds = 5;
inline constexpr int kWitnessReadTimeoutSeconds = 30;

struct WitnessTarget {
  std::string url;                       // submission prefix, e.g. https://host:port/witness
  std::filesystem::path ca_file;         // trusted CA (PEM); empty: the system's
  std::optional<tlog::NoteVerifier> key; // the witness key, to check its reply
};

struct Cosigned {
  std::vector<tlog::NoteSignature> lines;  // the witness's signature lines
  uint64_t old_size = 0;                   // the size the proof started from
};

// Requests the witness's cosignature of `checkpoint` of `log`. Starts from
// old size 0, as the spec allows for a client without state. When the
// witness returns 409 with the size it last cosigned, retries once with a
// proof from that size. With `target.key`, keeps only lines of that key and
// requires one that verifies. Errors: kVerification when the witness
// rejects the checkpoint as a fork (409) or its proof (422) or its reply
// does not verify; kDenied for 403; kNotFound for 404 (log unknown to the
// witness); kNetwork for transport failures and other replies.
util::Result<Cosigned> request_cosignature(tlog::LogAccess& log,
                                           const tlog::SignedCheckpoint& checkpoint,
                                           const WitnessTarget& target);

}  // namespace trustpcf::server
