#pragma once

// Witnessing for the log owner's commands (`log witness`, `publish
// --witness`). It requests cosignatures of a checkpoint, stores the lines in
// <home>/log/cosignatures and returns the checkpoint with every stored
// cosignature of it.

#include <filesystem>
#include <vector>

#include "server/witness_client.hpp"
#include "tlog/log_access.hpp"

namespace trustpcf::cli {

// Folder of the transparency log inside the node home.
inline constexpr const char* kLogDirName = "log";

// Adds the stored cosignatures of `checkpoint` to its note. Errors: kStorage.
util::Result<tlog::SignedCheckpoint> with_stored_cosignatures(const std::filesystem::path& home,
                                                              const tlog::SignedCheckpoint& checkpoint);

// Requests a cosignature of `checkpoint` from each target in turn and
// stores each; stops at the first failure. Returns the checkpoint with all
// stored cosignatures. Errors: those of server::request_cosignature, kStorage.
util::Result<tlog::SignedCheckpoint> witness_checkpoint(const std::filesystem::path& home,
                                                        tlog::LogAccess& log,
                                                        const tlog::SignedCheckpoint& checkpoint,
                                                        const std::vector<server::WitnessTarget>& targets);

}  // namespace trustpcf::cli
