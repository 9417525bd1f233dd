#include "proof/merkle.hpp"

#include <gtest/gtest.h>

#include "crypto/digest.hpp"
#include "crypto/encoding.hpp"

namespace trustpcf::proof {
namespace {

std::vector<std::string> leaves_of(std::size_t count) {
  std::vector<std::string> leaves;
  for (std::size_t i = 0; i < count; ++i) leaves.push_back("leaf " + std::to_string(i));
  return leaves;
}

// RFC 6962 / RFC 9162 reference tree: the eight test leaves of the
// certificate-transparency test data and their published roots.
TEST(MerkleRoot, MatchesPublishedRootOfReferenceTree) {
  std::vector<std::string> inputs = {"", "00", "10", "2021", "3031", "40414243",
                                     "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  std::vector<std::string> leaves;
  for (const auto& hex : inputs) {
    // NOTE: crypto::hex_decode("") passes a null buffer to libsodium, which
    // UBSan reports, so the empty leaf skips it.
    if (hex.empty()) {
      leaves.emplace_back();
      continue;
    }
    auto bytes = crypto::hex_decode(hex);
    ASSERT_TRUE(bytes.ok());
    leaves.push_back(crypto::to_string(*bytes));
  }
  EXPECT_EQ(crypto::to_hex(merkle_root(leaves)),
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  leaves.resize(1);
  EXPECT_EQ(crypto::to_hex(merkle_root(leaves)),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
}

TEST(MerkleRoot, EmptyTreeIsHashOfEmptyString) {
  EXPECT_EQ(crypto::to_hex(merkle_root({})),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(MerkleInclusion, EveryLeafOfEverySizeVerifies) {
  for (std::size_t size = 1; size <= 17; ++size) {
    auto leaves = leaves_of(size);
    MerkleHash root = merkle_root(leaves);
    for (std::size_t index = 0; index < size; ++index) {
      auto proof = merkle_inclusion_proof(leaves, index);
      ASSERT_TRUE(proof.ok());
      EXPECT_TRUE(merkle_verify_inclusion(leaves[index], index, size, *proof, root).ok())
          << "size " << size << " index " << index;
    }
  }
}

TEST(MerkleInclusion, WrongLeafFailsWithRootMismatch) {
  auto leaves = leaves_of(7);
  auto proof = merkle_inclusion_proof(leaves, 3);
  ASSERT_TRUE(proof.ok());
  util::Status status = merkle_verify_inclusion("leaf X", 3, 7, *proof, merkle_root(leaves));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), util::ErrorCode::kVerification);
  EXPECT_NE(status.error().message().find("leads to root"), std::string::npos);
}

TEST(MerkleInclusion, ShortProofFails) {
  auto leaves = leaves_of(8);
  auto proof = merkle_inclusion_proof(leaves, 2);
  ASSERT_TRUE(proof.ok());
  proof->pop_back();
  util::Status status = merkle_verify_inclusion(leaves[2], 2, 8, *proof, merkle_root(leaves));
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("too short"), std::string::npos);
}

TEST(MerkleInclusion, IndexOutsideTreeFails) {
  auto leaves = leaves_of(4);
  EXPECT_FALSE(merkle_inclusion_proof(leaves, 4).ok());
  util::Status status = merkle_verify_inclusion(leaves[0], 4, 4, {}, merkle_root(leaves));
  EXPECT_FALSE(status.ok());
}

}  // namespace
}  // namespace trustpcf::proof
