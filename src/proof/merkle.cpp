#include "proof/merkle.hpp"

#include <bit>

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr char kLeafPrefix = 0x00;
constexpr char kNodePrefix = 0x01;

// Largest power of two strictly below n (n >= 2).
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

MerkleHash merkle_leaf_hash(std::string_view leaf) {
  std::string buffer(1, kLeafPrefix);
  buffer.append(leaf);
  return crypto::sha256(buffer);
}

MerkleHash merkle_node_hash(const MerkleHash& left, const MerkleHash& right) {
  std::string buffer(1, kNodePrefix);
  buffer.append(reinterpret_cast<const char*>(left.data()), left.size());
  buffer.append(reinterpret_cast<const char*>(right.data()), right.size());
  return crypto::sha256(buffer);
}

MerkleHash merkle_root(const std::vector<std::string>& leaves) {
  if (leaves.empty()) return crypto::sha256(std::string_view());
  std::vector<MerkleHash> hashes = hash_leaves(leaves);
  return root_of(hashes, 0, hashes.size());
}

util::Result<std::vector<MerkleHash>> merkle_inclusion_proof(const std::vector<std::string>& leaves,
                                                             std::uint64_t index) {
  if (index >= leaves.size()) {
    return make_error(ErrorCode::kInvalidInput,
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

// The RFC 9162 section 2.1.3.2 algorithm: walk up from the leaf, taking each
// proof hash as a left or right sibling by the bits of the index.
util::Status merkle_verify_inclusion_hash(const MerkleHash& leaf_hash, std::uint64_t index,
                                          std::uint64_t tree_size,
                                          const std::vector<MerkleHash>& proof,
                                          const MerkleHash& root) {
  if (index >= tree_size) {
    return make_error(ErrorCode::kVerification,
                      "inclusion proof: leaf index {} is outside the tree of size {}", index,
                      tree_size);
  }
  std::uint64_t fn = index;
  std::uint64_t sn = tree_size - 1;
  MerkleHash r = leaf_hash;
  for (const MerkleHash& p : proof) {
    if (sn == 0) {
      return make_error(ErrorCode::kVerification,
                        "inclusion proof: {} hashes is too long for leaf {} of tree size {}",
                        proof.size(), index, tree_size);
    }
    if ((fn & 1) == 1 || fn == sn) {
      r = merkle_node_hash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = merkle_node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return make_error(ErrorCode::kVerification,
                      "inclusion proof: {} hashes is too short for leaf {} of tree size {}",
                      proof.size(), index, tree_size);
  }
  if (r != root) {
    return make_error(ErrorCode::kVerification,
                      "inclusion proof: leaf {} leads to root {}, expected root {}", index,
                      crypto::to_hex(r), crypto::to_hex(root));
  }
  return util::Status();
}

}  // namespace trustpcf::proof
