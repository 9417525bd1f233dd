#pragma once

// The node's home: the one directory that holds all of a node's state (the
// SQLite store, keys, the transparency log).

#include <filesystem>
#include <optional>

#include "util/error.hpp"

namespace trustpcf::util {

// Name of the SQLite store file inside the home.
inline constexpr const char* kStoreFileName = "trustpcf.sqlite";

// Resolves the home: `option` when given (--home), else $TRUSTPCF_HOME, else
// $HOME/.trustpcf. Errors: kUsage when none of them can be determined.
Result<std::filesystem::path> resolve_home(const std::optional<std::filesystem::path>& option);

}  // namespace trustpcf::util
