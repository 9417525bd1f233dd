#pragma once

// C2SP signed notes with Ed25519 signatures, as transparency-log checkpoints
// use them: a text ending in a newline, a blank line, then lines
// "— NAME BASE64(KEY-HASH || SIGNATURE)". The key hash is the first 4 bytes
// of SHA-256(NAME || "\n" || 0x01 || public key); a verifier key is written
// "NAME+HEX(KEY-HASH)+BASE64(0x01 || public key)".
//
// NOTE: a small local form because crypto's signed-note API is not on main
// yet; it passes the published signed-note example. Swap to crypto's when
// it lands.

#include <string>
#include <string_view>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::proof {

struct NoteVerifierKey {
  std::string name;
  crypto::Ed25519PublicKey key;
};

// Errors: kInvalidInput naming the malformed part.
util::Result<NoteVerifierKey> parse_note_verifier_key(std::string_view text);
std::string format_note_verifier_key(const std::string& name, const crypto::Ed25519PublicKey& key);

// Signs `text` (which must end in a newline) as NAME and returns the note.
std::string sign_note(std::string_view text, const std::string& name,
                      const crypto::Ed25519KeyPair& key);

// Returns the note's text when a signature line verifies with `verifier`;
// other signatures are ignored. Errors: kVerification naming the key when
// none of its signatures verifies, kInvalidInput for a malformed note.
util::Result<std::string> open_note(std::string_view note, const NoteVerifierKey& verifier);

// Checkpoints (C2SP tlog-checkpoint): origin, tree size, base64 root hash.
struct Checkpoint {
  std::string origin;
  std::uint64_t size = 0;
  std::string root;  // 32 raw bytes
};
util::Result<Checkpoint> parse_checkpoint(std::string_view text);
std::string format_checkpoint(const Checkpoint& checkpoint);

}  // namespace trustpcf::proof
