// Proof construction over an in-memory tree, checked by the verifier and by
// a direct recursive computation of RFC 9162 root hashes.

#include <map>

#include <gtest/gtest.h>

#include "tlog/proof_build.hpp"
#include "tlog/proof_verify.hpp"

namespace trustpcf::tlog {
namespace {

// MTH(D[begin:end]) computed straight from the definition.
Hash reference_root(const std::vector<Hash>& leaves, uint64_t begin, uint64_t end) {
  if (end - begin == 1) return leaves[begin];
  uint64_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return hash_children(reference_root(leaves, begin, begin + k),
                       reference_root(leaves, begin + k, end));
}

class MemoryTree {
 public:
  explicit MemoryTree(uint64_t size) {
    for (uint64_t i = 0; i < size; ++i) leaves_.push_back(hash_leaf("entry " + std::to_string(i)));
  }
  SubtreeHashReader reader() {
    return [this](int level, uint64_t index) -> util::Result<Hash> {
      const uint64_t width = uint64_t{1} << level;
      return reference_root(leaves_, index * width, (index + 1) * width);
    };
  }
  const std::vector<Hash>& leaves() const { return leaves_; }

 private:
  std::vector<Hash> leaves_;
};

TEST(ProofBuild, TreeRootMatchesDefinition) {
  MemoryTree tree(70);
  for (uint64_t size = 1; size <= 70; ++size) {
    auto root = tree_root(tree.reader(), size);
    ASSERT_TRUE(root.ok());
    EXPECT_EQ(*root, reference_root(tree.leaves(), 0, size)) << "size " << size;
  }
}

TEST(ProofBuild, EmptyTreeRootIsHashOfNothing) {
  MemoryTree tree(0);
  auto root = tree_root(tree.reader(), 0);
  ASSERT_TRUE(root.ok());
  EXPECT_EQ(hash_hex(*root), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(ProofBuild, InclusionProofsVerifyForEverySize) {
  MemoryTree tree(40);
  for (uint64_t size = 1; size <= 40; ++size) {
    Hash root = reference_root(tree.leaves(), 0, size);
    for (uint64_t index = 0; index < size; ++index) {
      auto proof = inclusion_proof(tree.reader(), index, size);
      ASSERT_TRUE(proof.ok());
      util::Status status = verify_inclusion(index, size, tree.leaves()[index], *proof, root);
      EXPECT_TRUE(status.ok()) << "index " << index << " size " << size << ": "
                               << status.error().message();
    }
  }
}

TEST(ProofBuild, ConsistencyProofsVerifyForEveryPair) {
  MemoryTree tree(40);
  for (uint64_t size2 = 1; size2 <= 40; ++size2) {
    Hash root2 = reference_root(tree.leaves(), 0, size2);
    for (uint64_t size1 = 1; size1 <= size2; ++size1) {
      Hash root1 = reference_root(tree.leaves(), 0, size1);
      auto proof = consistency_proof(tree.reader(), size1, size2);
      ASSERT_TRUE(proof.ok());
      util::Status status = verify_consistency(size1, size2, *proof, root1, root2);
      EXPECT_TRUE(status.ok()) << size1 << " -> " << size2 << ": " << status.error().message();
    }
  }
}

TEST(ProofBuild, InclusionProofRejectsIndexOutsideTree) {
  MemoryTree tree(4);
  auto proof = inclusion_proof(tree.reader(), 4, 4);
  ASSERT_FALSE(proof.ok());
  EXPECT_EQ(proof.error().code(), util::ErrorCode::kInvalidInput);
}

TEST(ProofVerify, InclusionRejectsSwappedLeaf) {
  MemoryTree tree(8);
  Hash root = reference_root(tree.leaves(), 0, 8);
  auto proof = inclusion_proof(tree.reader(), 3, 8);
  ASSERT_TRUE(proof.ok());
  EXPECT_FALSE(verify_inclusion(3, 8, tree.leaves()[4], *proof, root).ok());
}

TEST(ProofVerify, ConsistencyRejectsForkedRoot) {
  MemoryTree tree(8);
  MemoryTree other(3);
  auto proof = consistency_proof(tree.reader(), 3, 8);
  ASSERT_TRUE(proof.ok());
  Hash forked = hash_leaf("not the log's tree");
  EXPECT_FALSE(verify_consistency(3, 8, *proof, forked, reference_root(tree.leaves(), 0, 8)).ok());
}

}  // namespace
}  // namespace trustpcf::tlog
