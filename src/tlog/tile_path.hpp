#pragma once

// C2SP tlog-tiles resource names: tiles of height 8 (256 hashes) at
// "tile/<L>/<N>[.p/<W>]" and entry bundles at "tile/entries/<N>[.p/<W>]",
// where <N> is written in 3-digit groups, all but the last prefixed with
// "x" (1234067 is "x001/x234/067").

#include <cstdint>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::tlog {

// Height of a tile in tree levels; a full tile has 2^8 hashes.
inline constexpr int kTileHeight = 8;
// Number of hashes in a full tile, and of entries in a full entry bundle.
inline constexpr uint64_t kTileWidth = uint64_t{1} << kTileHeight;
// Highest tile level the path format allows.
inline constexpr int kMaxTileLevel = 63;

// One tile or entry bundle. `width` is kTileWidth for a full tile and
// 1..255 for a partial one.
struct TileId {
  bool entries = false;  // an entry bundle rather than a tile of hashes
  int level = 0;         // tile level; 0 for entry bundles
  uint64_t index = 0;
  uint64_t width = kTileWidth;

  bool operator==(const TileId&) const = default;
};

// Encodes a tile index as "x001/x234/067".
std::string encode_tile_index(uint64_t index);

// The resource path of a tile or bundle, without a leading slash.
std::string tile_path(const TileId& tile);

// Parses a path such as "tile/0/x001/234.p/5" or "tile/entries/000" (no
// leading slash). Rejects every non-canonical spelling. Errors: kNotFound
// naming the path and the rule it breaks.
util::Result<TileId> parse_tile_path(std::string_view path);

}  // namespace trustpcf::tlog
