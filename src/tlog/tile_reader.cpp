#include <cstring>

#include "tlog/tile_files.hpp"
#include "tlog/tile_storage.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

namespace {

// Hashes every complete inner subtree of a tile, bottom up.
std::vector<std::vector<Hash>> inner_subtrees(std::vector<Hash> hashes) {
  std::vector<std::vector<Hash>> heights;
  heights.push_back(std::move(hashes));
  while (heights.back().size() >= 2) {
    const std::vector<Hash>& below = heights.back();
    std::vector<Hash> above(below.size() / 2);
    for (size_t j = 0; j < above.size(); ++j) above[j] = hash_children(below[2 * j], below[2 * j + 1]);
    heights.push_back(std::move(above));
  }
  return heights;
}

}  // namespace

TileReader::TileReader(fs::path dir, TreeState state)
    : dir_(std::move(dir)), state_(std::move(state)) {}

util::Result<const TileReader::CheckedTile*> TileReader::checked_tile(int level, uint64_t index) {
  auto cached = verified_.find({level, index});
  if (cached != verified_.end()) return &cached->second;

  const uint64_t width = level < kMaxTileLevel ? tile_width(state_.size, level, index) : 0;
  const std::string full_path = tile_path({false, level, index, kTileWidth});
  if (width == 0) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "tile {} is beyond the tree of size {}", full_path, state_.size);
  }
  const std::string path = tile_path({false, level, index, width});

  TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes,
                            detail::read_prefix(dir_ / full_path, width * kHashSize,
                                                "tile " + path));
  std::vector<Hash> hashes(width);
  std::memcpy(hashes.data(), bytes.data(), bytes.size());
  CheckedTile checked{inner_subtrees(std::move(hashes))};

  if (width < kTileWidth) {
    // The rightmost tile of a level: its digest is in the state file.
    if (detail::sha256(bytes) != state_.partial_tile_digests.at(level)) {
      return util::make_error(util::ErrorCode::kStorage,
                              "tile {} does not match the digest recorded in the log's state; "
                              "the file was changed",
                              path);
    }
  } else {
    // A full tile: its root is a hash in the tile above, checked first.
    TRUSTPCF_ASSIGN_OR_RETURN(const std::vector<Hash>* parent, tile(level + 1, index / kTileWidth));
    const uint64_t position = index % kTileWidth;
    if (checked.heights.back().at(0) != (*parent)[position]) {
      return util::make_error(util::ErrorCode::kStorage,
                              "tile {} does not match its hash at position {} of tile {}; the "
                              "file was changed",
                              path, position,
                              tile_path({false, level + 1, index / kTileWidth, parent->size()}));
    }
  }

  auto [inserted, ok] = verified_.emplace(std::make_pair(level, index), std::move(checked));
  (void)ok;
  return &inserted->second;
}

util::Result<const std::vector<Hash>*> TileReader::tile(int level, uint64_t index) {
  TRUSTPCF_ASSIGN_OR_RETURN(const CheckedTile* checked, checked_tile(level, index));
  return &checked->heights[0];
}

util::Result<std::string> TileReader::read_bundle_bytes(uint64_t index, uint64_t count) {
  const std::string full_path = tile_path({true, 0, index, kTileWidth});
  const std::string path = tile_path({true, 0, index, count});
  if (count == kTileWidth) return util::read_file(dir_ / full_path);

  TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes,
                            detail::read_prefix(dir_ / full_path, state_.partial_bundle_bytes,
                                                "entry bundle " + path));
  if (detail::sha256(bytes) != state_.partial_bundle_digest) {
    return util::make_error(util::ErrorCode::kStorage,
                            "entry bundle {} does not match the digest recorded in the log's "
                            "state; the file was changed",
                            path);
  }
  return bytes;
}

util::Result<std::vector<std::string>> TileReader::bundle(uint64_t index) {
  const uint64_t count = tile_width(state_.size, 0, index);
  if (count == 0) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "entry bundle {} is beyond the tree of size {}",
                            tile_path({true, 0, index, kTileWidth}), state_.size);
  }
  const std::string path = tile_path({true, 0, index, count});
  TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes, read_bundle_bytes(index, count));
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<std::string> entries,
                            detail::parse_bundle(bytes, count, path));

  TRUSTPCF_ASSIGN_OR_RETURN(const std::vector<Hash>* leaves, tile(0, index));
  for (uint64_t i = 0; i < count; ++i) {
    if (hash_leaf(entries[i]) != (*leaves)[i]) {
      return util::make_error(util::ErrorCode::kStorage,
                              "entry {} (index {}) of bundle {} does not match its leaf hash in "
                              "tile {}; the bundle or the tile was changed",
                              i, index * kTileWidth + i, path,
                              tile_path({false, 0, index, count}));
    }
  }
  return entries;
}

util::Result<std::string> TileReader::entry(uint64_t index) {
  const uint64_t bundle_index = index / kTileWidth;
  const uint64_t position = index % kTileWidth;
  const uint64_t count = tile_width(state_.size, 0, bundle_index);
  if (position >= count) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "entry {} is beyond the tree of size {}", index, state_.size);
  }
  const std::string path = tile_path({true, 0, bundle_index, count});
  TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes, read_bundle_bytes(bundle_index, count));
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<std::string> entries,
                            detail::parse_bundle(bytes, count, path));

  TRUSTPCF_ASSIGN_OR_RETURN(const std::vector<Hash>* leaves, tile(0, bundle_index));
  if (hash_leaf(entries[position]) != (*leaves)[position]) {
    return util::make_error(util::ErrorCode::kStorage,
                            "entry {} in bundle {} does not match its leaf hash in tile {}; the "
                            "bundle or the tile was changed",
                            index, path, tile_path({false, 0, bundle_index, count}));
  }
  return std::move(entries[position]);
}

util::Result<Hash> TileReader::subtree_hash(int level, uint64_t index) {
  // A subtree of height `level` sits in one tile: at tile level level / 8,
  // as an inner subtree of height level % 8.
  const int tile_level = level / kTileHeight;
  const int height = level % kTileHeight;
  const uint64_t first = index << height;
  TRUSTPCF_ASSIGN_OR_RETURN(const CheckedTile* checked, checked_tile(tile_level, first / kTileWidth));
  const uint64_t position = (first % kTileWidth) >> height;
  if (height >= static_cast<int>(checked->heights.size()) ||
      position >= checked->heights[height].size()) {
    return util::make_error(util::ErrorCode::kInternal,
                            "subtree at level {} index {} is not complete in a tree of size {}",
                            level, index, state_.size);
  }
  return checked->heights[height][position];
}

SubtreeHashReader TileReader::subtree_reader() {
  return [this](int level, uint64_t index) { return subtree_hash(level, index); };
}

}  // namespace trustpcf::tlog
