#pragma once

// ECDSA over NIST P-256 with SHA-256, verification only, computed by OpenSSL 3.
// trustpcf signs with Ed25519; this verifier exists so that DSSE envelopes
// and other records signed by P-256 tools (as in the DSSE test vector) can be
// checked.

#include <memory>
#include <string_view>

#include "crypto/encoding.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr std::size_t kP256CoordinateSize = 32;  // bytes
inline constexpr std::size_t kP256SignatureSize = 64;   // bytes, r || s

class P256PublicKey {
 public:
  // Takes the SEC 1 uncompressed point 0x04 || x || y (65 bytes). Errors:
  // kInvalidInput when it has another size or is not a point on the curve.
  static util::Result<P256PublicKey> from_uncompressed(const Bytes& point);

  // Verifies an ECDSA-SHA256 signature given as raw r || s (64 bytes, the
  // form DSSE and JOSE use) over `message`. Errors: kVerification naming the
  // failed check.
  util::Status verify(std::string_view message, const Bytes& signature) const;

 private:
  P256PublicKey() = default;

  struct Key;
  std::shared_ptr<const Key> key_;  // the EVP_PKEY; immutable, so sharing is safe
};

}  // namespace trustpcf::crypto
