#include "tlog/proof_verify.hpp"

namespace trustpcf::tlog {

namespace {

util::Error proof_error(const std::string& message) {
  return util::Error(util::ErrorCode::kVerification, message);
}

bool lowest_bit_set(uint64_t value) { return (value & 1) != 0; }

std::string_view hash_bytes(const Hash& hash) {
  return std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size());
}

}  // namespace

util::Result<Hash> root_from_inclusion_proof(uint64_t index, uint64_t tree_size,
                                             const Hash& leaf_hash,
                                             const std::vector<Hash>& proof) {
  if (index >= tree_size) {
    return proof_error(fmt::format("inclusion proof: leaf index {} is outside a tree of size {}",
                                   index, tree_size));
  }

  // fn walks the leaf's position up the tree and sn the last leaf's, so the
  // bits of both tell on which side each proof hash sits.
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  Hash root = leaf_hash;
  for (const Hash& sibling : proof) {
    if (sn == 0) {
      return proof_error(fmt::format(
          "inclusion proof for leaf {} in a tree of size {} has more than the {} hashes it needs",
          index, tree_size, proof.size()));
    }
    if (lowest_bit_set(fn) || fn == sn) {
      root = hash_children(sibling, root);
      while (!lowest_bit_set(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      root = hash_children(root, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }

  if (sn != 0) {
    return proof_error(fmt::format(
        "inclusion proof for leaf {} in a tree of size {} is too short ({} hashes)", index,
        tree_size, proof.size()));
  }
  return root;
}

util::Status verify_inclusion(uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                              const std::vector<Hash>& proof, const Hash& root) {
  TRUSTPCF_ASSIGN_OR_RETURN(Hash computed,
                            root_from_inclusion_proof(index, tree_size, leaf_hash, proof));
  if (computed != root) {
    return proof_error(fmt::format(
        "inclusion proof for leaf {} leads to root {} but the tree of size {} has root {}", index,
        hash_hex(computed), tree_size, hash_hex(root)));
  }
  return {};
}

util::Status verify_consistency(uint64_t size1, uint64_t size2, const std::vector<Hash>& proof,
                                const Hash& root1, const Hash& root2) {
  return verify_consistency(size1, size2, proof, hash_bytes(root1), hash_bytes(root2));
}

util::Status verify_consistency(uint64_t size1, uint64_t size2, const std::vector<Hash>& proof,
                                std::string_view root1_bytes, std::string_view root2_bytes) {
  if (size1 > size2) {
    return proof_error(fmt::format(
        "consistency proof: the first tree (size {}) is larger than the second (size {})", size1,
        size2));
  }
  if (size1 == size2) {
    if (!proof.empty()) {
      return proof_error(fmt::format(
          "consistency proof between two trees of size {} must be empty; it has {} hashes", size1,
          proof.size()));
    }
    if (root1_bytes != root2_bytes) {
      return proof_error(fmt::format("two trees of size {} have different roots", size1));
    }
    return {};
  }
  if (size1 == 0) {
    // Every tree extends the empty tree; RFC 9162 defines no proof for it.
    if (!proof.empty()) {
      return proof_error(fmt::format(
          "consistency proof from the empty tree must be empty; it has {} hashes", proof.size()));
    }
    if (root1_bytes != hash_bytes(empty_tree_root())) {
      return proof_error("the root given for a tree of size 0 is not the empty tree's root");
    }
    return {};
  }
  TRUSTPCF_ASSIGN_OR_RETURN(Hash root1, hash_from_bytes(root1_bytes, "first root"));
  TRUSTPCF_ASSIGN_OR_RETURN(Hash root2, hash_from_bytes(root2_bytes, "second root"));
  if (proof.empty()) {
    return proof_error(fmt::format("consistency proof from size {} to size {} is empty", size1,
                                   size2));
  }

  // When the first tree is a complete subtree, its root is the proof's
  // implicit first hash.
  std::vector<Hash> path;
  path.reserve(proof.size() + 1);
  if ((size1 & (size1 - 1)) == 0) path.push_back(root1);
  path.insert(path.end(), proof.begin(), proof.end());

  uint64_t fn = size1 - 1;
  uint64_t sn = size2 - 1;
  while (lowest_bit_set(fn)) {
    fn >>= 1;
    sn >>= 1;
  }

  Hash first = path[0];
  Hash second = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& hash = path[i];
    if (sn == 0) {
      return proof_error(fmt::format(
          "consistency proof from size {} to size {} has more hashes ({}) than it needs", size1,
          size2, proof.size()));
    }
    if (lowest_bit_set(fn) || fn == sn) {
      first = hash_children(hash, first);
      second = hash_children(hash, second);
      while (!lowest_bit_set(fn) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      second = hash_children(second, hash);
    }
    fn >>= 1;
    sn >>= 1;
  }

  if (sn != 0) {
    return proof_error(fmt::format("consistency proof from size {} to size {} is too short ({} "
                                   "hashes)",
                                   size1, size2, proof.size()));
  }
  if (first != root1) {
    return proof_error(fmt::format(
        "consistency proof from size {} to size {} leads to first root {}, expected {}", size1,
        size2, hash_hex(first), hash_hex(root1)));
  }
  if (second != root2) {
    return proof_error(fmt::format(
        "consistency proof from size {} to size {} leads to second root {}, expected {}", size1,
        size2, hash_hex(second), hash_hex(root2)));
  }
  return {};
}

}  // namespace trustpcf::tlog
