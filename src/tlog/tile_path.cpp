#include "tlog/tile_path.hpp"

#include <charconv>
#include <vector>

#include <fmt/format.h>

namespace trustpcf::tlog {

namespace {

util::Error bad_path(std::string_view path, std::string_view rule) {
  return util::make_error(util::ErrorCode::kNotFound, "'{}' is not a tile path: {}", path, rule);
}

// Parses a decimal without sign or leading zeros ("0" itself is allowed).
bool parse_decimal(std::string_view text, uint64_t& out) {
  if (text.empty() || (text.size() > 1 && text[0] == '0')) return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

}  // namespace

std::string encode_tile_index(uint64_t index) {
  std::string out = fmt::format("{:03}", index % 1000);
  index /= 1000;
  while (index > 0) {
    out = fmt::format("x{:03}/", index % 1000) + out;
    index /= 1000;
  }
  return out;
}

std::string tile_path(const TileId& tile) {
  std::string out = tile.entries ? std::string("tile/entries/")
                                 : fmt::format("tile/{}/", tile.level);
  out += encode_tile_index(tile.index);
  if (tile.width < kTileWidth) out += fmt::format(".p/{}", tile.width);
  return out;
}

util::Result<TileId> parse_tile_path(std::string_view path) {
  std::vector<std::string_view> parts = split(path, '/');
  if (parts.size() < 3 || parts[0] != "tile") {
    return bad_path(path, "expected tile/<L>/<N> or tile/entries/<N>");
  }

  TileId tile;
  if (parts[1] == "entries") {
    tile.entries = true;
  } else {
    uint64_t level = 0;
    if (!parse_decimal(parts[1], level) || level > kMaxTileLevel) {
      return bad_path(path, "the level must be a decimal from 0 to 63 without leading zeros");
    }
    tile.level = static_cast<int>(level);
  }

  // A partial tile ends in "<last group>.p/<W>".
  size_t end = parts.size();
  if (parts[end - 2].ends_with(".p")) {
    uint64_t width = 0;
    if (!parse_decimal(parts[end - 1], width) || width == 0 || width >= kTileWidth) {
      return bad_path(path, "the partial width must be a decimal from 1 to 255");
    }
    tile.width = width;
    parts[end - 2].remove_suffix(2);
    end -= 1;
  }

  uint64_t index = 0;
  for (size_t i = 2; i < end; ++i) {
    std::string_view group = parts[i];
    const bool last = i + 1 == end;
    if (!last) {
      if (!group.starts_with('x')) return bad_path(path, "index groups but the last start with x");
      group.remove_prefix(1);
    }
    if (group.size() != 3 || group.find_first_not_of("0123456789") != std::string_view::npos) {
      return bad_path(path, "index groups have exactly three digits");
    }
    if (index > (UINT64_MAX - 999) / 1000) return bad_path(path, "the index is too large");
    index = index * 1000 + static_cast<uint64_t>(std::stoi(std::string(group)));
  }
  tile.index = index;

  if (tile_path(tile) != path) return bad_path(path, "the index is not in its canonical form");
  return tile;
}

}  // namespace trustpcf::tlog
