#include "tlog/checkpoint.hpp"

#include <charconv>

namespace trustpcf::tlog {

std::string format_checkpoint_body(const Checkpoint& checkpoint) {
  std::string out = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                    encode_base64(checkpoint.root) + "\n";
  for (const std::string& line : checkpoint.extensions) out += line + "\n";
  return out;
}

util::Result<Checkpoint> parse_checkpoint_body(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return util::Error(util::ErrorCode::kInvalidInput, "checkpoint body does not end with a newline");
  }
  std::vector<std::string_view> lines;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string_view::npos; end = text.find('\n', start)) {
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (lines.size() < 3) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "checkpoint has {} lines; it needs origin, tree size and root hash",
                            lines.size());
  }

  Checkpoint checkpoint;
  checkpoint.origin = std::string(lines[0]);
  if (checkpoint.origin.empty()) {
    return util::Error(util::ErrorCode::kInvalidInput, "checkpoint origin line is empty");
  }
  std::string_view size = lines[1];
  auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), checkpoint.size);
  if (ec != std::errc() || end != size.data() + size.size() || size.empty() ||
      (size.size() > 1 && size[0] == '0')) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "checkpoint tree size '{}' is not a decimal without leading zeros",
                            size);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(checkpoint.root, decode_base64_hash(lines[2], "checkpoint root hash"));
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      return util::Error(util::ErrorCode::kInvalidInput, "checkpoint has an empty extension line");
    }
    checkpoint.extensions.emplace_back(lines[i]);
  }
  return checkpoint;
}

std::string sign_checkpoint(const Checkpoint& checkpoint, const NoteSigner& log_key) {
  SignedNote note;
  note.text = format_checkpoint_body(checkpoint);
  note.signatures.push_back(log_key.sign_note(note.text));
  return format_note(note);
}

util::Result<OpenedCheckpoint> open_checkpoint(std::string_view signed_note,
                                               const NoteVerifier& log_key) {
  OpenedCheckpoint opened;
  TRUSTPCF_ASSIGN_OR_RETURN(opened.note, parse_note(signed_note));
  TRUSTPCF_ASSIGN_OR_RETURN(opened.checkpoint, parse_checkpoint_body(opened.note.text));
  if (opened.checkpoint.origin != log_key.name()) {
    return util::make_error(util::ErrorCode::kVerification,
                            "checkpoint origin '{}' is not the name of the log key '{}'",
                            opened.checkpoint.origin, log_key.name());
  }
  TRUSTPCF_RETURN_IF_ERROR(verify_note_signature(opened.note, log_key));
  return opened;
}

}  // namespace trustpcf::tlog
