#pragma once

// C2SP signed-note: a UTF-8 text ending in a newline, a blank line, and one
// or more lines "— NAME base64(key ID || signature)". This module signs and
// verifies Ed25519 notes (signature type 0x01); transparency-log checkpoints
// are notes of this form.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

// Signature type byte of Ed25519 note signatures.
inline constexpr std::uint8_t kNoteEd25519Type = 0x01;
// Maximum number of signature lines accepted in one note. The format requires
// verifiers to accept at least 16, and 100 leaves room for many witnesses
// while bounding the work an untrusted note can cause.
inline constexpr std::size_t kMaxNoteSignatures = 100;

// Key ID = first four bytes (big-endian) of
// SHA-256(name || 0x0A || type || public key).
std::uint32_t note_key_id(std::string_view name, std::uint8_t type, const Bytes& public_key);

// Checks a key name: non-empty UTF-8 without '+' or any Unicode space.
// Errors: kInvalidInput naming the name.
util::Status validate_note_key_name(std::string_view name);

// A public key that verifies note signatures.
struct NoteVerifierKey {
  std::string name;
  std::uint32_t key_id = 0;
  Ed25519PublicKey key;

  static NoteVerifierKey from_key(std::string name, const Ed25519PublicKey& key);
  // "NAME+HHHHHHHH+base64(0x01 || public key)" with the key ID in 8 lower-case hex digits.
  std::string to_string() const;
  // Errors: kInvalidInput for a malformed string, another signature type or a
  // key ID that does not match name and key.
  static util::Result<NoteVerifierKey> parse(std::string_view text);
};

// A named signing key.
struct NoteSigner {
  std::string name;
  Ed25519KeyPair key;

  NoteVerifierKey verifier() const { return NoteVerifierKey::from_key(name, key.public_key()); }
};

struct NoteSignature {
  std::string name;
  std::uint32_t key_id = 0;
  Bytes signature;  // without the key ID
};

struct SignedNote {
  std::string text;  // including its final newline
  std::vector<NoteSignature> signatures;

  // The note in its wire form: text, blank line, signature lines.
  std::string to_string() const;
};

// Splits a note into text and signature lines without verifying anything.
// Errors: kInvalidInput naming the rule broken (UTF-8, control characters,
// missing blank line, malformed signature line, more than kMaxNoteSignatures).
util::Result<SignedNote> parse_signed_note(std::string_view note);

// Signs `text` (which must end in a newline and obey the note rules) with each
// signer and returns the note's wire form. Errors: kInvalidInput for bad text.
util::Result<std::string> sign_note(std::string_view text,
                                    const std::vector<const NoteSigner*>& signers);

// Adds one signature to a parsed note.
void add_note_signature(SignedNote& note, const NoteSigner& signer);

struct NoteVerification {
  std::string text;
  std::vector<NoteVerifierKey> verified;  // the known keys whose signature verified
  std::size_t unknown_signatures = 0;     // lines from keys not in the verifier set
};

// Verifies a note against trusted keys. Signatures from unknown keys (name
// and key ID not both matching a trusted key) are ignored. Errors:
// kInvalidInput for a malformed note, kVerification when a known key's
// signature fails (naming the key) or when no known key signed.
util::Result<NoteVerification> verify_note(std::string_view note,
                                           const std::vector<NoteVerifierKey>& verifiers);

}  // namespace trustpcf::crypto
