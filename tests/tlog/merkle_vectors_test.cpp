// The published RFC 6962 / RFC 9162 proof vectors, valid and invalid, run
// through the verifier the product uses.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/shared_data.hpp"
#include "tlog/proof_verify.hpp"

namespace trustpcf::tlog {
namespace {

namespace fs = std::filesystem;

// Decodes a vector's hash the way checkpoints and proof responses are
// decoded; a hash that does not decode makes the case fail verification.
util::Result<Hash> decode(const nlohmann::json& value) {
  return decode_base64_hash(value.get<std::string>(), "vector hash");
}

util::Status run_inclusion_case(const nlohmann::json& c) {
  TRUSTPCF_ASSIGN_OR_RETURN(Hash root, decode(c["root"]));
  TRUSTPCF_ASSIGN_OR_RETURN(Hash leaf, decode(c["leafHash"]));
  std::vector<Hash> proof;
  if (c["proof"].is_array()) {
    for (const auto& item : c["proof"]) {
      TRUSTPCF_ASSIGN_OR_RETURN(Hash hash, decode(item));
      proof.push_back(hash);
    }
  }
  return verify_inclusion(c["leafIdx"].get<uint64_t>(), c["treeSize"].get<uint64_t>(), leaf, proof,
                          root);
}

util::Status run_consistency_case(const nlohmann::json& c) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string root1, decode_base64(c["root1"].get<std::string>(), "root1"));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string root2, decode_base64(c["root2"].get<std::string>(), "root2"));
  std::vector<Hash> proof;
  if (c["proof"].is_array()) {
    for (const auto& item : c["proof"]) {
      TRUSTPCF_ASSIGN_OR_RETURN(Hash hash, decode(item));
      proof.push_back(hash);
    }
  }
  return verify_consistency(c["size1"].get<uint64_t>(), c["size2"].get<uint64_t>(), proof, root1,
                            root2);
}

std::vector<fs::path> json_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    if (item.is_regular_file() && item.path().extension() == ".json") files.push_back(item.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

nlohmann::json load(const fs::path& file) {
  std::ifstream in(file);
  return nlohmann::json::parse(in);
}

TEST(MerkleVectors, InclusionCasesMatchWantErr) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/merkle/inclusion");
  std::vector<fs::path> files = json_files(dir);
  ASSERT_GE(files.size(), 98u);
  for (const fs::path& file : files) {
    nlohmann::json c = load(file);
    util::Status status = run_inclusion_case(c);
    const bool want_error = c["wantErr"].get<bool>();
    EXPECT_EQ(!status.ok(), want_error)
        << file.lexically_relative(dir).string() << ": "
        << (status.ok() ? std::string("accepted") : status.error().message());
  }
}

TEST(MerkleVectors, ConsistencyCasesMatchWantErr) {
  TRUSTPCF_REQUIRE_SHARED(dir, "vectors/merkle/consistency");
  std::vector<fs::path> files = json_files(dir);
  ASSERT_GE(files.size(), 97u);
  for (const fs::path& file : files) {
    nlohmann::json c = load(file);
    util::Status status = run_consistency_case(c);
    const bool want_error = c["wantErr"].get<bool>();
    EXPECT_EQ(!status.ok(), want_error)
        << file.lexically_relative(dir).string() << ": "
        << (status.ok() ? std::string("accepted") : status.error().message());
  }
}

}  // namespace
}  // namespace trustpcf::tlog
