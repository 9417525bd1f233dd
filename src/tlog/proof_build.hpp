#pragma once

// Construction of RFC 9162 root hashes, inclusion proofs and consistency
// proofs (sections 2.1.3.1 and 2.1.4.1) from stored hashes of complete
// subtrees, so that no proof needs the whole tree in memory.

#include <cstdint>
#include <functional>
#include <vector>

#include "tlog/hash.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// Returns the stored hash of the complete subtree of height `level` whose
// leaves are [index * 2^level, (index + 1) * 2^level). Level 0 is a leaf hash.
using SubtreeHashReader = std::function<util::Result<Hash>(int level, uint64_t index)>;

// Root hash of leaves [begin, end) as RFC 9162 defines it for any range that
// the tree's recursive split produces (begin a multiple of the largest power
// of two below end - begin). Precondition: begin < end.
util::Result<Hash> subtree_root(const SubtreeHashReader& read, uint64_t begin, uint64_t end);

// Root hash of the tree of the first `size` leaves (the empty root for 0).
util::Result<Hash> tree_root(const SubtreeHashReader& read, uint64_t size);

// Inclusion proof of leaf `index` in the tree of `size` leaves, leaf side
// first. Errors: kInvalidInput when index >= size; the reader's errors.
util::Result<std::vector<Hash>> inclusion_proof(const SubtreeHashReader& read, uint64_t index,
                                                uint64_t size);

// Consistency proof from the tree of `size1` leaves to that of `size2`.
// Empty when size1 = 0 or size1 = size2. Errors: kInvalidInput when
// size1 > size2; the reader's errors.
util::Result<std::vector<Hash>> consistency_proof(const SubtreeHashReader& read, uint64_t size1,
                                                  uint64_t size2);

}  // namespace trustpcf::tlog
