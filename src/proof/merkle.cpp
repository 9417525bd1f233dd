#include "proof/merkle.hpp"

#include <bit>

#include "tlog/proof_verify.hpp"

namespace trustpcf::proof {
namespace {

// Largest power of two strictly below n (n >= 2): RFC 9162's split point.
std::uint64_t split_point(std::uint64_t n) { return std::bit_floor(n - 1); }

MerkleHash root_of(const std::vector<MerkleHash>& leaf_hashes, std::size_t begin,
                   std::size_t end) {
  if (end - begin == 1) return leaf_hashes[begin];
  std::size_t middle = begin + split_point(end - begin);
  return merkle_node_hash(root_of(leaf_hashes, begin, middle), root_of(leaf_hashes, middle, end));
}

void path_of(const std::vector<MerkleHash>& leaf_hashes, std::size_t index, std::size_t begin,
             std::size_t end, std::vector<MerkleHash>& path) {
  if (end - begin == 1) return;
  std::size_t middle = begin + split_point(end - begin);
  if (index < middle) {
    path_of(leaf_hashes, index, begin, middle, path);
    path.push_back(root_of(leaf_hashes, middle, end));
  } else {
    path_of(leaf_hashes, index, middle, end, path);
    path.push_back(root_of(leaf_hashes, begin, middle));
  }
}

std::vector<MerkleHash> hash_leaves(const std::vector<std::string>& leaves) {
  std::vector<MerkleHash> hashes;
  hashes.reserve(leaves.size());
  for (const std::string& leaf : leaves) hashes.push_back(merkle_leaf_hash(leaf));
  return hashes;
}

}  // namespace

MerkleHash merkle_leaf_hash(std::string_view leaf) { return tlog::hash_leaf(leaf); }

MerkleHash merkle_node_hash(const MerkleHash& left, const MerkleHash& right) {
  return tlog::hash_children(left, right);
}

MerkleHash merkle_root(const std::vector<std::string>& leaves) {
  if (leaves.empty()) return tlog::empty_tree_root();
  std::vector<MerkleHash> hashes = hash_leaves(leaves);
  return root_of(hashes, 0, hashes.size());
}

util::Result<std::vector<MerkleHash>> merkle_inclusion_proof(const std::vector<std::string>& leaves,
                                                             std::uint64_t index) {
  if (index >= leaves.size()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "leaf index {} is outside the tree of {} leaves", index, leaves.size());
  }
  std::vector<MerkleHash> hashes = hash_leaves(leaves);
  std::vector<MerkleHash> path;
  path_of(hashes, index, 0, hashes.size(), path);
  return path;
}

util::Status merkle_verify_inclusion(std::string_view leaf, std::uint64_t index,
                                     std::uint64_t tree_size,
                                     const std::vector<MerkleHash>& proof,
                                     const MerkleHash& root) {
  return merkle_verify_inclusion_hash(merkle_leaf_hash(leaf), index, tree_size, proof, root);
}

util::Status merkle_verify_inclusion_hash(const MerkleHash& leaf_hash, std::uint64_t index,
                                          std::uint64_t tree_size,
                                          const std::vector<MerkleHash>& proof,
                                          const MerkleHash& root) {
  return tlog::verify_inclusion(index, tree_size, leaf_hash, proof, root);
}

}  // namespace trustpcf::proof
