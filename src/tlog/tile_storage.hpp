#pragma once

// The log's files under one directory (normally <home>/log):
//   tile/<L>/<N>          hashes of tile N at level L, in the C2SP tlog-tiles
//                         layout; the rightmost tile of a level grows in
//                         place and its committed width comes from the state
//   tile/entries/<N>      entry bundles, big-endian uint16 length-prefixed
//   state                 the committed tree (state_file.hpp): size, root
//                         hash and digests of the rightmost (partial) tile
//                         of each level and of the partial entry bundle
// Bytes past the committed widths are leftovers of an interrupted batch;
// they are never read and are cut off when the log is opened.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tlog/hash.hpp"
#include "tlog/proof_build.hpp"
#include "tlog/tile_path.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// Largest entry the entry-bundle format can carry (uint16 length prefix).
inline constexpr size_t kMaxEntrySize = 65535;

// Number of hashes in the tile at `level` and `index` for a tree of `size`
// leaves: kTileWidth when full, 1..255 when partial, 0 when it does not exist.
uint64_t tile_width(uint64_t size, int level, uint64_t index);

// Number of tile levels that hold at least one hash for a tree of `size`.
int tile_level_count(uint64_t size);

// The committed tree as recorded in the state file.
struct TreeState {
  uint64_t size = 0;
  Hash root = empty_tree_root();
  // SHA-256 of the committed bytes of the partial tile at each level
  // (index = level); levels whose rightmost tile is full or absent hold zeros.
  std::vector<Hash> partial_tile_digests;
  uint64_t partial_bundle_bytes = 0;
  Hash partial_bundle_digest{};
};

// Reads tiles and bundles of one committed tree, checking every byte before
// use: a partial tile or bundle against its digest in the state, a full
// tile against its hash in the tile above, a bundle's entries against the
// leaf hashes of its level-0 tile. Errors name the file that was changed.
// Not thread-safe; make one per operation (its cache lives as long as it).
class TileReader {
 public:
  TileReader(std::filesystem::path dir, TreeState state);

  // The checked hashes of a tile, as wide as the tree makes it.
  // Errors: kNotFound past the tree's end, kStorage when a file is changed,
  // short or unreadable.
  util::Result<const std::vector<Hash>*> tile(int level, uint64_t index);

  // The checked entries of an entry bundle. Errors: as tile().
  util::Result<std::vector<std::string>> bundle(uint64_t index);

  // One entry, checked against its leaf hash (the rest of its bundle is
  // parsed but not hashed). Errors: as tile().
  util::Result<std::string> entry(uint64_t index);

  // A reader of complete-subtree hashes for proof_build.hpp.
  SubtreeHashReader subtree_reader();

  const TreeState& state() const { return state_; }

 private:
  // A checked tile with the hashes of its complete inner subtrees:
  // heights[h][j] is the root of hashes [j * 2^h, (j + 1) * 2^h).
  struct CheckedTile {
    std::vector<std::vector<Hash>> heights;
  };

  util::Result<const CheckedTile*> checked_tile(int level, uint64_t index);
  util::Result<std::string> read_bundle_bytes(uint64_t index, uint64_t count);
  util::Result<Hash> subtree_hash(int level, uint64_t index);

  std::filesystem::path dir_;
  TreeState state_;
  std::map<std::pair<int, uint64_t>, CheckedTile> verified_;
};

// Writes the log's files. A batch is first prepared (its entries and tiles
// made durable after the batches prepared before it), then committed (the
// state file records it). Not thread-safe: prepare() and discard_prepared()
// run on one thread, commit() on one thread, and discard_prepared() only
// while no commit() runs, so that the next batch can be prepared while the
// previous one commits.
class TileWriter {
 public:
  struct Edge {
    std::vector<std::vector<Hash>> tiles;   // the rightmost tile of each level
    std::vector<uint64_t> tile_indices;     // and its index
    std::vector<uint64_t> written_widths;   // hashes of each already on disk
    std::string bundle;                     // the rightmost bundle's bytes
    uint64_t bundle_written_bytes = 0;
    uint64_t size = 0;
  };

  // A batch whose entries and tiles are durable but not yet part of the tree.
  struct PreparedBatch {
    uint64_t first_index = 0;
    uint64_t count = 0;
    TreeState state;  // the tree with this batch
    Edge edge;
  };

  // Opens the log directory, creating it when missing, and recovers from an
  // interrupted batch: files are cut back to the committed state, which is
  // then checked against the files (digests and root hash).
  // Errors: kStorage when files are unreadable or changed.
  static util::Result<std::unique_ptr<TileWriter>> open(const std::filesystem::path& dir);

  // Writes `entries` (each at most kMaxEntrySize bytes) after the last
  // prepared batch and makes them and the tiles they change durable
  // (fdatasync). Readers and recovery ignore them until commit(). On error
  // nothing is prepared. Errors: kInvalidInput for an oversized entry,
  // kStorage for I/O.
  util::Result<PreparedBatch> prepare(const std::vector<std::string>& entries);

  // Durably records a prepared batch in the state file. Batches must be
  // committed in the order prepared. On error call discard_prepared()
  // before preparing again. Errors: kStorage.
  util::Status commit(const PreparedBatch& batch);

  // Forgets prepared batches that were not committed.
  void discard_prepared();

  // prepare() and commit() in one call; on error nothing is committed.
  util::Status append(const std::vector<std::string>& entries);

  // The committed tree (read it on the commit() thread).
  const TreeState& state() const { return state_; }

  // Syncs since open, for measurements; safe to read from any thread.
  struct SyncCounts {
    uint64_t data_syncs = 0;       // fdatasync of tiles and entry bundles
    uint64_t directory_syncs = 0;  // fsync of directories that gained a file or folder
    uint64_t state_syncs = 0;      // fdatasync of the state file, one per commit
  };
  SyncCounts sync_counts() const {
    return {data_syncs_.load(std::memory_order_relaxed), directory_syncs_.load(std::memory_order_relaxed),
            state_syncs_.load(std::memory_order_relaxed)};
  }
  const std::filesystem::path& dir() const { return dir_; }

 private:
  struct PendingWrite {
    std::string path;  // relative to dir_
    uint64_t offset;
    std::string bytes;
  };

  explicit TileWriter(std::filesystem::path dir);
  util::Status recover();
  void add_leaf(Edge& edge, const std::string& entry, std::vector<PendingWrite>& writes);
  void add_hash(Edge& edge, int level, const Hash& hash, std::vector<PendingWrite>& writes);
  util::Status write_all_durably(const std::vector<PendingWrite>& writes);
  util::Status ensure_parent_directory(const std::filesystem::path& relative);
  TreeState state_from_edge(const Edge& edge) const;

  std::filesystem::path dir_;
  TreeState state_;
  uint64_t sequence_ = 0;  // commits written to the state file
  Edge edge_;              // of the committed tree
  Edge prepared_edge_;     // after the last prepared batch
  std::set<std::string> known_directories_;
  std::atomic<uint64_t> data_syncs_{0};
  std::atomic<uint64_t> directory_syncs_{0};
  std::atomic<uint64_t> state_syncs_{0};
};

// Root hash of the perfect subtree over `hashes` (a power-of-two count).
Hash perfect_subtree_root(const Hash* hashes, uint64_t count);

}  // namespace trustpcf::tlog
