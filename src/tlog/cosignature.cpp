#include "tlog/cosignature.hpp"

#include <set>

#include <spdlog/spdlog.h>

#include "tlog/proof_verify.hpp"
#include "tlog/tile_files.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

namespace {

// Size of the timestamp that precedes the Ed25519 signature.
constexpr size_t kTimestampSize = 8;
constexpr size_t kEd25519SignatureSize = 64;

}  // namespace

std::string cosignature_message(std::string_view checkpoint_body, uint64_t timestamp) {
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(checkpoint_body);
}

NoteSignature cosign_checkpoint(const NoteSigner& witness_key, std::string_view checkpoint_body,
                                uint64_t timestamp) {
  assert(witness_key.type() == kSignatureTypeCosignature && "witness keys have type 0x04");
  std::string blob(kTimestampSize, '\0');
  for (size_t i = 0; i < kTimestampSize; ++i) {
    blob[i] = static_cast<char>(timestamp >> (8 * (kTimestampSize - 1 - i)));
  }
  blob += witness_key.sign_raw(cosignature_message(checkpoint_body, timestamp));
  return NoteSignature{witness_key.name(), witness_key.key_id(), blob};
}

util::Result<uint64_t> verify_cosignature(const NoteVerifier& witness,
                                          std::string_view checkpoint_body,
                                          const NoteSignature& line) {
  if (witness.type() != kSignatureTypeCosignature || !witness.matches(line)) {
    return util::make_error(util::ErrorCode::kVerification,
                            "signature line of '{}' is not a cosignature by witness '{}'",
                            line.name, witness.name());
  }
  if (line.signature.size() != kTimestampSize + kEd25519SignatureSize) {
    return util::make_error(util::ErrorCode::kVerification,
                            "cosignature of '{}' has {} bytes; cosignature/v1 has {}", line.name,
                            line.signature.size(), kTimestampSize + kEd25519SignatureSize);
  }
  uint64_t timestamp = 0;
  for (size_t i = 0; i < kTimestampSize; ++i) {
    timestamp = (timestamp << 8) | static_cast<uint8_t>(line.signature[i]);
  }
  if (timestamp > uint64_t{INT64_MAX}) {
    return util::make_error(util::ErrorCode::kVerification,
                            "cosignature of '{}' has a timestamp above 2^63 - 1", line.name);
  }
  const std::string message = cosignature_message(checkpoint_body, timestamp);
  if (!witness.verify_raw(message, std::string_view(line.signature).substr(kTimestampSize))) {
    return util::make_error(util::ErrorCode::kVerification,
                            "cosignature of witness '{}' does not verify", witness.name());
  }
  return timestamp;
}

util::Result<OpenedCheckpoint> open_witnessed_checkpoint(std::string_view signed_note,
                                                         const NoteVerifier& log_key,
                                                         const WitnessPolicy& policy) {
  TRUSTPCF_ASSIGN_OR_RETURN(OpenedCheckpoint opened, open_checkpoint(signed_note, log_key));

  // Count each trusted witness at most once, however many lines it has.
  std::set<std::pair<std::string, uint32_t>> cosigned;
  for (const NoteVerifier& witness : policy.witnesses) {
    for (const NoteSignature& line : opened.note.signatures) {
      if (!witness.matches(line)) continue;
      if (verify_cosignature(witness, opened.note.text, line).ok()) {
        cosigned.insert({witness.name(), witness.key_id()});
      }
    }
  }
  if (cosigned.size() < policy.quorum) {
    return util::make_error(util::ErrorCode::kVerification,
                            "checkpoint of '{}' at size {} has valid cosignatures from {} of the "
                            "{} trusted witnesses; the policy requires {}",
                            opened.checkpoint.origin, opened.checkpoint.size, cosigned.size(),
                            policy.witnesses.size(), policy.quorum);
  }
  return opened;
}

util::Result<std::string> add_note_signatures(std::string_view signed_note,
                                              const std::vector<NoteSignature>& lines) {
  TRUSTPCF_ASSIGN_OR_RETURN(SignedNote note, parse_note(signed_note));
  note.signatures.insert(note.signatures.end(), lines.begin(), lines.end());
  return format_note(note);
}

Witness::Witness(fs::path dir, NoteSigner key) : dir_(std::move(dir)), key_(std::move(key)) {}

util::Result<std::unique_ptr<Witness>> Witness::open(const fs::path& dir, NoteSigner key) {
  assert(key.type() == kSignatureTypeCosignature && "witness keys have type 0x04");
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(dir, 0700));
  return std::unique_ptr<Witness>(new Witness(dir, std::move(key)));
}

fs::path Witness::state_file(const std::string& origin) const {
  // Origins may contain '/', so the file is named by the origin's digest.
  return dir_ / hash_hex(detail::sha256(origin));
}

util::Result<std::optional<Checkpoint>> Witness::latest(const std::string& origin) const {
  const fs::path file = state_file(origin);
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::optional<Checkpoint>();
  TRUSTPCF_ASSIGN_OR_RETURN(std::string body, util::read_file(file));
  util::Result<Checkpoint> checkpoint = parse_checkpoint_body(body);
  if (!checkpoint.ok()) {
    return util::make_error(util::ErrorCode::kStorage, "witness state '{}' is malformed: {}",
                            file.string(), checkpoint.error().message());
  }
  return std::optional<Checkpoint>(*checkpoint);
}

util::Result<NoteSignature> Witness::add_checkpoint(const NoteVerifier& log_key, uint64_t old_size,
                                                    const std::vector<Hash>& proof,
                                                    std::string_view signed_note, uint64_t now) {
  TRUSTPCF_ASSIGN_OR_RETURN(OpenedCheckpoint opened, open_checkpoint(signed_note, log_key));
  const Checkpoint& next = opened.checkpoint;

  if (old_size > next.size) {
    return util::make_error(util::ErrorCode::kUsage,
                            "old size {} is above the checkpoint's size {} for log '{}'; send "
                            "the size the witness last cosigned",
                            old_size, next.size, next.origin);
  }

  // The check of old_size and the write of the new state happen under one
  // lock, so that two requests cannot roll the recorded size back.
  std::lock_guard lock(mutex_);
  TRUSTPCF_ASSIGN_OR_RETURN(std::optional<Checkpoint> previous, latest(next.origin));
  const uint64_t recorded_size = previous ? previous->size : 0;
  if (old_size != recorded_size) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "witness '{}' last saw size {} of log '{}', not {}; send a "
                            "consistency proof from size {}",
                            key_.name(), recorded_size, next.origin, old_size, recorded_size);
  }
  const Hash previous_root = previous ? previous->root : empty_tree_root();
  if (next.size == recorded_size && next.root != previous_root) {
    spdlog::warn("witness rejected a fork origin={} size={} cosigned_root={} new_root={}",
                 next.origin, next.size, hash_hex(previous_root), hash_hex(next.root));
    return util::make_error(util::ErrorCode::kVerification,
                            "checkpoint of '{}' at size {} has root {} but the witness cosigned "
                            "root {} at that size; the log has forked",
                            next.origin, next.size, hash_hex(next.root), hash_hex(previous_root));
  }
  util::Status consistent =
      verify_consistency(recorded_size, next.size, proof, previous_root, next.root);
  if (!consistent.ok()) {
    spdlog::warn("witness rejected checkpoint origin={} old_size={} size={} error={}",
                 next.origin, recorded_size, next.size, consistent.error().message());
    return consistent.error();
  }

  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(state_file(next.origin), opened.note.text));
  spdlog::info("witness cosigned origin={} size={}", next.origin, next.size);
  return cosign_checkpoint(key_, opened.note.text, now);
}

}  // namespace trustpcf::tlog
