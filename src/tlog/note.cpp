#include "tlog/note.hpp"

#include <cstring>

#include <fmt/format.h>

#include "crypto/signed_note.hpp"
#include "tlog/hash.hpp"

namespace trustpcf::tlog {

namespace {

constexpr std::string_view kPrivateKeyPrefix = "PRIVATE+KEY+";

std::string key_id_hex(uint32_t key_id) { return fmt::format("{:08x}", key_id); }

util::Result<uint32_t> parse_key_id_hex(std::string_view text) {
  if (text.size() != 8 || text.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "key ID '{}' is not 8 lower-case hex digits", text);
  }
  return static_cast<uint32_t>(std::stoul(std::string(text), nullptr, 16));
}

// Splits "<name>+<key ID>+<base64 key>" at its first two '+': names and key
// IDs contain none, but base64 may.
std::vector<std::string_view> split_plus(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (int i = 0; i < 2; ++i) {
    const size_t pos = text.find('+', start);
    if (pos == std::string_view::npos) break;
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::string_view trim_newlines(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

bool is_known_type(char type) {
  return type == kSignatureTypeEd25519 || type == kSignatureTypeCosignature;
}

}  // namespace

uint32_t compute_key_id(std::string_view name, uint8_t type,
                        const std::array<uint8_t, 32>& public_key) {
  return crypto::note_key_id(name, type, crypto::Bytes(public_key.begin(), public_key.end()));
}

std::string format_note(const SignedNote& note) {
  crypto::SignedNote wire;
  wire.text = note.text;
  for (const NoteSignature& line : note.signatures) {
    wire.signatures.push_back({line.name, line.key_id, crypto::to_bytes(line.signature)});
  }
  return wire.to_string();
}

util::Result<SignedNote> parse_note(std::string_view message) {
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::SignedNote wire, crypto::parse_signed_note(message));
  SignedNote note;
  note.text = std::move(wire.text);
  for (crypto::NoteSignature& line : wire.signatures) {
    note.signatures.push_back({std::move(line.name), line.key_id, crypto::to_string(line.signature)});
  }
  return note;
}

util::Result<NoteSigner> NoteSigner::from_key_pair(std::string name, uint8_t type,
                                                   crypto::Ed25519KeyPair key_pair) {
  TRUSTPCF_RETURN_IF_ERROR(crypto::validate_note_key_name(name));
  NoteSigner signer;
  signer.name_ = std::move(name);
  signer.type_ = type;
  signer.key_id_ = crypto::note_key_id(signer.name_, type, key_pair.public_key().to_bytes());
  signer.key_pair_ = std::make_shared<const crypto::Ed25519KeyPair>(std::move(key_pair));
  return signer;
}

util::Result<NoteSigner> NoteSigner::generate(std::string name, uint8_t type) {
  return from_key_pair(std::move(name), type, crypto::Ed25519KeyPair::generate());
}

util::Result<NoteSigner> NoteSigner::from_private_key_text(std::string_view text) {
  text = trim_newlines(text);
  if (!text.starts_with(kPrivateKeyPrefix)) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "private key text does not start with PRIVATE+KEY+");
  }
  std::vector<std::string_view> parts = split_plus(text.substr(kPrivateKeyPrefix.size()));
  if (parts.size() != 3) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "private key text is not PRIVATE+KEY+<name>+<key ID>+<key>");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(uint32_t key_id, parse_key_id_hex(parts[1]));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string key, decode_base64(parts[2], "private key"));
  if (key.size() != 1 + crypto::kEd25519SeedSize || !is_known_type(key[0])) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "private key is not an Ed25519 seed (type 0x01 or 0x04, 32 bytes)");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair key_pair,
                            crypto::Ed25519KeyPair::from_seed(crypto::to_bytes(key.substr(1))));
  TRUSTPCF_ASSIGN_OR_RETURN(NoteSigner signer,
                            from_key_pair(std::string(parts[0]), static_cast<uint8_t>(key[0]),
                                          std::move(key_pair)));
  if (signer.key_id_ != key_id) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "private key of '{}' has key ID {} but its key gives {}",
                            signer.name_, key_id_hex(key_id), key_id_hex(signer.key_id_));
  }
  return signer;
}

std::string NoteSigner::to_private_key_text() const {
  crypto::Bytes key{type_};
  crypto::Bytes seed = key_pair_->seed();
  key.insert(key.end(), seed.begin(), seed.end());
  return std::string(kPrivateKeyPrefix) + name_ + "+" + key_id_hex(key_id_) + "+" +
         crypto::base64_encode(key);
}

std::string NoteSigner::verifier_key() const {
  crypto::Bytes key{type_};
  crypto::Bytes public_key = key_pair_->public_key().to_bytes();
  key.insert(key.end(), public_key.begin(), public_key.end());
  return name_ + "+" + key_id_hex(key_id_) + "+" + crypto::base64_encode(key);
}

std::string NoteSigner::sign_raw(std::string_view message) const {
  const crypto::Ed25519Signature signature = key_pair_->sign(message);
  return std::string(reinterpret_cast<const char*>(signature.data()), signature.size());
}

NoteSignature NoteSigner::sign_note(std::string_view text) const {
  return NoteSignature{name_, key_id_, sign_raw(text)};
}

util::Result<NoteVerifier> NoteVerifier::parse(std::string_view verifier_key) {
  verifier_key = trim_newlines(verifier_key);
  std::vector<std::string_view> parts = split_plus(verifier_key);
  if (parts.size() != 3) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "verifier key '{}' is not <name>+<key ID>+<key>", verifier_key);
  }
  TRUSTPCF_RETURN_IF_ERROR(crypto::validate_note_key_name(parts[0]));
  TRUSTPCF_ASSIGN_OR_RETURN(uint32_t key_id, parse_key_id_hex(parts[1]));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string key, decode_base64(parts[2], "verifier key"));
  if (key.size() != 1 + crypto::kEd25519PublicKeySize || !is_known_type(key[0])) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "verifier key '{}' is not an Ed25519 key (type 0x01 or 0x04)",
                            verifier_key);
  }
  // Rejects small-order and non-canonical points.
  TRUSTPCF_RETURN_IF_ERROR(
      crypto::Ed25519PublicKey::from_bytes(crypto::to_bytes(key.substr(1))).status());

  NoteVerifier verifier;
  verifier.name_ = std::string(parts[0]);
  verifier.type_ = static_cast<uint8_t>(key[0]);
  std::memcpy(verifier.public_key_.data(), key.data() + 1, verifier.public_key_.size());
  verifier.key_id_ = compute_key_id(verifier.name_, verifier.type_, verifier.public_key_);
  if (verifier.key_id_ != key_id) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "verifier key '{}' has key ID {} but its key gives {}", verifier_key,
                            key_id_hex(key_id), key_id_hex(verifier.key_id_));
  }
  return verifier;
}

std::string NoteVerifier::text() const {
  crypto::Bytes key{type_};
  key.insert(key.end(), public_key_.begin(), public_key_.end());
  return name_ + "+" + key_id_hex(key_id_) + "+" + crypto::base64_encode(key);
}

bool NoteVerifier::verify_raw(std::string_view message, std::string_view signature) const {
  return crypto::ed25519_verify_raw(crypto::Bytes(public_key_.begin(), public_key_.end()), message,
                                    crypto::to_bytes(signature))
      .ok();
}

util::Status verify_note_signature(const SignedNote& note, const NoteVerifier& verifier) {
  for (const NoteSignature& line : note.signatures) {
    if (!verifier.matches(line)) continue;
    if (verifier.verify_raw(note.text, line.signature)) return {};
    return util::make_error(util::ErrorCode::kVerification,
                            "signature of '{}' (key ID {}) on the note does not verify",
                            verifier.name(), key_id_hex(verifier.key_id()));
  }
  return util::make_error(util::ErrorCode::kVerification,
                          "the note carries no signature by '{}' with key ID {}", verifier.name(),
                          key_id_hex(verifier.key_id()));
}

}  // namespace trustpcf::tlog
