#include <cerrno>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "tlog/state_file.hpp"
#include "tlog/tile_files.hpp"
#include "tlog/tile_storage.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

namespace {

util::Error io_error(const char* action, const fs::path& path) {
  return util::make_error(util::ErrorCode::kStorage, "cannot {} '{}': {}", action, path.string(),
                          std::strerror(errno));
}

util::Status fsync_path(const fs::path& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return io_error("open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return io_error("fsync", path);
  return {};
}

std::string hashes_bytes(const std::vector<Hash>& hashes, uint64_t from) {
  return std::string(reinterpret_cast<const char*>(hashes.data() + from),
                     (hashes.size() - from) * kHashSize);
}

}  // namespace

TileWriter::TileWriter(fs::path dir) : dir_(std::move(dir)) {}

util::Result<std::unique_ptr<TileWriter>> TileWriter::open(const fs::path& dir) {
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(dir, 0700));
  std::unique_ptr<TileWriter> writer(new TileWriter(dir));
  TRUSTPCF_RETURN_IF_ERROR(writer->recover());
  return writer;
}

util::Status TileWriter::recover() {
  TRUSTPCF_ASSIGN_OR_RETURN(detail::StoredState stored, detail::load_state(dir_));
  state_ = std::move(stored.state);
  sequence_ = stored.sequence;
  const uint64_t size = state_.size;

  Edge edge;
  edge.size = size;
  const int levels = tile_level_count(size);
  for (int level = 0; level < levels; ++level) {
    const int shift = kTileHeight * (level + 1);
    const uint64_t index = shift >= 64 ? 0 : size >> shift;
    const uint64_t width = tile_width(size, level, index);
    std::vector<Hash> hashes(width);
    if (width > 0) {
      const std::string path = tile_path({false, level, index, width});
      const fs::path file = dir_ / tile_path({false, level, index, kTileWidth});
      TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes,
                                detail::read_prefix(file, width * kHashSize, "tile " + path));
      if (detail::sha256(bytes) != state_.partial_tile_digests[level]) {
        return util::make_error(util::ErrorCode::kStorage,
                                "tile {} does not match the digest recorded in the log's state; "
                                "the file was changed",
                                path);
      }
      std::memcpy(hashes.data(), bytes.data(), bytes.size());
      // Cut off hashes of a batch that never committed.
      if (::truncate(file.c_str(), static_cast<off_t>(bytes.size())) != 0) {
        return io_error("truncate", file);
      }
    }
    edge.tiles.push_back(std::move(hashes));
    edge.tile_indices.push_back(index);
    edge.written_widths.push_back(width);
  }

  const uint64_t bundle_index = size / kTileWidth;
  const uint64_t bundle_count = size % kTileWidth;
  if (bundle_count > 0) {
    const std::string path = tile_path({true, 0, bundle_index, bundle_count});
    const fs::path file = dir_ / tile_path({true, 0, bundle_index, kTileWidth});
    TRUSTPCF_ASSIGN_OR_RETURN(edge.bundle, detail::read_prefix(file, state_.partial_bundle_bytes,
                                                               "entry bundle " + path));
    if (detail::sha256(edge.bundle) != state_.partial_bundle_digest) {
      return util::make_error(util::ErrorCode::kStorage,
                              "entry bundle {} does not match the digest recorded in the log's "
                              "state; the file was changed",
                              path);
    }
    TRUSTPCF_RETURN_IF_ERROR(detail::parse_bundle(edge.bundle, bundle_count, path).status());
    if (::truncate(file.c_str(), static_cast<off_t>(edge.bundle.size())) != 0) {
      return io_error("truncate", file);
    }
    edge.bundle_written_bytes = edge.bundle.size();
  }

  TreeState recomputed = state_from_edge(edge);
  if (recomputed.root != state_.root) {
    return util::make_error(util::ErrorCode::kStorage,
                            "the tiles of log '{}' give root {} for size {} but the state "
                            "records root {}; a tile or the state file was changed",
                            dir_.string(), hash_hex(recomputed.root), size,
                            hash_hex(state_.root));
  }
  edge_ = std::move(edge);
  prepared_edge_ = edge_;
  spdlog::debug("tlog opened dir={} tree_size={}", dir_.string(), size);
  return {};
}

void TileWriter::add_hash(Edge& edge, int level, const Hash& hash,
                          std::vector<PendingWrite>& writes) {
  if (static_cast<int>(edge.tiles.size()) == level) {
    edge.tiles.emplace_back();
    edge.tile_indices.push_back(0);
    edge.written_widths.push_back(0);
  }
  std::vector<Hash>& tile = edge.tiles[level];
  tile.push_back(hash);
  if (tile.size() < kTileWidth) return;

  // The tile is full: write what is not on disk yet and carry its root up.
  const uint64_t index = edge.tile_indices[level];
  writes.push_back({tile_path({false, level, index, kTileWidth}),
                    edge.written_widths[level] * kHashSize,
                    hashes_bytes(tile, edge.written_widths[level])});
  const Hash root = perfect_subtree_root(tile.data(), kTileWidth);
  tile.clear();
  edge.tile_indices[level] = index + 1;
  edge.written_widths[level] = 0;
  add_hash(edge, level + 1, root, writes);
}

void TileWriter::add_leaf(Edge& edge, const std::string& entry,
                          std::vector<PendingWrite>& writes) {
  const uint64_t bundle_index = edge.size / kTileWidth;
  detail::append_bundle_entry(edge.bundle, entry);
  add_hash(edge, 0, hash_leaf(entry), writes);
  edge.size += 1;

  if (edge.size % kTileWidth == 0) {
    writes.push_back({tile_path({true, 0, bundle_index, kTileWidth}), edge.bundle_written_bytes,
                      edge.bundle.substr(edge.bundle_written_bytes)});
    edge.bundle.clear();
    edge.bundle_written_bytes = 0;
  }
}

util::Status TileWriter::ensure_parent_directory(const fs::path& relative) {
  fs::path current = dir_;
  for (const fs::path& part : relative.parent_path()) {
    fs::path parent = current;
    current /= part;
    if (known_directories_.count(current.string())) continue;
    struct stat info;
    if (::stat(current.c_str(), &info) != 0) {
      if (::mkdir(current.c_str(), 0755) != 0 && errno != EEXIST) return io_error("create", current);
      // The new directory's name must be durable before files in it are.
      TRUSTPCF_RETURN_IF_ERROR(fsync_path(parent, true));
      directory_syncs_.fetch_add(1, std::memory_order_relaxed);
    }
    known_directories_.insert(current.string());
  }
  return {};
}

util::Status TileWriter::write_all_durably(const std::vector<PendingWrite>& writes) {
  struct OpenFile {
    int fd = -1;
    fs::path path;
    bool created = false;
  };
  std::vector<OpenFile> files;
  auto close_all = [&files] {
    for (OpenFile& file : files) ::close(file.fd);
  };

  for (const PendingWrite& write : writes) {
    const fs::path relative(write.path);
    const fs::path path = dir_ / relative;
    util::Status status = ensure_parent_directory(relative);
    if (!status.ok()) {
      close_all();
      return status;
    }
    // A tile or bundle begun at offset 0 replaces any leftover of a batch
    // that never committed.
    struct stat info;
    OpenFile file{-1, path, ::stat(path.c_str(), &info) != 0};
    const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (write.offset == 0 ? O_TRUNC : 0);
    file.fd = ::open(path.c_str(), flags, 0644);
    if (file.fd < 0) {
      util::Error error = io_error("open", path);
      close_all();
      return error;
    }
    files.push_back(file);

    size_t done = 0;
    while (done < write.bytes.size()) {
      ssize_t n = ::pwrite(file.fd, write.bytes.data() + done, write.bytes.size() - done,
                           static_cast<off_t>(write.offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        util::Error error = io_error("write", path);
        close_all();
        return error;
      }
      done += static_cast<size_t>(n);
    }
  }

  // The directories that gained a file must record its name durably too.
  std::set<std::string> new_file_directories;
  for (const OpenFile& file : files) {
    if (file.created) new_file_directories.insert(file.path.parent_path().string());
  }
  for (const std::string& directory : new_file_directories) {
    int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
      util::Error error = io_error("open", directory);
      close_all();
      return error;
    }
    files.push_back({fd, directory, false});
  }
  const size_t data_files = files.size() - new_file_directories.size();

  // The files and directories are independent, so their syncs run side by
  // side: a batch waits for the slowest, not for the sum.
  std::vector<int> sync_errors(files.size(), 0);
  auto sync = [&files, &sync_errors, data_files](size_t i) {
    const int rc = i < data_files ? ::fdatasync(files[i].fd) : ::fsync(files[i].fd);
    if (rc != 0) sync_errors[i] = errno;
  };
  std::vector<std::thread> helpers;
  for (size_t i = 1; i < files.size(); ++i) helpers.emplace_back(sync, i);
  if (!files.empty()) sync(0);
  for (std::thread& helper : helpers) helper.join();
  close_all();
  data_syncs_.fetch_add(data_files, std::memory_order_relaxed);
  directory_syncs_.fetch_add(new_file_directories.size(), std::memory_order_relaxed);
  for (size_t i = 0; i < files.size(); ++i) {
    if (sync_errors[i] != 0) {
      errno = sync_errors[i];
      return io_error(i < data_files ? "fdatasync" : "fsync", files[i].path);
    }
  }
  return {};
}

TreeState TileWriter::state_from_edge(const Edge& edge) const {
  TreeState state;
  state.size = edge.size;

  SubtreeHashReader reader = [&edge](int level, uint64_t index) -> util::Result<Hash> {
    const int tile_level = level / kTileHeight;
    const int height = level % kTileHeight;
    const uint64_t offset = (index << height) % kTileWidth;
    return detail::hash_inside_tile(edge.tiles[tile_level], height, offset >> height);
  };
  util::Result<Hash> root = tree_root(reader, edge.size);
  assert(root.ok() && "the edge reader cannot fail");
  state.root = *root;

  const int levels = tile_level_count(edge.size);
  for (int level = 0; level < levels; ++level) {
    const std::vector<Hash>& tile = edge.tiles[level];
    state.partial_tile_digests.push_back(tile.empty() ? Hash{} : detail::sha256(hashes_bytes(tile, 0)));
  }
  state.partial_bundle_bytes = edge.bundle.size();
  state.partial_bundle_digest = edge.bundle.empty() ? Hash{} : detail::sha256(edge.bundle);
  return state;
}

util::Result<TileWriter::PreparedBatch> TileWriter::prepare(
    const std::vector<std::string>& entries) {
  for (const std::string& entry : entries) {
    if (entry.size() > kMaxEntrySize) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "log entry of {} bytes is larger than the {} bytes an entry bundle "
                              "can hold; log a digest of the content instead",
                              entry.size(), kMaxEntrySize);
    }
  }

  // Work on a copy so that a failed batch leaves the prepared edge intact.
  Edge edge = prepared_edge_;
  const uint64_t first_index = edge.size;
  std::vector<PendingWrite> writes;
  for (const std::string& entry : entries) add_leaf(edge, entry, writes);
  for (size_t level = 0; level < edge.tiles.size(); ++level) {
    if (edge.tiles[level].size() > edge.written_widths[level]) {
      writes.push_back({tile_path({false, static_cast<int>(level), edge.tile_indices[level],
                                   kTileWidth}),
                        edge.written_widths[level] * kHashSize,
                        hashes_bytes(edge.tiles[level], edge.written_widths[level])});
      edge.written_widths[level] = edge.tiles[level].size();
    }
  }
  if (edge.bundle.size() > edge.bundle_written_bytes) {
    writes.push_back({tile_path({true, 0, edge.size / kTileWidth, kTileWidth}),
                      edge.bundle_written_bytes, edge.bundle.substr(edge.bundle_written_bytes)});
    edge.bundle_written_bytes = edge.bundle.size();
  }

  TRUSTPCF_RETURN_IF_ERROR(write_all_durably(writes));
  PreparedBatch batch{first_index, entries.size(), state_from_edge(edge), edge};
  prepared_edge_ = std::move(edge);
  return batch;
}

util::Status TileWriter::commit(const PreparedBatch& batch) {
  assert(batch.first_index == state_.size && "batches are committed in the order prepared");
  // The state that makes a batch part of the tree is written only after
  // its entries and tiles are durable (prepare() returned).
  TRUSTPCF_RETURN_IF_ERROR(detail::write_state(dir_, batch.state, sequence_ + 1));
  state_syncs_.fetch_add(1, std::memory_order_relaxed);
  sequence_ += 1;
  state_ = batch.state;
  edge_ = batch.edge;
  return {};
}

void TileWriter::discard_prepared() { prepared_edge_ = edge_; }

util::Status TileWriter::append(const std::vector<std::string>& entries) {
  TRUSTPCF_ASSIGN_OR_RETURN(PreparedBatch batch, prepare(entries));
  util::Status status = commit(batch);
  if (!status.ok()) discard_prepared();
  return status;
}

}  // namespace trustpcf::tlog
