#pragma once

// Binary-to-text encodings used by the trust standards. Hex is lower case.
// Base64 is RFC 4648 section 4 with padding, and base64url is section 5
// without padding, as JOSE and SD-JWT use it. Base58btc uses the Bitcoin
// alphabet, as did:key does, and multibase puts a one-character prefix naming
// the encoding in front. Decoders reject any character outside the alphabet.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace trustpcf::crypto {

using Bytes = std::vector<std::uint8_t>;

// Copies the characters of `text` into a byte vector.
Bytes to_bytes(std::string_view text);
// Copies `bytes` into a std::string, byte for byte.
std::string to_string(const Bytes& bytes);

// Lower-case hex, two characters a byte.
std::string hex_encode(const Bytes& bytes);
// Accepts upper and lower case. Errors: kInvalidInput for an odd length or a
// non-hex character, naming its offset.
util::Result<Bytes> hex_decode(std::string_view text);

// Standard base64 with '=' padding.
std::string base64_encode(const Bytes& bytes);
// Requires correct padding. Errors: kInvalidInput naming the offending offset.
util::Result<Bytes> base64_decode(std::string_view text);

// URL-safe base64 without padding.
std::string base64url_encode(const Bytes& bytes);
std::string base64url_encode(std::string_view bytes);
// Rejects '=' padding, '+' and '/', and non-zero trailing bits (so every byte
// string has exactly one accepted encoding). Errors: kInvalidInput.
util::Result<Bytes> base64url_decode(std::string_view text);

// base58btc (alphabet 123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz);
// each leading zero byte becomes a leading '1'.
std::string base58btc_encode(const Bytes& bytes);
// Errors: kInvalidInput naming the first character outside the alphabet.
util::Result<Bytes> base58btc_decode(std::string_view text);

// Returns whether `text` is well-formed UTF-8: no overlong forms, no
// surrogates (U+D800..U+DFFF) and nothing above U+10FFFF.
bool is_valid_utf8(std::string_view text);

// Multibase encodings this module writes and reads, valued by their prefix.
enum class Multibase : char {
  kBase58Btc = 'z',
  kBase64Url = 'u',
  kBase16 = 'f',
};

// Encodes `bytes` with the multibase prefix of `base` ("z6Mk..." for base58btc).
std::string multibase_encode(const Bytes& bytes, Multibase base = Multibase::kBase58Btc);
// Decodes 'z' (base58btc), 'u' (base64url) and 'f' (lower-case hex) texts.
// Errors: kInvalidInput for an empty text, another prefix, or a bad body.
util::Result<Bytes> multibase_decode(std::string_view text);

}  // namespace trustpcf::crypto
