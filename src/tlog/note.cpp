#include "tlog/note.hpp"

#include <cstring>

#include <fmt/format.h>
#include <sodium.h>

#include "tlog/hash.hpp"

namespace trustpcf::tlog {

namespace {

// U+2014 EM DASH and a space start every signature line.
constexpr std::string_view kSignatureLinePrefix = "\xE2\x80\x94 ";
constexpr std::string_view kPrivateKeyPrefix = "PRIVATE+KEY+";

util::Status check_name(std::string_view name) {
  if (name.empty() || name.find_first_of(" +\n\t") != std::string_view::npos) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "key name '{}' is invalid: it must be non-empty and contain no "
                            "space, '+' or newline",
                            name);
  }
  return {};
}

void ensure_sodium() {
  static const int initialized = sodium_init();
  (void)initialized;
}

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

}  // namespace

uint32_t compute_key_id(std::string_view name, uint8_t type,
                        const std::array<uint8_t, 32>& public_key) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(name.data()),
                            name.size());
  const unsigned char newline = '\n';
  crypto_hash_sha256_update(&state, &newline, 1);
  crypto_hash_sha256_update(&state, &type, 1);
  crypto_hash_sha256_update(&state, public_key.data(), public_key.size());
  unsigned char digest[32];
  crypto_hash_sha256_final(&state, digest);
  return (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) | (uint32_t{digest[2]} << 8) |
         uint32_t{digest[3]};
}

std::string format_note(const SignedNote& note) {
  std::string out = note.text + "\n";
  for (const NoteSignature& line : note.signatures) {
    std::string blob(4 + line.signature.size(), '\0');
    blob[0] = static_cast<char>(line.key_id >> 24);
    blob[1] = static_cast<char>(line.key_id >> 16);
    blob[2] = static_cast<char>(line.key_id >> 8);
    blob[3] = static_cast<char>(line.key_id);
    std::memcpy(blob.data() + 4, line.signature.data(), line.signature.size());
    out += std::string(kSignatureLinePrefix) + line.name + " " + encode_base64(blob) + "\n";
  }
  return out;
}

util::Result<SignedNote> parse_note(std::string_view message) {
  const size_t split = message.rfind("\n\n");
  if (split == std::string_view::npos || message.empty() || message.back() != '\n') {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "signed note has no blank line before its signatures or does not end "
                       "with a newline");
  }
  SignedNote note;
  note.text = std::string(message.substr(0, split + 1));

  std::string_view rest = message.substr(split + 2);
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end + 1);

    if (!line.starts_with(kSignatureLinePrefix)) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "signature line '{}' does not start with an em dash and a space",
                              line);
    }
    line.remove_prefix(kSignatureLinePrefix.size());
    const size_t space = line.find(' ');
    if (space == std::string_view::npos || space == 0) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "signature line '{}' has no name and signature", line);
    }
    NoteSignature signature;
    signature.name = std::string(line.substr(0, space));
    TRUSTPCF_ASSIGN_OR_RETURN(std::string blob,
                              decode_base64(line.substr(space + 1), "note signature"));
    if (blob.size() < 5) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "signature of '{}' is too short to hold a key ID", signature.name);
    }
    signature.key_id = (uint32_t{static_cast<uint8_t>(blob[0])} << 24) |
                       (uint32_t{static_cast<uint8_t>(blob[1])} << 16) |
                       (uint32_t{static_cast<uint8_t>(blob[2])} << 8) |
                       uint32_t{static_cast<uint8_t>(blob[3])};
    signature.signature = blob.substr(4);
    note.signatures.push_back(std::move(signature));
  }
  if (note.signatures.empty()) {
    return util::Error(util::ErrorCode::kInvalidInput, "signed note has no signature lines");
  }
  return note;
}

util::Result<NoteSigner> NoteSigner::generate(std::string name, uint8_t type) {
  TRUSTPCF_RETURN_IF_ERROR(check_name(name));
  ensure_sodium();
  NoteSigner signer;
  signer.name_ = std::move(name);
  signer.type_ = type;
  randombytes_buf(signer.seed_.data(), signer.seed_.size());
  crypto_sign_seed_keypair(signer.public_key_.data(), signer.secret_key_.data(),
                           signer.seed_.data());
  signer.key_id_ = compute_key_id(signer.name_, type, signer.public_key_);
  return signer;
}

util::Result<NoteSigner> NoteSigner::from_private_key_text(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (!text.starts_with(kPrivateKeyPrefix)) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "private key text does not start with PRIVATE+KEY+");
  }
  std::vector<std::string_view> parts = split_plus(text.substr(kPrivateKeyPrefix.size()));
  if (parts.size() != 3) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "private key text is not PRIVATE+KEY+<name>+<key ID>+<key>");
  }
  TRUSTPCF_RETURN_IF_ERROR(check_name(parts[0]));
  TRUSTPCF_ASSIGN_OR_RETURN(uint32_t key_id, parse_key_id_hex(parts[1]));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string key, decode_base64(parts[2], "private key"));
  if (key.size() != 33 ||
      (key[0] != kSignatureTypeEd25519 && key[0] != kSignatureTypeCosignature)) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "private key is not an Ed25519 seed (type 0x01 or 0x04, 32 bytes)");
  }

  ensure_sodium();
  NoteSigner signer;
  signer.name_ = std::string(parts[0]);
  signer.type_ = static_cast<uint8_t>(key[0]);
  std::memcpy(signer.seed_.data(), key.data() + 1, 32);
  crypto_sign_seed_keypair(signer.public_key_.data(), signer.secret_key_.data(),
                           signer.seed_.data());
  signer.key_id_ = compute_key_id(signer.name_, signer.type_, signer.public_key_);
  if (signer.key_id_ != key_id) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "private key of '{}' has key ID {} but its key gives {}",
                            signer.name_, key_id_hex(key_id), key_id_hex(signer.key_id_));
  }
  return signer;
}

std::string NoteSigner::to_private_key_text() const {
  std::string key(1, static_cast<char>(type_));
  key.append(reinterpret_cast<const char*>(seed_.data()), seed_.size());
  return std::string(kPrivateKeyPrefix) + name_ + "+" + key_id_hex(key_id_) + "+" +
         encode_base64(key);
}

std::string NoteSigner::verifier_key() const {
  std::string key(1, static_cast<char>(type_));
  key.append(reinterpret_cast<const char*>(public_key_.data()), public_key_.size());
  return name_ + "+" + key_id_hex(key_id_) + "+" + encode_base64(key);
}

std::string NoteSigner::sign_raw(std::string_view message) const {
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_key_.data());
  return signature;
}

NoteSignature NoteSigner::sign_note(std::string_view text) const {
  return NoteSignature{name_, key_id_, sign_raw(text)};
}

util::Result<NoteVerifier> NoteVerifier::parse(std::string_view verifier_key) {
  while (!verifier_key.empty() && (verifier_key.back() == '\n' || verifier_key.back() == '\r')) {
    verifier_key.remove_suffix(1);
  }
  std::vector<std::string_view> parts = split_plus(verifier_key);
  if (parts.size() != 3) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "verifier key '{}' is not <name>+<key ID>+<key>", verifier_key);
  }
  TRUSTPCF_RETURN_IF_ERROR(check_name(parts[0]));
  TRUSTPCF_ASSIGN_OR_RETURN(uint32_t key_id, parse_key_id_hex(parts[1]));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string key, decode_base64(parts[2], "verifier key"));
  if (key.size() != 33 ||
      (key[0] != kSignatureTypeEd25519 && key[0] != kSignatureTypeCosignature)) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "verifier key '{}' is not an Ed25519 key (type 0x01 or 0x04)",
                            verifier_key);
  }

  NoteVerifier verifier;
  verifier.name_ = std::string(parts[0]);
  verifier.type_ = static_cast<uint8_t>(key[0]);
  std::memcpy(verifier.public_key_.data(), key.data() + 1, 32);
  verifier.key_id_ = compute_key_id(verifier.name_, verifier.type_, verifier.public_key_);
  if (verifier.key_id_ != key_id) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "verifier key '{}' has key ID {} but its key gives {}", verifier_key,
                            key_id_hex(key_id), key_id_hex(verifier.key_id_));
  }
  return verifier;
}

std::string NoteVerifier::text() const {
  std::string key(1, static_cast<char>(type_));
  key.append(reinterpret_cast<const char*>(public_key_.data()), public_key_.size());
  return name_ + "+" + key_id_hex(key_id_) + "+" + encode_base64(key);
}

bool NoteVerifier::verify_raw(std::string_view message, std::string_view signature) const {
  if (signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key_.data()) == 0;
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
