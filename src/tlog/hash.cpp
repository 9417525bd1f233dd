#include "tlog/hash.hpp"

#include <cstring>

#include <sodium.h>

namespace trustpcf::tlog {

namespace {

// Domain-separation prefixes of RFC 9162, section 2.1.1.
constexpr uint8_t kLeafPrefix = 0x00;
constexpr uint8_t kNodePrefix = 0x01;

}  // namespace

Hash hash_leaf(std::string_view entry) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, &kLeafPrefix, 1);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(entry.data()),
                            entry.size());
  Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

Hash hash_children(const Hash& left, const Hash& right) {
  uint8_t buffer[1 + 2 * kHashSize];
  buffer[0] = kNodePrefix;
  std::memcpy(buffer + 1, left.data(), kHashSize);
  std::memcpy(buffer + 1 + kHashSize, right.data(), kHashSize);
  Hash out;
  crypto_hash_sha256(out.data(), buffer, sizeof buffer);
  return out;
}

Hash empty_tree_root() {
  Hash out;
  crypto_hash_sha256(out.data(), nullptr, 0);
  return out;
}

std::string encode_base64(std::string_view bytes) {
  const size_t length = sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  std::string out(length, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(length - 1);  // drop the terminating NUL that libsodium writes
  return out;
}

std::string encode_base64(const Hash& hash) {
  return encode_base64(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

util::Result<std::string> decode_base64(std::string_view text, std::string_view what) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  const char* end = nullptr;
  int rc = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                             text.data(), text.size(), nullptr, &length, &end,
                             sodium_base64_VARIANT_ORIGINAL);
  if (rc != 0 || end != text.data() + text.size()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "{} '{}' is not valid padded base64", what, text);
  }
  out.resize(length);
  return out;
}

util::Result<Hash> hash_from_bytes(std::string_view bytes, std::string_view what) {
  if (bytes.size() != kHashSize) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "{} has {} bytes; a SHA-256 hash has {}", what, bytes.size(),
                            kHashSize);
  }
  Hash out;
  std::memcpy(out.data(), bytes.data(), kHashSize);
  return out;
}

util::Result<Hash> decode_base64_hash(std::string_view text, std::string_view what) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string bytes, decode_base64(text, what));
  return hash_from_bytes(bytes, what);
}

std::string hash_hex(const Hash& hash) {
  std::string out(2 * kHashSize + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), hash.data(), hash.size());
  out.resize(2 * kHashSize);
  return out;
}

}  // namespace trustpcf::tlog
