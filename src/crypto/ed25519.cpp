#include "crypto/ed25519.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <functional>
#include <string_view>
#include <mutex>

namespace trustpcf::crypto {
namespace {

using util::ErrorCode;
using util::make_error;

// libsodium must be initialized once before its random source is used;
// sodium_init() is thread-safe and idempotent.
void ensure_sodium() {
  if (sodium_init() < 0) std::abort();  // no usable random source: nothing is safe to do
}

// Keys already found valid. The subgroup check in from_bytes costs a scalar
// multiplication, about as much as a signature verification, and verifying
// one bundle resolves the same few did:keys several times. Validity is a pure
// function of the 32 bytes, so a hit needs no recheck. Direct-mapped: a
// colliding key evicts the other and is checked again, so untrusted input
// can cost time but never yields a key that was not checked.
class ValidKeyCache {
 public:
  bool contains(const std::uint8_t* key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Slot& slot = slots_[slot_of(key)];
    return slot.used && std::equal(slot.key.begin(), slot.key.end(), key);
  }

  void insert(const std::uint8_t* key) {
    std::lock_guard<std::mutex> lock(mutex_);
    Slot& slot = slots_[slot_of(key)];
    std::copy(key, key + kEd25519PublicKeySize, slot.key.begin());
    slot.used = true;
  }

 private:
  // 256 slots of 33 bytes: enough for the keys of many bundles, small to keep.
  static constexpr std::size_t kSlots = 256;

  struct Slot {
    std::array<std::uint8_t, kEd25519PublicKeySize> key{};
    bool used = false;
  };

  static std::size_t slot_of(const std::uint8_t* key) {
    std::string_view bytes(reinterpret_cast<const char*>(key), kEd25519PublicKeySize);
    return std::hash<std::string_view>{}(bytes) % kSlots;
  }

  std::mutex mutex_;
  std::array<Slot, kSlots> slots_{};
};

ValidKeyCache& valid_key_cache() {
  static ValidKeyCache cache;
  return cache;
}

}  // namespace

util::Result<Ed25519PublicKey> Ed25519PublicKey::from_bytes(const Bytes& bytes) {
  if (bytes.size() != kEd25519PublicKeySize) {
    return make_error(ErrorCode::kInvalidInput, "invalid Ed25519 public key: {} bytes, expected {}",
                      bytes.size(), kEd25519PublicKeySize);
  }
  // crypto_core_ed25519_is_valid_point rejects non-canonical encodings,
  // points off the curve, small-order points and points outside the
  // prime-order subgroup (libsodium 1.0.18).
  bool known_valid = valid_key_cache().contains(bytes.data());
  if (!known_valid && crypto_core_ed25519_is_valid_point(bytes.data()) != 1) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid Ed25519 public key {}: not a canonical point of the prime-order "
                      "subgroup",
                      hex_encode(bytes));
  }
  if (!known_valid) valid_key_cache().insert(bytes.data());
  Ed25519PublicKey key;
  std::copy(bytes.begin(), bytes.end(), key.bytes_.begin());
  return key;
}

Ed25519KeyPair Ed25519KeyPair::generate() {
  ensure_sodium();
  Bytes seed(kEd25519SeedSize);
  randombytes_buf(seed.data(), seed.size());
  Ed25519KeyPair pair = std::move(from_seed(seed).value());
  sodium_memzero(seed.data(), seed.size());
  return pair;
}

util::Result<Ed25519KeyPair> Ed25519KeyPair::from_seed(const Bytes& seed) {
  if (seed.size() != kEd25519SeedSize) {
    return make_error(ErrorCode::kInvalidInput, "invalid Ed25519 seed: {} bytes, expected {}",
                      seed.size(), kEd25519SeedSize);
  }
  ensure_sodium();
  Ed25519KeyPair pair;
  std::array<std::uint8_t, kEd25519PublicKeySize> public_bytes{};
  crypto_sign_seed_keypair(public_bytes.data(), pair.secret_key_.data(), seed.data());
  // A key derived from a seed is always a valid point.
  pair.public_key_ =
      Ed25519PublicKey::from_bytes(Bytes(public_bytes.begin(), public_bytes.end())).value();
  return pair;
}

Ed25519KeyPair::Ed25519KeyPair(Ed25519KeyPair&& other) noexcept
    : public_key_(other.public_key_), secret_key_(other.secret_key_) {
  sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
}

Ed25519KeyPair& Ed25519KeyPair::operator=(Ed25519KeyPair&& other) noexcept {
  if (this != &other) {
    public_key_ = other.public_key_;
    secret_key_ = other.secret_key_;
    sodium_memzero(other.secret_key_.data(), other.secret_key_.size());
  }
  return *this;
}

Ed25519KeyPair::~Ed25519KeyPair() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Bytes Ed25519KeyPair::seed() const {
  return Bytes(secret_key_.begin(), secret_key_.begin() + kEd25519SeedSize);
}

Ed25519Signature Ed25519KeyPair::sign(std::string_view message) const {
  Ed25519Signature signature{};
  crypto_sign_detached(signature.data(), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key_.data());
  return signature;
}

util::Status ed25519_verify(const Ed25519PublicKey& key, std::string_view message,
                            const Bytes& signature) {
  if (signature.size() != kEd25519SignatureSize) {
    return make_error(ErrorCode::kVerification, "Ed25519 signature size is {} bytes, expected {}",
                      signature.size(), kEd25519SignatureSize);
  }
  // libsodium 1.0.18 built without ED25519_COMPAT (Debian's build) rejects a
  // non-canonical S, a small-order R and a small-order or non-canonical key.
  if (crypto_sign_verify_detached(signature.data(),
                                  reinterpret_cast<const unsigned char*>(message.data()),
                                  message.size(), key.bytes().data()) != 0) {
    return make_error(ErrorCode::kVerification,
                      "Ed25519 signature does not verify with public key {}",
                      hex_encode(key.to_bytes()));
  }
  return util::Status();
}

util::Status ed25519_verify_raw(const Bytes& public_key, std::string_view message,
                                const Bytes& signature) {
  auto key = Ed25519PublicKey::from_bytes(public_key);
  if (!key.ok()) return util::Error(ErrorCode::kVerification, key.error().message());
  return ed25519_verify(*key, message, signature);
}

}  // namespace trustpcf::crypto
