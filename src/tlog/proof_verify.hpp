#pragma once

// Verification of RFC 9162 inclusion and consistency proofs (sections 2.1.3.2
// and 2.1.4.2). Written by hand: no maintained C++ library offers it, and
// the algorithms are a few lines each. Every proof the product accepts,
// from its own log, from a peer or from a witness, goes through here.

#include <cstdint>
#include <string_view>
#include <vector>

#include "tlog/hash.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// Checks that `leaf_hash` is the leaf at `index` of the tree of `tree_size`
// entries whose root is `root`. Errors: kVerification saying which check
// failed (index outside the tree, proof too short or too long, root differs).
util::Status verify_inclusion(uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                              const std::vector<Hash>& proof, const Hash& root);

// Computes the root that an inclusion proof leads to. Errors: as above,
// except that no root is compared.
util::Result<Hash> root_from_inclusion_proof(uint64_t index, uint64_t tree_size,
                                             const Hash& leaf_hash,
                                             const std::vector<Hash>& proof);

// Checks that the tree of `size2` entries with root `root2` extends the tree
// of `size1` entries with root `root1`. Equal sizes need an empty proof and
// equal roots; size1 = 0 needs an empty proof and root1 equal to the empty
// tree's root. Errors: kVerification saying which check failed.
util::Status verify_consistency(uint64_t size1, uint64_t size2, const std::vector<Hash>& proof,
                                const Hash& root1, const Hash& root2);

// The same check on roots given as raw bytes, as published test vectors
// carry them: roots are compared as bytes and must be 32 bytes long only
// where the proof hashes into them.
util::Status verify_consistency(uint64_t size1, uint64_t size2, const std::vector<Hash>& proof,
                                std::string_view root1, std::string_view root2);

}  // namespace trustpcf::tlog
