#pragma once

// A witness's files in one folder (normally <home>/witness):
//   key     the witness's cosignature/v1 private key (mode 0600)
//   logs    verifier keys of the logs it cosigns, one per line
//   state/  the latest cosigned checkpoint of each log (Witness)

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "tlog/note.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

inline constexpr const char* kWitnessKeyFileName = "key";
inline constexpr const char* kWitnessLogsFileName = "logs";
inline constexpr const char* kWitnessStateDirName = "state";

// Loads the witness key of `dir`, or creates one named `name` (type 0x04,
// mode 0600) when missing. Errors: kInvalidInput for a malformed key file
// or name, kStorage.
util::Result<NoteSigner> load_or_create_witness_key(const std::filesystem::path& dir,
                                                    const std::string& name);

// The witness key, or nullopt when this folder has none. Errors: as above.
util::Result<std::optional<NoteSigner>> load_witness_key(const std::filesystem::path& dir);

// The verifier keys of the witnessed logs (none when the file is missing).
// Errors: kInvalidInput naming the line of a malformed key, kStorage.
util::Result<std::vector<NoteVerifier>> load_witnessed_logs(const std::filesystem::path& dir);

// Adds a log's verifier key to the list; returns false when it was there.
// Errors: kInvalidInput when the key is not an Ed25519 note key, kStorage.
util::Result<bool> add_witnessed_log(const std::filesystem::path& dir, const NoteVerifier& log_key);

}  // namespace trustpcf::tlog
