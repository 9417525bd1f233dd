#include "proof/signed_note.hpp"

#include <charconv>

#include "crypto/digest.hpp"
#include "crypto/encoding.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr std::uint8_t kEd25519SignatureType = 0x01;
constexpr std::size_t kKeyHashSize = 4;
constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // em dash, space

crypto::Bytes key_hash(const std::string& name, const crypto::Ed25519PublicKey& key) {
  std::string input = name + "\n";
  input.push_back(static_cast<char>(kEd25519SignatureType));
  input.append(key.bytes().begin(), key.bytes().end());
  crypto::Sha256 digest = crypto::sha256(input);
  return crypto::Bytes(digest.begin(), digest.begin() + kKeyHashSize);
}

}  // namespace

util::Result<NoteVerifierKey> parse_note_verifier_key(std::string_view text) {
  std::size_t first = text.find('+');
  std::size_t second = first == std::string_view::npos ? first : text.find('+', first + 1);
  if (second == std::string_view::npos) {
    return make_error(ErrorCode::kInvalidInput,
                      "verifier key '{}' is not of the form NAME+HASH+KEY", text);
  }
  std::string name(text.substr(0, first));
  auto hash = crypto::hex_decode(text.substr(first + 1, second - first - 1));
  auto encoded = crypto::base64_decode(text.substr(second + 1));
  if (!hash.ok() || !encoded.ok() || encoded->size() != 1 + crypto::kEd25519PublicKeySize ||
      (*encoded)[0] != kEd25519SignatureType) {
    return make_error(ErrorCode::kInvalidInput,
                      "verifier key '{}' does not hold an Ed25519 key (type 0x01, 32 bytes)",
                      text);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(
      crypto::Ed25519PublicKey key,
      crypto::Ed25519PublicKey::from_bytes(crypto::Bytes(encoded->begin() + 1, encoded->end())));
  if (key_hash(name, key) != *hash) {
    return make_error(ErrorCode::kInvalidInput, "verifier key '{}': key hash does not match",
                      text);
  }
  return NoteVerifierKey{name, key};
}

std::string format_note_verifier_key(const std::string& name,
                                     const crypto::Ed25519PublicKey& key) {
  crypto::Bytes encoded{kEd25519SignatureType};
  encoded.insert(encoded.end(), key.bytes().begin(), key.bytes().end());
  return name + "+" + crypto::hex_encode(key_hash(name, key)) + "+" +
         crypto::base64_encode(encoded);
}

std::string sign_note(std::string_view text, const std::string& name,
                      const crypto::Ed25519KeyPair& key) {
  crypto::Ed25519Signature signature = key.sign(text);
  crypto::Bytes line = key_hash(name, key.public_key());
  line.insert(line.end(), signature.begin(), signature.end());
  return std::string(text) + "\n" + std::string(kSignaturePrefix) + name + " " +
         crypto::base64_encode(line) + "\n";
}

util::Result<std::string> open_note(std::string_view note, const NoteVerifierKey& verifier) {
  std::size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return util::Error(ErrorCode::kInvalidInput, "signed note has no blank line before signatures");
  }
  std::string_view text = note.substr(0, split + 1);
  std::string_view signatures = note.substr(split + 2);
  crypto::Bytes expected_hash = key_hash(verifier.name, verifier.key);

  bool named = false;
  while (!signatures.empty()) {
    std::size_t end = signatures.find('\n');
    if (end == std::string_view::npos) {
      return util::Error(ErrorCode::kInvalidInput, "signed note: last signature line has no newline");
    }
    std::string_view line = signatures.substr(0, end);
    signatures.remove_prefix(end + 1);
    if (line.substr(0, kSignaturePrefix.size()) != kSignaturePrefix) {
      return make_error(ErrorCode::kInvalidInput, "signed note: malformed signature line '{}'",
                        line);
    }
    line.remove_prefix(kSignaturePrefix.size());
    std::size_t space = line.find(' ');
    if (space == std::string_view::npos || line.substr(0, space) != verifier.name) continue;
    auto decoded = crypto::base64_decode(line.substr(space + 1));
    if (!decoded.ok() || decoded->size() != kKeyHashSize + crypto::kEd25519SignatureSize) continue;
    if (!std::equal(expected_hash.begin(), expected_hash.end(), decoded->begin())) continue;
    named = true;
    crypto::Bytes signature(decoded->begin() + kKeyHashSize, decoded->end());
    if (crypto::ed25519_verify(verifier.key, text, signature).ok()) return std::string(text);
  }
  return make_error(ErrorCode::kVerification, "signed note: {} by key '{}'",
                    named ? "the signature does not verify" : "no signature", verifier.name);
}

util::Result<Checkpoint> parse_checkpoint(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) break;
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  if (lines.size() < 3) {
    return util::Error(ErrorCode::kInvalidInput,
                       "checkpoint must have origin, size and root hash lines");
  }
  Checkpoint checkpoint;
  checkpoint.origin = lines[0];
  auto [end, error] =
      std::from_chars(lines[1].data(), lines[1].data() + lines[1].size(), checkpoint.size);
  if (error != std::errc() || end != lines[1].data() + lines[1].size()) {
    return make_error(ErrorCode::kInvalidInput, "checkpoint size '{}' is not a number", lines[1]);
  }
  auto root = crypto::base64_decode(lines[2]);
  if (!root.ok() || root->size() != crypto::kSha256Size) {
    return make_error(ErrorCode::kInvalidInput, "checkpoint root hash '{}' is not 32 bytes base64",
                      lines[2]);
  }
  checkpoint.root = crypto::to_string(*root);
  return checkpoint;
}

std::string format_checkpoint(const Checkpoint& checkpoint) {
  return checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
         crypto::base64_encode(crypto::to_bytes(checkpoint.root)) + "\n";
}

}  // namespace trustpcf::proof
