#pragma once

// Random identifiers, secrets, keyed digests and base64url, all on libsodium.
// Every function initialises libsodium on first use and is thread-safe.

#include <string>
#include <string_view>

#include "util/error.hpp"

namespace trustpcf::space {

// Returns a random RFC 9562 version-4 UUID in lower-case text form.
std::string random_uuid();

// Returns `bytes` random bytes encoded as base64url without padding.
std::string random_token(std::size_t bytes);

// Encodes bytes as base64url without padding (RFC 4648 section 5).
std::string base64url_encode(std::string_view bytes);

// Decodes base64url without padding. Errors: kInvalidInput when `text` is not
// base64url.
util::Result<std::string> base64url_decode(std::string_view text);

// Returns HMAC-SHA-256 of `message` under `key` (32 raw bytes).
std::string hmac_sha256(std::string_view key, std::string_view message);

// Returns the SHA-256 digest of `bytes` as lower-case hex.
std::string sha256_hex(std::string_view bytes);

// Compares two byte strings in time independent of their contents.
bool constant_time_equal(std::string_view a, std::string_view b);

// Hashes a secret with Argon2id (libsodium crypto_pwhash_str, interactive
// limits) and returns the self-describing encoded hash. Errors: kInternal
// when libsodium cannot allocate its working memory.
util::Result<std::string> hash_secret(std::string_view secret);

// Checks `secret` against a hash made by hash_secret.
bool verify_secret(std::string_view secret, const std::string& encoded_hash);

// Returns true when `text` is a UUID in 8-4-4-4-12 hex form (any case).
bool is_uuid(std::string_view text);

}  // namespace trustpcf::space
