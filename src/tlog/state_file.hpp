#pragma once

// The log's state file: the committed TreeState in one of two fixed 4 KiB
// slots, written in turn. Each slot carries a sequence number and the
// SHA-256 of its JSON, so a slot torn by a crash in mid-write is recognised
// and the other slot, the previous commit, is used. One in-place write and
// one fdatasync commit a batch (a write-and-rename would need two fsyncs).
// Internal to the tlog module.

#include <cstdint>
#include <filesystem>

#include "tlog/tile_storage.hpp"

namespace trustpcf::tlog::detail {

// Name of the state file inside the log directory.
inline constexpr const char* kStateFileName = "state";
// Size of one slot; the JSON of a state is under 1 KiB.
inline constexpr size_t kStateSlotSize = 4096;

struct StoredState {
  TreeState state;
  uint64_t sequence = 0;  // 0 when no state was ever written
};

// Reads the newest valid slot; a missing file is the empty tree. A damaged
// slot newer than the valid one is logged as a warning and skipped (it is
// the commit a crash interrupted, never acknowledged). Errors: kStorage
// when no slot is valid.
util::Result<StoredState> load_state(const std::filesystem::path& dir);

// Writes `state` as commit number `sequence` into slot sequence % 2 and
// makes it durable. Errors: kStorage.
util::Status write_state(const std::filesystem::path& dir, const TreeState& state,
                         uint64_t sequence);

}  // namespace trustpcf::tlog::detail
