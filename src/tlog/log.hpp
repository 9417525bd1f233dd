#pragma once

// The node's transparency log: an append-only RFC 9162 Merkle tree stored as
// C2SP tiles (tile_storage.hpp). A sequencer thread batches appends so that
// concurrent writers share the fsyncs and makes each batch's entries and
// tiles durable. A committer thread then records the batch in the state
// file, signs a checkpoint with the log's Ed25519 key and acknowledges the
// writers, while the sequencer already writes the next batch.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tlog/checkpoint.hpp"
#include "tlog/note.hpp"
#include "tlog/tile_storage.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// Maximum entries written in one batch. It bounds the memory of a batch and
// the time the queue waits for one batch. With one writer thread per client
// request, a batch is as large as the number of writers waiting.
inline constexpr size_t kMaxBatchEntries = 4096;

// How long the sequencer waits for more entries after the first one of a
// batch. Zero: a batch is what queued up while the previous batch was being
// made durable, which already shares fsyncs among concurrent writers without
// adding latency for a lone writer.
inline constexpr std::chrono::microseconds kBatchLinger{0};

// Batches prepared but not yet committed that the sequencer may run ahead
// by. One lets a batch's data fsyncs overlap the previous batch's state
// fsync; more would only hold more unacknowledged entries in flight.
inline constexpr size_t kMaxPreparedBatches = 1;

// Name of the log's private key file in the log directory (mode 0600).
inline constexpr const char* kLogKeyFileName = "key";

struct LogOptions {
  size_t max_batch_entries = kMaxBatchEntries;
  std::chrono::microseconds batch_linger = kBatchLinger;
};

// An inclusion proof with what a verifier needs beside it.
struct InclusionProof {
  uint64_t index = 0;
  uint64_t tree_size = 0;
  Hash leaf_hash{};
  Hash root{};
  std::vector<Hash> hashes;
  std::string entry;  // the entry's bytes, checked against leaf_hash
};

struct ConsistencyProof {
  uint64_t size1 = 0;
  uint64_t size2 = 0;
  Hash root1{};
  Hash root2{};
  std::vector<Hash> hashes;
};

// Work done since the log opened, for measurements (bench/tlog_bench.cpp).
struct LogStats {
  uint64_t batches = 0;          // batches committed
  uint64_t entries = 0;          // entries committed
  uint64_t data_syncs = 0;       // fdatasync calls on tiles and entry bundles
  uint64_t directory_syncs = 0;  // fsync calls on directories
  uint64_t state_syncs = 0;      // fdatasync calls on the state file
};

// The latest signed checkpoint.
struct SignedCheckpoint {
  Checkpoint checkpoint;
  std::string note;  // the signed note text, as served at /checkpoint
};

// Loads the log key from <dir>/key, or creates one named `origin` with mode
// 0600 when the file is missing. Errors: kInvalidInput for a malformed key
// file or origin, kStorage when it cannot be written.
util::Result<NoteSigner> load_or_create_log_key(const std::filesystem::path& dir,
                                                const std::string& origin);

// Thread-safe: any thread may append, read and prove at any time.
class Log {
 public:
  // Opens (or creates) the log in `dir`, recovering from an interrupted
  // batch, and starts the sequencer. `key` signs checkpoints; its name is
  // the origin. Errors: those of TileWriter::open.
  static util::Result<std::unique_ptr<Log>> open(const std::filesystem::path& dir, NoteSigner key,
                                                 LogOptions options = {});

  // Finishes the queued appends, then stops the sequencer.
  ~Log();
  Log(const Log&) = delete;
  Log& operator=(const Log&) = delete;

  // Appends one entry and returns its index once the entry, the tiles it
  // changed and the new tree size are on disk. Errors: kInvalidInput for an
  // entry above kMaxEntrySize bytes, kStorage for I/O (nothing committed).
  util::Result<uint64_t> append(std::string entry);

  // The same, without blocking: the future holds the index once durable.
  std::future<util::Result<uint64_t>> append_async(std::string entry);

  // The checkpoint of the latest committed batch, signed when it committed.
  // Files are checked when the log opens and on every read, not here.
  SignedCheckpoint checkpoint() const;

  // The committed tree state.
  TreeState state() const;

  // Inclusion proof of `index` in the tree of `tree_size` leaves (0: the
  // current size). Each call reads and checks the tiles it needs, and
  // nothing is cached between calls. Errors: kInvalidInput for an index or
  // size outside the log. kStorage naming the tile or bundle when a file
  // was changed.
  util::Result<InclusionProof> prove_inclusion(uint64_t index, uint64_t tree_size = 0) const;

  // Consistency proof between two sizes up to the current one. Errors: as above.
  util::Result<ConsistencyProof> prove_consistency(uint64_t size1, uint64_t size2) const;

  // Root hash of the tree of `tree_size` leaves. Errors: as above.
  util::Result<Hash> root_at(uint64_t tree_size) const;

  // The entry at `index`, checked against its leaf hash. Errors: as above.
  util::Result<std::string> read_entry(uint64_t index) const;

  // The bytes of a tile or entry bundle as C2SP tlog-tiles serves them: a
  // partial resource may be requested at any width up to the committed one.
  // Errors: kNotFound beyond the tree, kStorage for changed files.
  util::Result<std::string> read_resource(const TileId& tile) const;

  const NoteSigner& key() const { return key_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Counts of batches, entries and syncs since open; any thread.
  LogStats stats() const;

 private:
  struct Request {
    std::string entry;
    std::promise<util::Result<uint64_t>> result;
  };

  int lock_fd_ = -1;  // holds an exclusive flock on <dir>/lock while open

  Log(std::filesystem::path dir, NoteSigner key, LogOptions options,
      std::unique_ptr<TileWriter> writer);
  struct PreparedRequests {
    TileWriter::PreparedBatch batch;
    std::vector<Request> requests;
  };

  void run_sequencer();
  void run_committer();
  void publish(const TreeState& state);
  util::Status check_size(uint64_t tree_size, const TreeState& state) const;

  const std::filesystem::path dir_;
  const NoteSigner key_;
  const LogOptions options_;
  // prepare() and discard_prepared() on the sequencer thread, commit() on
  // the committer thread.
  std::unique_ptr<TileWriter> writer_;

  mutable std::mutex state_mutex_;
  TreeState state_;
  SignedCheckpoint checkpoint_;
  uint64_t committed_batches_ = 0;  // guarded by state_mutex_
  uint64_t committed_entries_ = 0;  // guarded by state_mutex_

  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::deque<Request> queue_;
  bool stopping_ = false;
  std::thread sequencer_;

  // Hand-over from the sequencer to the committer.
  std::mutex commit_mutex_;
  std::condition_variable commit_changed_;
  std::deque<PreparedRequests> commit_queue_;
  bool committing_ = false;       // the committer is writing a batch
  bool commit_failed_ = false;    // a commit failed; later prepared batches are void
  bool commit_stopping_ = false;
  std::thread committer_;
};

}  // namespace trustpcf::tlog
