#pragma once

// RFC 9162 Merkle tree hashing over a batch held in memory: leaf hash
// SHA-256(0x00 || leaf), node hash SHA-256(0x01 || left || right), the
// largest power of two below n splits a tree of n leaves. Evidence batches
// commit to their record digests with it, and bundles carry inclusion proofs
// for the records an owner discloses.
//
// Hashing and proof verification are tlog's; this file adds building roots
// and inclusion proofs over leaves in memory, which tlog does from its tiles.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tlog/hash.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

using MerkleHash = tlog::Hash;

MerkleHash merkle_leaf_hash(std::string_view leaf);
MerkleHash merkle_node_hash(const MerkleHash& left, const MerkleHash& right);

// Root of the tree over `leaves` (raw leaf bytes). The empty tree's root is
// SHA-256 of the empty string.
MerkleHash merkle_root(const std::vector<std::string>& leaves);

// Inclusion proof (audit path) of leaf `index`, ordered from the leaf up.
// Errors: kInvalidInput when `index` is outside the tree.
util::Result<std::vector<MerkleHash>> merkle_inclusion_proof(const std::vector<std::string>& leaves,
                                                             std::uint64_t index);

// Checks that `leaf` is leaf `index` of the tree of `tree_size` leaves with
// `root`. Errors: kVerification saying whether the index, the proof length or
// the root is wrong.
util::Status merkle_verify_inclusion(std::string_view leaf, std::uint64_t index,
                                     std::uint64_t tree_size,
                                     const std::vector<MerkleHash>& proof,
                                     const MerkleHash& root);

// Same check for a leaf given by its leaf hash.
util::Status merkle_verify_inclusion_hash(const MerkleHash& leaf_hash, std::uint64_t index,
                                          std::uint64_t tree_size,
                                          const std::vector<MerkleHash>& proof,
                                          const MerkleHash& root);

}  // namespace trustpcf::proof
