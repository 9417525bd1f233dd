#pragma once

// C2SP tlog-checkpoint: a note body of the origin line, the tree size in
// decimal and the base64 root hash, each ending in a newline, then optional
// extension lines. The log's key signs it as a C2SP signed note, and the
// key's name is the origin.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlog/hash.hpp"
#include "tlog/note.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // extension lines, without newlines
};

// Formats the checkpoint body (the note text).
std::string format_checkpoint_body(const Checkpoint& checkpoint);

// Parses a checkpoint body. Errors: kInvalidInput naming the line at fault.
util::Result<Checkpoint> parse_checkpoint_body(std::string_view text);

// Signs the checkpoint with the log's key and returns the signed note text.
std::string sign_checkpoint(const Checkpoint& checkpoint, const NoteSigner& log_key);

// A checkpoint whose log signature was checked, with the parsed note (so
// that cosignatures can be checked against the same text).
struct OpenedCheckpoint {
  Checkpoint checkpoint;
  SignedNote note;
};

// Parses a signed checkpoint and checks the log's signature and that the
// origin is the key's name. Errors: kInvalidInput for a malformed note,
// kVerification for a missing or bad signature or another origin.
util::Result<OpenedCheckpoint> open_checkpoint(std::string_view signed_note,
                                               const NoteVerifier& log_key);

}  // namespace trustpcf::tlog
