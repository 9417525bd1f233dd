#pragma once

// Whole-file reads and durable writes.

#include <filesystem>
#include <string>

#include "util/error.hpp"

namespace trustpcf::util {

// Reads the whole file. Errors: kNotFound when it does not exist, kStorage
// when it cannot be read.
Result<std::string> read_file(const std::filesystem::path& path);

// Reads all of standard input.
Result<std::string> read_stdin();

// Writes `contents` to `path` durably: a temporary file in the same folder is
// written, fsync'ed and renamed over `path`, then the folder is fsync'ed.
// `mode` sets the permission bits of the new file (0600 for private keys).
// Errors: kStorage with the path and the system's reason.
Status write_file_atomic(const std::filesystem::path& path, const std::string& contents,
                         unsigned mode = 0644);

// Creates `path` and its parents with `mode` when missing. Errors: kStorage.
Status ensure_directory(const std::filesystem::path& path, unsigned mode = 0755);

}  // namespace trustpcf::util
