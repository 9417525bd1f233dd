#include "tlog/witness_store.hpp"

#include <spdlog/spdlog.h>

#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

util::Result<std::optional<NoteSigner>> load_witness_key(const fs::path& dir) {
  const fs::path file = dir / kWitnessKeyFileName;
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::optional<NoteSigner>();
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(file));
  util::Result<NoteSigner> key = NoteSigner::from_private_key_text(text);
  if (!key.ok()) return key.error().with_context(fmt::format("witness key '{}'", file.string()));
  if (key->type() != kSignatureTypeCosignature) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "witness key '{}' has signature type {:#04x}; a witness signs with "
                            "cosignature/v1 keys (type 0x04)",
                            file.string(), key->type());
  }
  return std::optional<NoteSigner>(std::move(*key));
}

util::Result<NoteSigner> load_or_create_witness_key(const fs::path& dir, const std::string& name) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::optional<NoteSigner> existing, load_witness_key(dir));
  if (existing) return std::move(*existing);

  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(dir, 0700));
  TRUSTPCF_ASSIGN_OR_RETURN(NoteSigner key, NoteSigner::generate(name, kSignatureTypeCosignature));
  TRUSTPCF_RETURN_IF_ERROR(
      util::write_file_atomic(dir / kWitnessKeyFileName, key.to_private_key_text() + "\n", 0600));
  spdlog::info("witness key created name={} key_id={:08x}", key.name(), key.key_id());
  return key;
}

util::Result<std::vector<NoteVerifier>> load_witnessed_logs(const fs::path& dir) {
  const fs::path file = dir / kWitnessLogsFileName;
  std::vector<NoteVerifier> logs;
  std::error_code ec;
  if (!fs::exists(file, ec)) return logs;
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(file));

  size_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    line_number += 1;
    start = end + 1;
    if (line.empty()) continue;
    util::Result<NoteVerifier> key = NoteVerifier::parse(line);
    if (!key.ok()) {
      return key.error().with_context(fmt::format("{} line {}", file.string(), line_number));
    }
    logs.push_back(std::move(*key));
  }
  return logs;
}

util::Result<bool> add_witnessed_log(const fs::path& dir, const NoteVerifier& log_key) {
  if (log_key.type() != kSignatureTypeEd25519) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "'{}' is not a log key: logs sign checkpoints with Ed25519 note keys "
                            "(type 0x01)",
                            log_key.text());
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<NoteVerifier> logs, load_witnessed_logs(dir));
  std::string text;
  for (const NoteVerifier& existing : logs) {
    if (existing.text() == log_key.text()) return false;
    text += existing.text() + "\n";
  }
  text += log_key.text() + "\n";
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(dir, 0700));
  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(dir / kWitnessLogsFileName, text, 0600));
  spdlog::info("witness added log origin={} key_id={:08x}", log_key.name(), log_key.key_id());
  return true;
}

}  // namespace trustpcf::tlog
