#pragma once

// IETF OAuth Token Status List: a bit array of 1, 2, 4 or 8 bits per
// referenced token. Entry i starts at bit offset i * bits, counted from the
// least significant bit of each byte. The array is compressed with DEFLATE in
// a zlib wrapper and encoded as base64url ("lst"). A status list token is a JWT of type
// "statuslist+jwt" carrying {"bits", "lst"} as "status_list".

#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"
#include "util/time.hpp"

namespace trustpcf::crypto {

// Status values registered by the specification.
inline constexpr std::uint8_t kStatusValid = 0x00;
inline constexpr std::uint8_t kStatusInvalid = 0x01;
inline constexpr std::uint8_t kStatusSuspended = 0x02;

// Maximum decompressed size of a status list, in bytes. It bounds the memory
// a hostile "lst" can claim (a zlib bomb); 16 MiB is 134 million 1-bit entries.
inline constexpr std::size_t kMaxStatusListBytes = 16 * 1024 * 1024;

inline constexpr const char* kStatusListJwtType = "statuslist+jwt";

class StatusList {
 public:
  // A list of `size` entries, all kStatusValid. Errors: kInvalidInput when
  // `bits` is not 1, 2, 4 or 8 or the list would exceed kMaxStatusListBytes.
  static util::Result<StatusList> create(int bits, std::size_t size);
  // Wraps an uncompressed byte array. Errors as create().
  static util::Result<StatusList> from_bytes(int bits, Bytes bytes);

  int bits() const { return bits_; }
  // Number of entries (bytes * 8 / bits).
  std::size_t size() const { return bytes_.size() * 8 / static_cast<std::size_t>(bits_); }
  const Bytes& bytes() const { return bytes_; }

  // Errors: kInvalidInput naming the index when it is past the end.
  util::Result<std::uint8_t> get(std::size_t index) const;
  // Errors: kInvalidInput for an index past the end or a value that needs
  // more than bits() bits.
  util::Status set(std::size_t index, std::uint8_t value);

  // {"bits": N, "lst": base64url(zlib(bytes))}, compressed at zlib's best level.
  nlohmann::json to_json() const;
  // Errors: kInvalidInput naming the field for a bad "bits", an "lst" that is
  // not base64url or not zlib data, or more than kMaxStatusListBytes.
  static util::Result<StatusList> from_json(const nlohmann::json& json);
  // Reads entry `index` of {"bits", "lst"}, inflating "lst" only up to the
  // byte with that entry: a verifier checking one token needs no more. Errors:
  // as from_json for what it reads, and kInvalidInput naming the index when
  // the list ends before it.
  static util::Result<std::uint8_t> read_entry(const nlohmann::json& json, std::size_t index);

 private:
  StatusList(int bits, Bytes bytes) : bits_(bits), bytes_(std::move(bytes)) {}

  int bits_;
  Bytes bytes_;
};

struct StatusListToken {
  std::string subject;                                // "sub": the URI the list is served at
  util::Clock::time_point issued_at;                  // "iat"
  std::optional<util::Clock::time_point> expires_at;  // "exp"
  std::optional<std::chrono::seconds> ttl;            // "ttl": how long a copy may be cached
  StatusList list;
};

// Signs a status list token (EdDSA JWT, "typ": "statuslist+jwt").
std::string sign_status_list_token(const StatusListToken& token, const Ed25519KeyPair& key,
                                   const std::string& kid = "");

// Verifies the JWT signature and type and decodes the token. It does not
// compare "exp" with the clock; the caller does. Errors: kVerification for
// the signature or "typ", kInvalidInput for missing or malformed claims.
util::Result<StatusListToken> verify_status_list_token(std::string_view jwt,
                                                       const Ed25519PublicKey& key);

// Decodes the token's claims without checking a signature, for tokens whose
// signature another component checks. Errors: kInvalidInput.
util::Result<StatusListToken> status_list_token_from_claims(const nlohmann::json& claims);

}  // namespace trustpcf::crypto
