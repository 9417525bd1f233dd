#pragma once

// C2SP signed notes with Ed25519 keys: the note text, signature lines
// "— <name> base64(key ID || signature)", verifier keys
// "<name>+<hex key ID>+base64(type || public key)" and the private key text
// "PRIVATE+KEY+<name>+<hex key ID>+base64(type || seed)".
// Parsing, key IDs and Ed25519 come from crypto/signed_note.hpp and
// crypto/ed25519.hpp. This layer adds the cosignature/v1 key type (0x04),
// because the crypto module's note keys accept only type 0x01, and the
// private key text.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::tlog {

// Signature types, the first byte hashed into a key ID.
inline constexpr uint8_t kSignatureTypeEd25519 = 0x01;       // signed-note Ed25519
inline constexpr uint8_t kSignatureTypeCosignature = 0x04;   // tlog-cosignature/v1

// One signature line of a note.
struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // raw bytes after the key ID
};

struct SignedNote {
  std::string text;  // ends with a newline
  std::vector<NoteSignature> signatures;
};

// Formats text, a blank line and one line per signature.
std::string format_note(const SignedNote& note);

// Parses a signed note into its text and signature lines without verifying
// them. Errors: kInvalidInput naming the rule the note breaks.
util::Result<SignedNote> parse_note(std::string_view message);

// Key ID: the first 4 bytes (big-endian) of SHA-256(name || "\n" || type || public key).
uint32_t compute_key_id(std::string_view name, uint8_t type, const std::array<uint8_t, 32>& public_key);

// An Ed25519 key that signs notes under a name. `type` selects plain
// signed-note signatures (0x01) or cosignature/v1 (0x04); the type only
// changes the key ID and, for cosignatures, the signed message.
class NoteSigner {
 public:
  // Creates a fresh key. Errors: kInvalidInput for a name that is empty or
  // contains '+' or a Unicode space.
  static util::Result<NoteSigner> generate(std::string name, uint8_t type = kSignatureTypeEd25519);

  // Parses the PRIVATE+KEY text of to_private_key_text(). Errors: kInvalidInput.
  static util::Result<NoteSigner> from_private_key_text(std::string_view text);

  // The private key text; contains the secret seed (store it with mode 0600).
  std::string to_private_key_text() const;
  // The verifier key text "<name>+<hex key ID>+<base64>".
  std::string verifier_key() const;

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  uint8_t type() const { return type_; }

  // Signs `message` with Ed25519 and returns the 64-byte signature.
  std::string sign_raw(std::string_view message) const;
  // Returns the signature line for a note whose text is `text` (type 0x01).
  NoteSignature sign_note(std::string_view text) const;

 private:
  NoteSigner() = default;
  static util::Result<NoteSigner> from_key_pair(std::string name, uint8_t type,
                                                crypto::Ed25519KeyPair key_pair);

  std::string name_;
  uint8_t type_ = kSignatureTypeEd25519;
  uint32_t key_id_ = 0;
  // Shared so that copies of a signer do not copy the secret.
  std::shared_ptr<const crypto::Ed25519KeyPair> key_pair_;
};

// A public key that checks signatures of one name and key ID.
class NoteVerifier {
 public:
  // Parses "<name>+<hex key ID>+base64(type || key)" and checks that the key
  // ID matches. Errors: kInvalidInput naming the part at fault.
  static util::Result<NoteVerifier> parse(std::string_view verifier_key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  uint8_t type() const { return type_; }
  const std::array<uint8_t, 32>& public_key() const { return public_key_; }
  std::string text() const;

  // True when `signature` (64 bytes) is this key's Ed25519 signature of `message`.
  bool verify_raw(std::string_view message, std::string_view signature) const;
  // True when the line carries this key's name and key ID.
  bool matches(const NoteSignature& line) const {
    return line.name == name_ && line.key_id == key_id_;
  }

 private:
  std::string name_;
  uint8_t type_ = kSignatureTypeEd25519;
  uint32_t key_id_ = 0;
  std::array<uint8_t, 32> public_key_{};
};

// Checks that `note` has a valid signature by `verifier` (type 0x01).
// Errors: kVerification when no line names the key or its signature fails.
util::Status verify_note_signature(const SignedNote& note, const NoteVerifier& verifier);

}  // namespace trustpcf::tlog
