#include "crypto/digest.hpp"

#include <openssl/evp.h>

#include <cstdlib>

#include <algorithm>

namespace trustpcf::crypto {

using util::ErrorCode;
using util::make_error;

namespace {

// OpenSSL's SHA-256 uses the CPU's SHA extensions where present, which
// libsodium's portable code does not. The algorithm is fetched once because
// OpenSSL 3's one-shot SHA256() fetches it on every call.
const EVP_MD* sha256_algorithm() {
  static EVP_MD* algorithm = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return algorithm;
}

Sha256 sha256_of(const void* data, std::size_t size) {
  Sha256 digest{};
  const EVP_MD* algorithm = sha256_algorithm();
  if (algorithm == nullptr || EVP_Digest(data, size, digest.data(), nullptr, algorithm, nullptr) != 1) {
    std::abort();  // no SHA-256 in OpenSSL's default provider: nothing can be digested
  }
  return digest;
}

}  // namespace

Sha256 sha256(std::string_view data) { return sha256_of(data.data(), data.size()); }

Sha256 sha256(const Bytes& data) { return sha256_of(data.data(), data.size()); }

std::string to_hex(const Sha256& digest) { return hex_encode(to_bytes(digest)); }

Bytes to_bytes(const Sha256& digest) { return Bytes(digest.begin(), digest.end()); }

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }

std::string sha256_prefixed(std::string_view data) {
  return std::string(kSha256Prefix) + sha256_hex(data);
}

std::string sha256_base64url(std::string_view data) {
  return base64url_encode(to_bytes(sha256(data)));
}

Bytes sha256_multihash(std::string_view data) {
  Bytes multihash{kMultihashSha256Code, static_cast<std::uint8_t>(kSha256Size)};
  Sha256 digest = sha256(data);
  multihash.insert(multihash.end(), digest.begin(), digest.end());
  return multihash;
}

util::Result<Sha256> parse_sha256_hex(std::string_view text) {
  std::string_view hex = text;
  if (hex.substr(0, kSha256Prefix.size()) == kSha256Prefix) hex.remove_prefix(kSha256Prefix.size());
  if (hex.size() != kSha256Size * 2) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid SHA-256 digest '{:.80}': expected 64 hex digits, got {} characters",
                      text, hex.size());
  }
  auto bytes = hex_decode(hex);
  if (!bytes.ok())
    return bytes.error().with_context(fmt::format("invalid SHA-256 digest '{}'", text));
  Sha256 digest{};
  std::copy(bytes->begin(), bytes->end(), digest.begin());
  return digest;
}

util::Result<Sha256> parse_sha256_multihash(const Bytes& multihash) {
  if (multihash.size() != 2 + kSha256Size || multihash[0] != kMultihashSha256Code ||
      multihash[1] != kSha256Size) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid sha2-256 multihash of {} bytes: expected 0x12 0x20 and 32 digest "
                      "bytes",
                      multihash.size());
  }
  Sha256 digest{};
  std::copy(multihash.begin() + 2, multihash.end(), digest.begin());
  return digest;
}

}  // namespace trustpcf::crypto
