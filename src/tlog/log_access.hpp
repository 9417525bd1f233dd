#pragma once

// A transparency log as a command uses it: append entries, read the latest
// signed checkpoint and build proofs. LocalLogAccess opens the log in this
// process; the server module implements the same interface against a
// running node, which is then the log's only writer.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "tlog/log.hpp"

namespace trustpcf::tlog {

class LogAccess {
 public:
  virtual ~LogAccess() = default;

  // Appends one entry and returns its index once durable. Errors: those of
  // Log::append, kNetwork or kDenied from a remote node.
  virtual util::Result<uint64_t> append(std::string entry) = 0;

  // The latest signed checkpoint, its signature checked against the log key.
  virtual util::Result<SignedCheckpoint> checkpoint() = 0;

  // Proofs as Log builds them. A remote InclusionProof leaves `entry` empty.
  virtual util::Result<InclusionProof> prove_inclusion(uint64_t index, uint64_t tree_size) = 0;
  virtual util::Result<ConsistencyProof> prove_consistency(uint64_t size1, uint64_t size2) = 0;

  // The log's C2SP verifier key.
  virtual std::string verifier_key() const = 0;
};

// A log opened in this process. Owns the log when made from a unique_ptr.
class LocalLogAccess final : public LogAccess {
 public:
  explicit LocalLogAccess(std::unique_ptr<Log> log) : owned_(std::move(log)), log_(*owned_) {}
  explicit LocalLogAccess(Log& log) : log_(log) {}

  util::Result<uint64_t> append(std::string entry) override { return log_.append(std::move(entry)); }
  util::Result<SignedCheckpoint> checkpoint() override { return log_.checkpoint(); }
  util::Result<InclusionProof> prove_inclusion(uint64_t index, uint64_t tree_size) override {
    return log_.prove_inclusion(index, tree_size);
  }
  util::Result<ConsistencyProof> prove_consistency(uint64_t size1, uint64_t size2) override {
    return log_.prove_consistency(size1, size2);
  }
  std::string verifier_key() const override { return log_.key().verifier_key(); }

  Log& log() { return log_; }

 private:
  std::unique_ptr<Log> owned_;
  Log& log_;
};

// True when another open Log (in this or another process) holds the lock
// of the log in `dir`. A later Log::open may still race with a new holder.
bool log_is_open_elsewhere(const std::filesystem::path& dir);

}  // namespace trustpcf::tlog
