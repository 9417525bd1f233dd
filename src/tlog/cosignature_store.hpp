#pragma once

// The log owner's copy of the cosignatures its witnesses returned, one file
// per witness key (the latest cosigned checkpoint with that witness's
// lines), in one folder (normally <home>/log/cosignatures). `trustpcf log
// checkpoint` adds the lines whose checkpoint is the current one.

#include <filesystem>
#include <vector>

#include "tlog/note.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// Folder of the cosignatures inside the log's folder.
inline constexpr const char* kCosignatureDirName = "cosignatures";

// Records `lines` (cosignatures by one witness key) for the checkpoint
// whose note text is `checkpoint_text`, replacing that witness's older
// record. Errors: kStorage.
util::Status store_cosignatures(const std::filesystem::path& dir, std::string_view checkpoint_text,
                                const std::vector<NoteSignature>& lines);

// The stored lines of all witnesses whose record is for `checkpoint_text`.
// Errors: kStorage for an unreadable or malformed record.
util::Result<std::vector<NoteSignature>> stored_cosignatures(const std::filesystem::path& dir,
                                                             std::string_view checkpoint_text);

}  // namespace trustpcf::tlog
