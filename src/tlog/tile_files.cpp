#include "tlog/tile_files.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

uint64_t tile_width(uint64_t size, int level, uint64_t index) {
  // Leaves covered by one full tile at this level: 256^(level+1).
  if (kTileHeight * level >= 64) return 0;
  const int shift = kTileHeight * (level + 1);
  if (shift >= 64) return index == 0 ? (size >> (shift - kTileHeight)) : 0;
  const uint64_t full_tiles = size >> shift;
  if (index < full_tiles) return kTileWidth;
  if (index > full_tiles) return 0;
  return (size >> (kTileHeight * level)) % kTileWidth;
}

int tile_level_count(uint64_t size) {
  int levels = 0;
  while (levels * kTileHeight < 64 && (size >> (kTileHeight * levels)) > 0) ++levels;
  return levels;
}

Hash perfect_subtree_root(const Hash* hashes, uint64_t count) {
  if (count == 1) return hashes[0];
  const uint64_t half = count / 2;
  return hash_children(perfect_subtree_root(hashes, half), perfect_subtree_root(hashes + half, half));
}

namespace detail {

util::Result<std::string> read_prefix(const fs::path& path, uint64_t length,
                                      std::string_view what) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return util::make_error(util::ErrorCode::kStorage, "cannot open {} at '{}': {}", what,
                            path.string(), std::strerror(errno));
  }
  std::string bytes(length, '\0');
  uint64_t done = 0;
  errno = 0;
  while (done < length) {
    ssize_t got = ::pread(fd, bytes.data() + done, length - done, static_cast<off_t>(done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    done += static_cast<uint64_t>(got);
  }
  int read_errno = errno;
  ::close(fd);
  if (done < length) {
    return util::make_error(util::ErrorCode::kStorage,
                            "{} at '{}' has {} bytes but the committed tree needs {} ({}); the "
                            "file was truncated or cannot be read",
                            what, path.string(), done, length,
                            read_errno != 0 ? std::strerror(read_errno) : "end of file");
  }
  return bytes;
}

Hash sha256(std::string_view bytes) {
  Hash out;
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  return out;
}

util::Result<std::vector<std::string>> parse_bundle(std::string_view bytes, uint64_t expected,
                                                     std::string_view what) {
  std::vector<std::string> entries;
  entries.reserve(expected);
  size_t pos = 0;
  while (pos < bytes.size()) {
    if (bytes.size() - pos < 2) {
      return util::make_error(util::ErrorCode::kStorage,
                              "entry bundle {} ends inside a length prefix at byte {}; the file "
                              "was changed or truncated",
                              what, pos);
    }
    const size_t length = (static_cast<uint8_t>(bytes[pos]) << 8) | static_cast<uint8_t>(bytes[pos + 1]);
    pos += 2;
    if (bytes.size() - pos < length) {
      return util::make_error(util::ErrorCode::kStorage,
                              "entry {} of bundle {} claims {} bytes past the end of the file; "
                              "the file was changed or truncated",
                              entries.size(), what, length);
    }
    entries.emplace_back(bytes.substr(pos, length));
    pos += length;
  }
  if (entries.size() != expected) {
    return util::make_error(util::ErrorCode::kStorage,
                            "entry bundle {} holds {} entries but the committed tree needs {}; "
                            "the file was changed",
                            what, entries.size(), expected);
  }
  return entries;
}

void append_bundle_entry(std::string& bundle, std::string_view entry) {
  assert(entry.size() <= kMaxEntrySize && "entry size checked by the caller");
  bundle.push_back(static_cast<char>(entry.size() >> 8));
  bundle.push_back(static_cast<char>(entry.size() & 0xff));
  bundle.append(entry);
}

Hash hash_inside_tile(const std::vector<Hash>& tile, int height, uint64_t index) {
  const uint64_t count = uint64_t{1} << height;
  assert((index + 1) * count <= tile.size() && "subtree inside the tile's width");
  return perfect_subtree_root(tile.data() + index * count, count);
}

}  // namespace detail
}  // namespace trustpcf::tlog
