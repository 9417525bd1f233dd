#include "tlog/log.hpp"
#include "tlog/log_access.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <spdlog/spdlog.h>

#include "tlog/proof_build.hpp"
#include "tlog/tile_files.hpp"
#include "util/files.hpp"

namespace trustpcf::tlog {

namespace fs = std::filesystem;

util::Result<NoteSigner> load_or_create_log_key(const fs::path& dir, const std::string& origin) {
  const fs::path file = dir / kLogKeyFileName;
  std::error_code ec;
  if (fs::exists(file, ec)) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(file));
    util::Result<NoteSigner> key = NoteSigner::from_private_key_text(text);
    if (!key.ok()) return key.error().with_context(fmt::format("log key '{}'", file.string()));
    return key;
  }

  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(dir, 0700));
  TRUSTPCF_ASSIGN_OR_RETURN(NoteSigner key, NoteSigner::generate(origin));
  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(file, key.to_private_key_text() + "\n", 0600));
  spdlog::info("tlog key created origin={} key_id={:08x}", key.name(), key.key_id());
  return key;
}

Log::Log(fs::path dir, NoteSigner key, LogOptions options, std::unique_ptr<TileWriter> writer)
    : dir_(std::move(dir)),
      key_(std::move(key)),
      options_(options),
      writer_(std::move(writer)) {}

namespace {

// Takes an exclusive lock on <dir>/lock, so that two processes (a running
// `trustpcf serve` and a `trustpcf publish`, say) never write one log at
// once. The kernel drops the lock when the process dies.
util::Result<int> lock_log_directory(const fs::path& dir) {
  std::error_code ignored;
  fs::create_directories(dir, ignored);
  fs::path path = dir / "lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return util::make_error(util::ErrorCode::kStorage, "cannot open log lock '{}': {}", path.string(),
                            std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return util::make_error(util::ErrorCode::kStorage,
                            "the transparency log in '{}' is open in another process (a running "
                            "`trustpcf serve`?); stop that process or run the command there",
                            dir.string());
  }
  return fd;
}

}  // namespace

bool log_is_open_elsewhere(const fs::path& dir) {
  const fs::path path = dir / "lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;  // no lock file: the log was never opened
  const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // closing drops the lock if this call took it
  return locked;
}

util::Result<std::unique_ptr<Log>> Log::open(const fs::path& dir, NoteSigner key,
                                             LogOptions options) {
  if (options.max_batch_entries == 0) options.max_batch_entries = 1;
  TRUSTPCF_ASSIGN_OR_RETURN(int lock_fd, lock_log_directory(dir));
  auto writer = TileWriter::open(dir);
  if (!writer.ok()) {
    ::close(lock_fd);
    return writer.error();
  }
  std::unique_ptr<Log> log(new Log(dir, std::move(key), options, std::move(writer).value()));
  log->lock_fd_ = lock_fd;
  log->publish(log->writer_->state());
  log->committer_ = std::thread([raw = log.get()] { raw->run_committer(); });
  log->sequencer_ = std::thread([raw = log.get()] { raw->run_sequencer(); });
  return log;
}

Log::~Log() {
  {
    std::lock_guard lock(queue_mutex_);
    stopping_ = true;
  }
  queue_changed_.notify_all();
  if (sequencer_.joinable()) sequencer_.join();
  {
    std::lock_guard lock(commit_mutex_);
    commit_stopping_ = true;
  }
  commit_changed_.notify_all();
  if (committer_.joinable()) committer_.join();
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

void Log::publish(const TreeState& state) {
  Checkpoint checkpoint{key_.name(), state.size, state.root, {}};
  SignedCheckpoint signed_checkpoint{checkpoint, sign_checkpoint(checkpoint, key_)};
  std::lock_guard lock(state_mutex_);
  state_ = state;
  checkpoint_ = std::move(signed_checkpoint);
}

void Log::run_sequencer() {
  while (true) {
    {
      // Keep at most kMaxPreparedBatches waiting for the committer.
      std::unique_lock lock(commit_mutex_);
      commit_changed_.wait(lock, [this] {
        return commit_failed_ || commit_queue_.size() < kMaxPreparedBatches;
      });
    }

    std::vector<Request> batch;
    {
      std::unique_lock lock(queue_mutex_);
      queue_changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every queued entry is done
      if (options_.batch_linger.count() > 0) {
        queue_changed_.wait_for(lock, options_.batch_linger, [this] {
          return stopping_ || queue_.size() >= options_.max_batch_entries;
        });
      }
      const size_t count = std::min(queue_.size(), options_.max_batch_entries);
      for (size_t i = 0; i < count; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }

    std::vector<std::string> entries;
    entries.reserve(batch.size());
    for (Request& request : batch) entries.push_back(std::move(request.entry));

    {
      // After a failed commit, the batches prepared on top of it are void:
      // wait until the committer has failed them, then start again from the
      // committed tree. Checked after taking the batch, so that an append
      // made after a writer saw the failure is never voided by it.
      std::unique_lock lock(commit_mutex_);
      if (commit_failed_) {
        commit_changed_.wait(lock, [this] { return commit_queue_.empty() && !committing_; });
        writer_->discard_prepared();
        commit_failed_ = false;
      }
    }

    util::Result<TileWriter::PreparedBatch> prepared = writer_->prepare(entries);
    if (!prepared.ok()) {
      spdlog::error("tlog batch failed dir={} entries={} error={}", dir_.string(), entries.size(),
                    prepared.error().message());
      for (Request& request : batch) request.result.set_value(prepared.error());
      continue;
    }
    {
      std::lock_guard lock(commit_mutex_);
      commit_queue_.push_back({std::move(*prepared), std::move(batch)});
    }
    commit_changed_.notify_all();
  }
}

void Log::run_committer() {
  while (true) {
    PreparedRequests item;
    bool void_batch = false;
    {
      std::unique_lock lock(commit_mutex_);
      commit_changed_.wait(lock, [this] { return commit_stopping_ || !commit_queue_.empty(); });
      if (commit_queue_.empty()) return;  // stopping, and every batch is done
      item = std::move(commit_queue_.front());
      commit_queue_.pop_front();
      void_batch = commit_failed_;
      committing_ = !void_batch;
    }
    // The queue has room again: the sequencer may prepare the next batch.
    commit_changed_.notify_all();

    util::Status status;
    if (void_batch) {
      status = util::Error(util::ErrorCode::kStorage,
                           "log batch discarded because an earlier batch failed to commit");
    } else {
      status = writer_->commit(item.batch);
    }

    if (!status.ok()) {
      // Recorded before any writer hears of the failure (see run_sequencer).
      std::lock_guard lock(commit_mutex_);
      commit_failed_ = true;
    }
    if (status.ok()) {
      publish(item.batch.state);
      {
        std::lock_guard lock(state_mutex_);
        committed_batches_ += 1;
        committed_entries_ += item.batch.count;
      }
      spdlog::debug("tlog batch committed entries={} tree_size={}", item.batch.count,
                    item.batch.state.size);
      for (size_t i = 0; i < item.requests.size(); ++i) {
        item.requests[i].result.set_value(item.batch.first_index + i);
      }
    } else {
      spdlog::error("tlog commit failed dir={} entries={} error={}", dir_.string(),
                    item.batch.count, status.error().message());
      for (Request& request : item.requests) request.result.set_value(status.error());
    }

    {
      std::lock_guard lock(commit_mutex_);
      committing_ = false;
    }
    commit_changed_.notify_all();
  }
}

std::future<util::Result<uint64_t>> Log::append_async(std::string entry) {
  Request request;
  request.entry = std::move(entry);
  std::future<util::Result<uint64_t>> future = request.result.get_future();
  if (request.entry.size() > kMaxEntrySize) {
    request.result.set_value(util::make_error(
        util::ErrorCode::kInvalidInput,
        "log entry of {} bytes is larger than the {} bytes an entry bundle can hold; log a "
        "digest of the content instead",
        request.entry.size(), kMaxEntrySize));
    return future;
  }
  {
    std::lock_guard lock(queue_mutex_);
    queue_.push_back(std::move(request));
  }
  queue_changed_.notify_one();
  return future;
}

util::Result<uint64_t> Log::append(std::string entry) {
  return append_async(std::move(entry)).get();
}

SignedCheckpoint Log::checkpoint() const {
  std::lock_guard lock(state_mutex_);
  return checkpoint_;
}

LogStats Log::stats() const {
  const TileWriter::SyncCounts syncs = writer_->sync_counts();
  std::lock_guard lock(state_mutex_);
  return {committed_batches_, committed_entries_, syncs.data_syncs, syncs.directory_syncs,
          syncs.state_syncs};
}

TreeState Log::state() const {
  std::lock_guard lock(state_mutex_);
  return state_;
}

util::Status Log::check_size(uint64_t tree_size, const TreeState& state) const {
  if (tree_size > state.size) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "tree size {} is larger than the log's size {}", tree_size,
                            state.size);
  }
  return {};
}

util::Result<InclusionProof> Log::prove_inclusion(uint64_t index, uint64_t tree_size) const {
  TreeState state = this->state();
  if (tree_size == 0) tree_size = state.size;
  TRUSTPCF_RETURN_IF_ERROR(check_size(tree_size, state));
  if (index >= tree_size) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "index {} is not in the tree of size {}; use an index below {}",
                            index, tree_size, tree_size);
  }

  TileReader reader(dir_, state);
  InclusionProof proof;
  proof.index = index;
  proof.tree_size = tree_size;
  TRUSTPCF_ASSIGN_OR_RETURN(proof.entry, reader.entry(index));
  proof.leaf_hash = hash_leaf(proof.entry);
  TRUSTPCF_ASSIGN_OR_RETURN(proof.hashes,
                            inclusion_proof(reader.subtree_reader(), index, tree_size));
  TRUSTPCF_ASSIGN_OR_RETURN(proof.root, tree_root(reader.subtree_reader(), tree_size));
  return proof;
}

util::Result<ConsistencyProof> Log::prove_consistency(uint64_t size1, uint64_t size2) const {
  TreeState state = this->state();
  TRUSTPCF_RETURN_IF_ERROR(check_size(size2, state));
  TileReader reader(dir_, state);
  ConsistencyProof proof;
  proof.size1 = size1;
  proof.size2 = size2;
  TRUSTPCF_ASSIGN_OR_RETURN(proof.hashes, consistency_proof(reader.subtree_reader(), size1, size2));
  TRUSTPCF_ASSIGN_OR_RETURN(proof.root1, tree_root(reader.subtree_reader(), size1));
  TRUSTPCF_ASSIGN_OR_RETURN(proof.root2, tree_root(reader.subtree_reader(), size2));
  return proof;
}

util::Result<Hash> Log::root_at(uint64_t tree_size) const {
  TreeState state = this->state();
  TRUSTPCF_RETURN_IF_ERROR(check_size(tree_size, state));
  TileReader reader(dir_, state);
  TRUSTPCF_ASSIGN_OR_RETURN(Hash root, tree_root(reader.subtree_reader(), tree_size));
  if (tree_size == state.size && root != state.root) {
    return util::make_error(util::ErrorCode::kStorage,
                            "the tiles give root {} for size {} but the log's state records {}; "
                            "a tile was changed",
                            hash_hex(root), tree_size, hash_hex(state.root));
  }
  return root;
}

util::Result<std::string> Log::read_entry(uint64_t index) const {
  TreeState state = this->state();
  if (index >= state.size) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "entry {} does not exist; the log has {} entries", index, state.size);
  }
  TileReader reader(dir_, state);
  return reader.entry(index);
}

util::Result<std::string> Log::read_resource(const TileId& tile) const {
  TreeState state = this->state();
  TileReader reader(dir_, state);
  const uint64_t committed = tile_width(state.size, tile.level, tile.index);
  if (tile.width > committed) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "{} does not exist; the tree of size {} has width {} there",
                            tile_path(tile), state.size, committed);
  }

  std::string out;
  if (tile.entries) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::vector<std::string> entries, reader.bundle(tile.index));
    for (uint64_t i = 0; i < tile.width; ++i) detail::append_bundle_entry(out, entries[i]);
  } else {
    TRUSTPCF_ASSIGN_OR_RETURN(const std::vector<Hash>* hashes, reader.tile(tile.level, tile.index));
    out.assign(reinterpret_cast<const char*>(hashes->data()), tile.width * kHashSize);
  }
  return out;
}

}  // namespace trustpcf::tlog
