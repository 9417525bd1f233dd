#include "tlog/cosignature_store.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "tlog/hash.hpp"
#include "tlog/tile_files.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

util::Status store_cosignatures(const fs::path& dir, std::string_view checkpoint_text,
                                const std::vector<NoteSignature>& lines) {
  if (lines.empty()) return {};
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(dir, 0700));
  // Witness names may contain '/', so the file is named by a digest of the key.
  const std::string witness = fmt::format("{}+{:08x}", lines.front().name, lines.front().key_id);
  const fs::path file = dir / hash_hex(detail::sha256(witness));
  const std::string note = format_note(SignedNote{std::string(checkpoint_text), lines});
  return util::write_file_atomic(file, note, 0644);
}

util::Result<std::vector<NoteSignature>> stored_cosignatures(const fs::path& dir,
                                                             std::string_view checkpoint_text) {
  std::vector<NoteSignature> lines;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return lines;

  std::vector<fs::path> files;
  for (const fs::directory_entry& item : fs::directory_iterator(dir, ec)) files.push_back(item.path());
  if (ec) {
    return util::make_error(util::ErrorCode::kStorage, "cannot list cosignatures in '{}': {}",
                            dir.string(), ec.message());
  }
  std::sort(files.begin(), files.end());  // a stable order of lines in the note

  for (const fs::path& file : files) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(file));
    util::Result<SignedNote> note = parse_note(text);
    if (!note.ok()) {
      return util::make_error(util::ErrorCode::kStorage, "cosignature record '{}' is malformed: {}",
                              file.string(), note.error().message());
    }
    if (note->text != checkpoint_text) continue;
    lines.insert(lines.end(), note->signatures.begin(), note->signatures.end());
  }
  return lines;
}

}  // namespace trustpcf::tlog
