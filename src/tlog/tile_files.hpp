#pragma once

// File-level helpers shared by TileReader and TileWriter: reading a file's
// committed prefix, digests, entry-bundle parsing.
// Internal to the tlog module.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "tlog/tile_storage.hpp"

namespace trustpcf::tlog::detail {

// Reads the first `length` bytes of `path`. Errors: kStorage when the file
// is missing, unreadable or shorter, naming `what` (a tile path).
util::Result<std::string> read_prefix(const std::filesystem::path& path, uint64_t length,
                                      std::string_view what);

// SHA-256 of arbitrary bytes (digests of partial tiles and bundles).
Hash sha256(std::string_view bytes);

// Splits a bundle into its entries. Errors: kStorage naming `what` when a
// length prefix runs past the end or the count differs from `expected`.
util::Result<std::vector<std::string>> parse_bundle(std::string_view bytes, uint64_t expected,
                                                     std::string_view what);

// Appends one entry with its big-endian uint16 length prefix.
void append_bundle_entry(std::string& bundle, std::string_view entry);

// Hash at height `height` (0..8) and `index` inside one tile's hashes.
Hash hash_inside_tile(const std::vector<Hash>& tile, int height, uint64_t index);

}  // namespace trustpcf::tlog::detail
