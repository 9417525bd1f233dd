#include "cli/log_witnessing.hpp"

#include "tlog/cosignature_store.hpp"

namespace trustpcf::cli {

namespace fs = std::filesystem;

util::Result<tlog::SignedCheckpoint> with_stored_cosignatures(const fs::path& home,
                                                              const tlog::SignedCheckpoint& checkpoint) {
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedNote note, tlog::parse_note(checkpoint.note));
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<tlog::NoteSignature> lines,
                            tlog::stored_cosignatures(home / kLogDirName / tlog::kCosignatureDirName, note.text));
  if (lines.empty()) return checkpoint;
  TRUSTPCF_ASSIGN_OR_RETURN(std::string cosigned, tlog::add_note_signatures(checkpoint.note, lines));
  return tlog::SignedCheckpoint{checkpoint.checkpoint, cosigned};
}

util::Result<tlog::SignedCheckpoint> witness_checkpoint(const fs::path& home, tlog::LogAccess& log,
                                                        const tlog::SignedCheckpoint& checkpoint,
                                                        const std::vector<server::WitnessTarget>& targets) {
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedNote note, tlog::parse_note(checkpoint.note));
  for (const server::WitnessTarget& target : targets) {
    TRUSTPCF_ASSIGN_OR_RETURN(server::Cosigned cosigned, server::request_cosignature(log, checkpoint, target));
    TRUSTPCF_RETURN_IF_ERROR(
        tlog::store_cosignatures(home / kLogDirName / tlog::kCosignatureDirName, note.text, cosigned.lines));
  }
  return with_stored_cosignatures(home, checkpoint);
}

}  // namespace trustpcf::cli
