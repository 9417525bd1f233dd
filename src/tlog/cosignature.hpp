#pragma once

// Witness cosigning with C2SP tlog-cosignature, Ed25519 type cosignature/v1:
// the witness key (signature type 0x04) signs "cosignature/v1\n",
// "time <POSIX seconds>\n" and the checkpoint body; the signature line
// carries key ID || big-endian uint64 timestamp || Ed25519 signature.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tlog/checkpoint.hpp"
#include "tlog/note.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// The message a cosignature/v1 signs.
std::string cosignature_message(std::string_view checkpoint_body, uint64_t timestamp);

// Cosigns a checkpoint body with a witness key of type 0x04 at `timestamp`
// (POSIX seconds). Precondition: witness_key.type() == kSignatureTypeCosignature.
NoteSignature cosign_checkpoint(const NoteSigner& witness_key, std::string_view checkpoint_body,
                                uint64_t timestamp);

// Checks a cosignature line against a witness key and returns its timestamp.
// Errors: kVerification when the line is not this witness's or does not verify.
util::Result<uint64_t> verify_cosignature(const NoteVerifier& witness,
                                          std::string_view checkpoint_body,
                                          const NoteSignature& line);

// A verifier's trusted witnesses and the number of them that must have cosigned.
struct WitnessPolicy {
  std::vector<NoteVerifier> witnesses;
  size_t quorum = 0;
};

// Opens a checkpoint (log signature, origin) and requires valid cosignatures
// from at least `policy.quorum` distinct witnesses of the policy; lines of
// other keys are ignored. Errors: kVerification naming how many verified.
util::Result<OpenedCheckpoint> open_witnessed_checkpoint(std::string_view signed_note,
                                                         const NoteVerifier& log_key,
                                                         const WitnessPolicy& policy);

// Adds signature lines to a signed note and returns the new note text.
util::Result<std::string> add_note_signatures(std::string_view signed_note,
                                              const std::vector<NoteSignature>& lines);

// A witness: for each log origin it keeps the latest checkpoint it cosigned
// (one file per origin under its state directory, written durably) and
// cosigns a newer checkpoint only when a consistency proof links the two.
// Thread-safe.
class Witness {
 public:
  // Opens the state directory, creating it when missing. Precondition:
  // key.type() == kSignatureTypeCosignature. Errors: kStorage.
  static util::Result<std::unique_ptr<Witness>> open(const std::filesystem::path& dir,
                                                     NoteSigner key);

  // Checks `signed_note` against `log_key`, checks `proof` from the size the
  // caller believes the witness last saw (`old_size`, 0 for none) to the
  // checkpoint, records it and returns the cosignature line.
  // Errors: kUsage when old_size is above the checkpoint's size.
  // kInvalidInput when old_size is not the recorded size, with the recorded
  // size in the message so that the caller can retry. kVerification for a
  // bad signature, a failed proof or a different root at the recorded size
  // (a fork). kStorage when the state cannot be written.
  util::Result<NoteSignature> add_checkpoint(const NoteVerifier& log_key, uint64_t old_size,
                                             const std::vector<Hash>& proof,
                                             std::string_view signed_note, uint64_t now);

  // The latest checkpoint cosigned for `origin`, if any. Errors: kStorage.
  util::Result<std::optional<Checkpoint>> latest(const std::string& origin) const;

  const NoteSigner& key() const { return key_; }

 private:
  Witness(std::filesystem::path dir, NoteSigner key);
  std::filesystem::path state_file(const std::string& origin) const;

  const std::filesystem::path dir_;
  const NoteSigner key_;
  mutable std::mutex mutex_;
};

}  // namespace trustpcf::tlog
