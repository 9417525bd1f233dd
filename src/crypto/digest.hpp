#pragma once

// SHA-256 (FIPS 180-4, computed by libsodium) in the text forms the trust
// standards use. The digest of a JSON object is taken over its RFC 8785
// canonical form: see digest_of() in crypto/jcs.hpp.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "crypto/encoding.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr std::size_t kSha256Size = 32;  // bytes
using Sha256 = std::array<std::uint8_t, kSha256Size>;

// Prefix of digests written as "sha256:<64 hex digits>" (OCI, in-toto style).
inline constexpr std::string_view kSha256Prefix = "sha256:";
// Multihash code of sha2-256 in the multicodec table.
inline constexpr std::uint8_t kMultihashSha256Code = 0x12;

// The raw 32-byte digest of `data`.
Sha256 sha256(std::string_view data);
Sha256 sha256(const Bytes& data);

// The digest as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);
// The digest as "sha256:" followed by 64 lower-case hex digits.
std::string sha256_prefixed(std::string_view data);
// The digest as unpadded base64url (43 characters), as SD-JWT disclosures use.
std::string sha256_base64url(std::string_view data);
// The digest as a multihash: 0x12, 0x20, then the 32 digest bytes.
Bytes sha256_multihash(std::string_view data);

// Converts between forms of an existing digest.
std::string to_hex(const Sha256& digest);
Bytes to_bytes(const Sha256& digest);

// Parses 64 hex digits, with or without the "sha256:" prefix. Errors:
// kInvalidInput naming the text when it has another length or a non-hex digit.
util::Result<Sha256> parse_sha256_hex(std::string_view text);

// Parses a sha2-256 multihash (0x12 0x20 + 32 bytes). Errors: kInvalidInput
// for another hash code, length or size.
util::Result<Sha256> parse_sha256_multihash(const Bytes& multihash);

}  // namespace trustpcf::crypto
