#pragma once

// Ed25519 signatures (RFC 8032, pure Ed25519) computed by libsodium.
// Verification is strict: besides the signature equation it rejects a
// non-canonical scalar S, a small-order or non-canonical R, and public keys
// that are small-order or not canonically encoded, as Wycheproof expects.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/encoding.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr std::size_t kEd25519PublicKeySize = 32;  // bytes
inline constexpr std::size_t kEd25519SeedSize = 32;       // bytes, the RFC 8032 private key
inline constexpr std::size_t kEd25519SignatureSize = 64;  // bytes, R || S

using Ed25519Signature = std::array<std::uint8_t, kEd25519SignatureSize>;

// A validated Ed25519 public key: a canonical encoding of a point of the
// prime-order subgroup (so never of small order).
class Ed25519PublicKey {
 public:
  // Errors: kInvalidInput when `bytes` is not 32 bytes or not a valid point.
  static util::Result<Ed25519PublicKey> from_bytes(const Bytes& bytes);

  const std::array<std::uint8_t, kEd25519PublicKeySize>& bytes() const { return bytes_; }
  Bytes to_bytes() const { return Bytes(bytes_.begin(), bytes_.end()); }

  friend bool operator==(const Ed25519PublicKey&, const Ed25519PublicKey&) = default;

 private:
  std::array<std::uint8_t, kEd25519PublicKeySize> bytes_{};
};

// A signing key. It contains the 32-byte seed and libsodium's expanded secret key,
// both wiped when the object is destroyed. Copying is disabled so that secrets
// are not spread in memory; move it instead.
class Ed25519KeyPair {
 public:
  // Generates a key pair from libsodium's system random source.
  static Ed25519KeyPair generate();
  // Derives the key pair of a 32-byte seed. Errors: kInvalidInput for another size.
  static util::Result<Ed25519KeyPair> from_seed(const Bytes& seed);

  Ed25519KeyPair(Ed25519KeyPair&& other) noexcept;
  Ed25519KeyPair& operator=(Ed25519KeyPair&& other) noexcept;
  Ed25519KeyPair(const Ed25519KeyPair&) = delete;
  Ed25519KeyPair& operator=(const Ed25519KeyPair&) = delete;
  ~Ed25519KeyPair();

  const Ed25519PublicKey& public_key() const { return public_key_; }
  // The seed, for storing the key. Callers must not print or log it.
  Bytes seed() const;

  // Signs `message` (deterministic, RFC 8032 section 5.1.6).
  Ed25519Signature sign(std::string_view message) const;

 private:
  Ed25519KeyPair() = default;

  Ed25519PublicKey public_key_;
  std::array<std::uint8_t, 64> secret_key_{};  // libsodium layout: seed || public key
};

// Verifies `signature` over `message` strictly (see the file comment).
// Errors: kVerification with "signature size" or "signature does not verify".
util::Status ed25519_verify(const Ed25519PublicKey& key, std::string_view message,
                            const Bytes& signature);

// Same check on unvalidated key bytes, as test vectors and wire formats give
// them. Errors: kVerification naming the key or the signature.
util::Status ed25519_verify_raw(const Bytes& public_key, std::string_view message,
                                const Bytes& signature);

}  // namespace trustpcf::crypto
