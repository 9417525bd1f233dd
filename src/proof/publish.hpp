#pragma once

// Publication of a footprint: its digest and its credential's digest are
// appended as one entry (disclosure_entry.hpp) to the node's transparency
// log, and the entry's inclusion proof and the signed checkpoint it leads to
// are added to the bundle.

#include <memory>
#include <string>
#include <vector>

#include "crypto/ed25519.hpp"
#include "proof/bundle.hpp"
#include "proof/merkle.hpp"
#include "store/database.hpp"

namespace trustpcf::proof {

// What publish needs from a transparency log.
class DisclosureLog {
 public:
  virtual ~DisclosureLog() = default;
  // Appends `entry` durably and returns its index.
  virtual util::Result<std::uint64_t> append(const std::string& entry) = 0;
  // The signed checkpoint (C2SP signed note) of the current tree.
  virtual util::Result<std::string> checkpoint() = 0;
  // The inclusion proof of `index` in the tree of `size` entries.
  virtual util::Result<std::vector<MerkleHash>> inclusion_proof(std::uint64_t index,
                                                                std::uint64_t size) = 0;
  // The log's C2SP verifier key.
  virtual std::string verifier_key() const = 0;
};

// A log kept in the proof module's SQLite table proof_log_entries, with
// checkpoints signed by `key` under `origin`.
// NOTE: a stand-in until the tlog module (tiles, batched fsync, witnesses)
// is on main: it rebuilds the tree from every entry for each proof, which is
// fine for thousands of entries, not millions. Swap it for tlog's log.
class StoreDisclosureLog : public DisclosureLog {
 public:
  StoreDisclosureLog(store::Database& db, crypto::Ed25519KeyPair key, std::string origin);

  util::Result<std::uint64_t> append(const std::string& entry) override;
  util::Result<std::string> checkpoint() override;
  util::Result<std::vector<MerkleHash>> inclusion_proof(std::uint64_t index,
                                                        std::uint64_t size) override;
  std::string verifier_key() const override;

 private:
  util::Result<std::vector<std::string>> entries(std::uint64_t limit);

  store::Database& db_;
  crypto::Ed25519KeyPair key_;
  std::string origin_;
};

// The default log origin of a node whose log key is `key`.
std::string default_log_origin(const crypto::Ed25519PublicKey& key);

// Appends the bundle's disclosure entry, signed by nobody but carried by the
// log, and adds the inclusion proof and checkpoint. `participant` is the
// publisher's did:key and `now` RFC 3339. Errors: from the log.
util::Status publish(Bundle& bundle, DisclosureLog& log, const std::string& participant,
                     const std::string& now);

}  // namespace trustpcf::proof
