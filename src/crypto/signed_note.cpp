#include "crypto/signed_note.hpp"

#include <fmt/format.h>

#include "crypto/digest.hpp"

namespace trustpcf::crypto {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash U+2014, space
constexpr std::size_t kKeyIdSize = 4;                           // bytes

bool is_unicode_space(std::uint32_t c) {
  return c == 0x09 || c == 0x0A || c == 0x0B || c == 0x0C || c == 0x0D || c == 0x20 || c == 0x85 ||
         c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
         c == 0x202F || c == 0x205F || c == 0x3000;
}

// Decodes the next code point of text known to be valid UTF-8.
std::uint32_t next_code_point(std::string_view text, std::size_t* i) {
  unsigned char lead = static_cast<unsigned char>(text[*i]);
  std::size_t length = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
  std::uint32_t value = length == 1 ? lead : lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    value = (value << 6) | (static_cast<unsigned char>(text[*i + k]) & 0x3F);
  }
  *i += length;
  return value;
}

util::Status validate_text(std::string_view text) {
  if (!is_valid_utf8(text)) {
    return util::Error(ErrorCode::kInvalidInput, "invalid signed note: text is not valid UTF-8");
  }
  if (text.empty() || text.back() != '\n') {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid signed note: text must end with a newline");
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\n') {
      return make_error(ErrorCode::kInvalidInput,
                        "invalid signed note: control character 0x{:02x} at offset {}; only "
                        "newline is allowed",
                        c, i);
    }
  }
  return util::Status();
}

std::string signature_line(const NoteSignature& signature) {
  Bytes payload{static_cast<std::uint8_t>(signature.key_id >> 24),
                static_cast<std::uint8_t>(signature.key_id >> 16),
                static_cast<std::uint8_t>(signature.key_id >> 8),
                static_cast<std::uint8_t>(signature.key_id)};
  payload.insert(payload.end(), signature.signature.begin(), signature.signature.end());
  return std::string(kSignaturePrefix) + signature.name + " " + base64_encode(payload) + "\n";
}

util::Result<NoteSignature> parse_signature_line(std::string_view line, std::size_t number) {
  const auto malformed = [&](const char* why) {
    return make_error(ErrorCode::kInvalidInput, "invalid signed note: signature line {} {}", number,
                      why);
  };
  if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
    return malformed("does not start with an em dash and a space");
  }
  line.remove_prefix(kSignaturePrefix.size());
  std::size_t space = line.find(' ');
  if (space == std::string_view::npos)
    return malformed("has no space between key name and signature");

  NoteSignature signature;
  signature.name = std::string(line.substr(0, space));
  if (!validate_note_key_name(signature.name).ok()) return malformed("has an invalid key name");
  auto payload = base64_decode(line.substr(space + 1));
  if (!payload.ok()) return malformed("has a signature that is not standard base64");
  if (payload->size() <= kKeyIdSize) return malformed("has a signature shorter than 5 bytes");

  signature.key_id = (std::uint32_t{(*payload)[0]} << 24) | (std::uint32_t{(*payload)[1]} << 16) |
                     (std::uint32_t{(*payload)[2]} << 8) | std::uint32_t{(*payload)[3]};
  signature.signature.assign(payload->begin() + kKeyIdSize, payload->end());
  return signature;
}

}  // namespace

std::uint32_t note_key_id(std::string_view name, std::uint8_t type, const Bytes& public_key) {
  std::string input(name);
  input.push_back('\n');
  input.push_back(static_cast<char>(type));
  input.append(public_key.begin(), public_key.end());
  Sha256 digest = sha256(input);
  return (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) |
         (std::uint32_t{digest[2]} << 8) | std::uint32_t{digest[3]};
}

util::Status validate_note_key_name(std::string_view name) {
  bool valid = !name.empty() && is_valid_utf8(name);
  std::size_t i = 0;
  while (valid && i < name.size()) {
    std::uint32_t c = next_code_point(name, &i);
    if (c == '+' || is_unicode_space(c)) valid = false;
  }
  if (!valid) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid note key name '{:.80}': it must be non-empty UTF-8 without '+' or "
                      "spaces, for example 'example.com/log'",
                      name);
  }
  return util::Status();
}

NoteVerifierKey NoteVerifierKey::from_key(std::string name, const Ed25519PublicKey& key) {
  std::uint32_t id = note_key_id(name, kNoteEd25519Type, key.to_bytes());
  return NoteVerifierKey{std::move(name), id, key};
}

std::string NoteVerifierKey::to_string() const {
  Bytes encoded{kNoteEd25519Type};
  Bytes public_key = key.to_bytes();
  encoded.insert(encoded.end(), public_key.begin(), public_key.end());
  return fmt::format("{}+{:08x}+{}", name, key_id, base64_encode(encoded));
}

util::Result<NoteVerifierKey> NoteVerifierKey::parse(std::string_view text) {
  const auto malformed = [&](const char* why) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid note verifier key '{:.120}': {}; expected NAME+KEYID+BASE64", text,
                      why);
  };
  std::size_t first = text.find('+');
  std::size_t second = first == std::string_view::npos ? first : text.find('+', first + 1);
  if (second == std::string_view::npos) return malformed("it needs three '+'-separated fields");

  std::string name(text.substr(0, first));
  TRUSTPCF_RETURN_IF_ERROR(validate_note_key_name(name));
  std::string_view id_text = text.substr(first + 1, second - first - 1);
  auto id_bytes = hex_decode(id_text);
  if (id_text.size() != 8 || !id_bytes.ok()) return malformed("the key ID is not 8 hex digits");
  auto encoded = base64_decode(text.substr(second + 1));
  if (!encoded.ok()) return malformed("the key is not standard base64");
  if (encoded->size() != 1 + kEd25519PublicKeySize || (*encoded)[0] != kNoteEd25519Type) {
    return malformed("only Ed25519 keys (type 0x01 and 32 bytes) are supported");
  }

  Bytes public_key(encoded->begin() + 1, encoded->end());
  auto key = Ed25519PublicKey::from_bytes(public_key);
  if (!key.ok()) return malformed("the key is not a valid Ed25519 public key");
  std::uint32_t id = (std::uint32_t{(*id_bytes)[0]} << 24) | (std::uint32_t{(*id_bytes)[1]} << 16) |
                     (std::uint32_t{(*id_bytes)[2]} << 8) | std::uint32_t{(*id_bytes)[3]};
  if (id != note_key_id(name, kNoteEd25519Type, public_key)) {
    return malformed("the key ID does not match the name and key");
  }
  return NoteVerifierKey{name, id, *key};
}

std::string SignedNote::to_string() const {
  std::string out = text + "\n";
  for (const NoteSignature& signature : signatures) out.append(signature_line(signature));
  return out;
}

util::Result<SignedNote> parse_signed_note(std::string_view note) {
  if (!is_valid_utf8(note)) {
    return util::Error(ErrorCode::kInvalidInput, "invalid signed note: it is not valid UTF-8");
  }
  // The text ends at the last blank line; the signature block follows it.
  std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid signed note: no blank line separates text and signatures");
  }
  SignedNote parsed;
  parsed.text = std::string(note.substr(0, split + 1));
  TRUSTPCF_RETURN_IF_ERROR(validate_text(parsed.text));

  std::string_view block = note.substr(split + 2);
  if (block.empty() || block.back() != '\n') {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid signed note: the signature block must end with a newline");
  }
  std::size_t number = 0;
  while (!block.empty()) {
    std::size_t end = block.find('\n');
    ++number;
    if (number > kMaxNoteSignatures) {
      return make_error(ErrorCode::kInvalidInput,
                        "invalid signed note: more than {} signature lines", kMaxNoteSignatures);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(NoteSignature signature,
                              parse_signature_line(block.substr(0, end), number));
    parsed.signatures.push_back(std::move(signature));
    block.remove_prefix(end + 1);
  }
  return parsed;
}

void add_note_signature(SignedNote& note, const NoteSigner& signer) {
  Ed25519Signature signature = signer.key.sign(note.text);
  NoteVerifierKey verifier = signer.verifier();
  note.signatures.push_back(
      NoteSignature{signer.name, verifier.key_id, Bytes(signature.begin(), signature.end())});
}

util::Result<std::string> sign_note(std::string_view text,
                                    const std::vector<const NoteSigner*>& signers) {
  TRUSTPCF_RETURN_IF_ERROR(validate_text(text));
  SignedNote note{std::string(text), {}};
  for (const NoteSigner* signer : signers) {
    TRUSTPCF_RETURN_IF_ERROR(validate_note_key_name(signer->name));
    add_note_signature(note, *signer);
  }
  return note.to_string();
}

util::Result<NoteVerification> verify_note(std::string_view note,
                                           const std::vector<NoteVerifierKey>& verifiers) {
  TRUSTPCF_ASSIGN_OR_RETURN(SignedNote parsed, parse_signed_note(note));
  NoteVerification result{parsed.text, {}, 0};

  for (const NoteSignature& signature : parsed.signatures) {
    const NoteVerifierKey* known = nullptr;
    for (const NoteVerifierKey& verifier : verifiers) {
      if (verifier.name == signature.name && verifier.key_id == signature.key_id) known = &verifier;
    }
    if (known == nullptr) {
      ++result.unknown_signatures;
      continue;
    }
    util::Status status = ed25519_verify(known->key, parsed.text, signature.signature);
    if (!status.ok()) {
      return make_error(ErrorCode::kVerification,
                        "signed note signature by key '{}' (key ID {:08x}) does not verify: {}",
                        known->name, known->key_id, status.error().message());
    }
    bool seen = false;
    for (const NoteVerifierKey& done : result.verified) {
      seen = seen || (done.name == known->name && done.key_id == known->key_id);
    }
    if (!seen) result.verified.push_back(*known);
  }

  if (result.verified.empty()) {
    return make_error(ErrorCode::kVerification,
                      "signed note has no signature from a trusted key ({} signatures from "
                      "unknown keys)",
                      result.unknown_signatures);
  }
  return result;
}

}  // namespace trustpcf::crypto
