#pragma once

// did:key identifiers and Multikey encodings of Ed25519 keys (W3C did:key
// method v0.7, Controlled Identifiers "Multikey"). A public key is multibase
// base58btc of the multicodec prefix 0xed 0x01 (ed25519-pub) and the 32 key
// bytes, so it starts "z6Mk". A secret key uses the prefix 0x80 0x26
// (ed25519-priv) and the 32-byte seed.

#include <string>
#include <string_view>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr std::string_view kDidKeyPrefix = "did:key:";

// The publicKeyMultibase form: "z6Mk...".
std::string multikey_encode(const Ed25519PublicKey& key);
// Errors: kInvalidInput when `text` is not base58btc multibase, has another
// multicodec prefix or contains an invalid key.
util::Result<Ed25519PublicKey> multikey_decode(std::string_view text);

// The secretKeyMultibase form of the seed. Callers must not print or log it.
std::string multikey_encode_secret(const Ed25519KeyPair& pair);
// Errors: kInvalidInput for another prefix or size.
util::Result<Ed25519KeyPair> multikey_decode_secret(std::string_view text);

// "did:key:z6Mk..." for `key`.
std::string did_key_of(const Ed25519PublicKey& key);
// The verification method id "did:key:z6Mk...#z6Mk..." for `key`.
std::string did_key_verification_method(const Ed25519PublicKey& key);

// Resolves a did:key DID or verification method id to its Ed25519 key. A
// fragment, when present, must equal the multibase key. Errors: kInvalidInput
// naming `id` for another DID method, a fragment mismatch or an invalid key.
util::Result<Ed25519PublicKey> resolve_did_key(std::string_view id);

}  // namespace trustpcf::crypto
