#include "tlog/proof_build.hpp"

#include <bit>

namespace trustpcf::tlog {

namespace {

// Largest power of two strictly below n. Precondition: n > 1.
uint64_t split_point(uint64_t n) { return std::bit_floor(n - 1); }

// Appends SUBPROOF(m, D[begin:end], complete) of RFC 9162 section 2.1.4.1.
util::Status append_subproof(const SubtreeHashReader& read, uint64_t m, uint64_t begin,
                             uint64_t end, bool complete, std::vector<Hash>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!complete) {
      TRUSTPCF_ASSIGN_OR_RETURN(Hash root, subtree_root(read, begin, end));
      out.push_back(root);
    }
    return {};
  }

  const uint64_t k = split_point(n);
  if (m <= k) {
    TRUSTPCF_RETURN_IF_ERROR(append_subproof(read, m, begin, begin + k, complete, out));
    TRUSTPCF_ASSIGN_OR_RETURN(Hash right, subtree_root(read, begin + k, end));
    out.push_back(right);
  } else {
    TRUSTPCF_RETURN_IF_ERROR(append_subproof(read, m - k, begin + k, end, false, out));
    TRUSTPCF_ASSIGN_OR_RETURN(Hash left, subtree_root(read, begin, begin + k));
    out.push_back(left);
  }
  return {};
}

}  // namespace

util::Result<Hash> subtree_root(const SubtreeHashReader& read, uint64_t begin, uint64_t end) {
  assert(begin < end && "subtree_root of an empty range");
  const uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    return read(std::countr_zero(n), begin / n);
  }

  const uint64_t k = split_point(n);
  TRUSTPCF_ASSIGN_OR_RETURN(Hash left, subtree_root(read, begin, begin + k));
  TRUSTPCF_ASSIGN_OR_RETURN(Hash right, subtree_root(read, begin + k, end));
  return hash_children(left, right);
}

util::Result<Hash> tree_root(const SubtreeHashReader& read, uint64_t size) {
  if (size == 0) return empty_tree_root();
  return subtree_root(read, 0, size);
}

util::Result<std::vector<Hash>> inclusion_proof(const SubtreeHashReader& read, uint64_t index,
                                                uint64_t size) {
  if (index >= size) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "leaf index {} is not in a tree of size {}; use an index below {}",
                            index, size, size);
  }

  // PATH(m, D[n]) of RFC 9162 section 2.1.3.1, walked from the root down;
  // the siblings are collected root side first and reversed at the end.
  std::vector<Hash> siblings;
  uint64_t begin = 0;
  uint64_t end = size;
  while (end - begin > 1) {
    const uint64_t k = split_point(end - begin);
    if (index < begin + k) {
      TRUSTPCF_ASSIGN_OR_RETURN(Hash right, subtree_root(read, begin + k, end));
      siblings.push_back(right);
      end = begin + k;
    } else {
      TRUSTPCF_ASSIGN_OR_RETURN(Hash left, subtree_root(read, begin, begin + k));
      siblings.push_back(left);
      begin = begin + k;
    }
  }
  return std::vector<Hash>(siblings.rbegin(), siblings.rend());
}

util::Result<std::vector<Hash>> consistency_proof(const SubtreeHashReader& read, uint64_t size1,
                                                  uint64_t size2) {
  if (size1 > size2) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "no consistency proof from size {} to the smaller size {}", size1,
                            size2);
  }
  std::vector<Hash> proof;
  if (size1 == 0 || size1 == size2) return proof;
  TRUSTPCF_RETURN_IF_ERROR(append_subproof(read, size1, 0, size2, true, proof));
  return proof;
}

}  // namespace trustpcf::tlog
