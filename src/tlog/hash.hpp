#pragma once

// RFC 9162 Merkle tree hashing with SHA-256: leaf hash SHA-256(0x00 || entry),
// interior node hash SHA-256(0x01 || left || right), and the base64 form in
// which checkpoints, proofs and test vectors carry hashes.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace trustpcf::tlog {

// Size of a SHA-256 Merkle tree hash in bytes.
inline constexpr size_t kHashSize = 32;

using Hash = std::array<uint8_t, kHashSize>;

// Hashes one log entry (its bytes as stored) into a leaf hash.
Hash hash_leaf(std::string_view entry);

// Hashes two child hashes into their parent node hash.
Hash hash_children(const Hash& left, const Hash& right);

// Root hash of the empty tree, SHA-256 of the empty string.
Hash empty_tree_root();

// Standard base64 with padding, the encoding of C2SP checkpoints.
std::string encode_base64(std::string_view bytes);
std::string encode_base64(const Hash& hash);

// Decodes standard padded base64. Errors: kInvalidInput naming `what`.
util::Result<std::string> decode_base64(std::string_view text, std::string_view what);

// Decodes a base64 hash that must be exactly 32 bytes. Errors: kInvalidInput.
util::Result<Hash> decode_base64_hash(std::string_view text, std::string_view what);

// Builds a Hash from 32 raw bytes. Errors: kInvalidInput naming `what` and the size.
util::Result<Hash> hash_from_bytes(std::string_view bytes, std::string_view what);

// Lower-case hex form, used in logs and error messages.
std::string hash_hex(const Hash& hash);

}  // namespace trustpcf::tlog
