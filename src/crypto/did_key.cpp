#include "crypto/did_key.hpp"

#include <sodium.h>

#include <array>
#include <functional>
#include <mutex>
#include <optional>

namespace trustpcf::crypto {
namespace {

using util::ErrorCode;
using util::make_error;

// Multicodec codes as unsigned varints: ed25519-pub 0xed, ed25519-priv 0x1300.
constexpr std::uint8_t kEd25519PubCodec[] = {0xed, 0x01};
constexpr std::uint8_t kEd25519PrivCodec[] = {0x80, 0x26};

Bytes with_codec(const std::uint8_t (&codec)[2], const Bytes& key) {
  Bytes bytes(std::begin(codec), std::end(codec));
  bytes.insert(bytes.end(), key.begin(), key.end());
  return bytes;
}

util::Result<Bytes> strip_codec(std::string_view text, const std::uint8_t (&codec)[2],
                                const char* codec_name) {
  if (text.empty() || text.front() != 'z') {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid Multikey '{:.60}': expected base58btc multibase starting with 'z'",
                      text);
  }
  auto decoded = multibase_decode(text);
  if (!decoded.ok())
    return decoded.error().with_context(fmt::format("invalid Multikey '{:.60}'", text));
  if (decoded->size() != 2 + 32 || (*decoded)[0] != codec[0] || (*decoded)[1] != codec[1]) {
    return make_error(
        ErrorCode::kInvalidInput,
        "invalid Multikey '{:.60}': expected the {} multicodec prefix and 32 key bytes", text,
        codec_name);
  }
  return Bytes(decoded->begin() + 2, decoded->end());
}

// Public Multikeys already decoded, with their key bytes. Verifying one
// bundle resolves the same few did:keys several times, and each base58
// decoding costs far more than a lookup. Direct-mapped by a hash of the text: a
// colliding text evicts the other, and a hit compares the whole text, so
// the cache never returns the key of another text.
class MultikeyCache {
 public:
  // The text of `key`, when it was decoded or encoded before.
  std::optional<std::string> find_text(const Bytes& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Slot& slot = slots_[slot_of_key(key)];
    if (slot.text.empty() || slot.key != key) return std::nullopt;
    return slot.text;
  }

  void insert_encoded(const Bytes& key, std::string_view text) {
    std::lock_guard<std::mutex> lock(mutex_);
    Slot& slot = slots_[slot_of_key(key)];
    slot.text = std::string(text);
    slot.key = key;
  }

  std::optional<Bytes> find(std::string_view text) {
    std::lock_guard<std::mutex> lock(mutex_);
    const Slot& slot = slots_[slot_of(text)];
    if (slot.text.empty() || slot.text != text) return std::nullopt;
    return slot.key;
  }

  void insert(std::string_view text, const Bytes& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    Slot& slot = slots_[slot_of(text)];
    slot.text = std::string(text);
    slot.key = key;
  }

 private:
  // 64 slots each way: the signers of a few bundles, about 12 KiB in all.
  static constexpr std::size_t kSlots = 64;

  struct Slot {
    std::string text;
    Bytes key;
  };

  static std::size_t slot_of(std::string_view text) { return std::hash<std::string_view>{}(text) % kSlots; }
  // Encoding uses its own half of the slots, keyed by the key bytes.
  static std::size_t slot_of_key(const Bytes& key) {
    std::string_view bytes(reinterpret_cast<const char*>(key.data()), key.size());
    return kSlots + std::hash<std::string_view>{}(bytes) % kSlots;
  }

  std::mutex mutex_;
  std::array<Slot, 2 * kSlots> slots_{};
};

MultikeyCache& multikey_cache() {
  static MultikeyCache cache;
  return cache;
}

}  // namespace

std::string multikey_encode(const Ed25519PublicKey& key) {
  Bytes bytes = key.to_bytes();
  if (std::optional<std::string> known = multikey_cache().find_text(bytes)) return *known;
  std::string text = multibase_encode(with_codec(kEd25519PubCodec, bytes));
  multikey_cache().insert_encoded(bytes, text);
  return text;
}

util::Result<Ed25519PublicKey> multikey_decode(std::string_view text) {
  if (std::optional<Bytes> known = multikey_cache().find(text)) return Ed25519PublicKey::from_bytes(*known);
  TRUSTPCF_ASSIGN_OR_RETURN(Bytes bytes, strip_codec(text, kEd25519PubCodec, "ed25519-pub"));
  TRUSTPCF_ASSIGN_OR_RETURN(Ed25519PublicKey key, Ed25519PublicKey::from_bytes(bytes));
  multikey_cache().insert(text, bytes);
  return key;
}

std::string multikey_encode_secret(const Ed25519KeyPair& pair) {
  Bytes seed = pair.seed();
  Bytes prefixed = with_codec(kEd25519PrivCodec, seed);
  std::string text = multibase_encode(prefixed);
  sodium_memzero(seed.data(), seed.size());
  sodium_memzero(prefixed.data(), prefixed.size());
  return text;
}

util::Result<Ed25519KeyPair> multikey_decode_secret(std::string_view text) {
  auto seed = strip_codec(text, kEd25519PrivCodec, "ed25519-priv");
  // The secret itself must not appear in the message.
  if (!seed.ok()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "invalid secret Multikey: expected base58btc multibase of the "
                       "ed25519-priv multicodec prefix and a 32-byte seed");
  }
  auto pair = Ed25519KeyPair::from_seed(*seed);
  sodium_memzero(seed->data(), seed->size());
  return pair;
}

std::string did_key_of(const Ed25519PublicKey& key) {
  return std::string(kDidKeyPrefix) + multikey_encode(key);
}

std::string did_key_verification_method(const Ed25519PublicKey& key) {
  std::string multikey = multikey_encode(key);
  return std::string(kDidKeyPrefix) + multikey + "#" + multikey;
}

util::Result<Ed25519PublicKey> resolve_did_key(std::string_view id) {
  if (id.substr(0, kDidKeyPrefix.size()) != kDidKeyPrefix) {
    return make_error(ErrorCode::kInvalidInput,
                      "cannot resolve '{:.80}': only did:key identifiers are supported", id);
  }
  std::string_view rest = id.substr(kDidKeyPrefix.size());
  std::string_view multikey = rest;
  std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    multikey = rest.substr(0, hash);
    if (rest.substr(hash + 1) != multikey) {
      return make_error(ErrorCode::kInvalidInput,
                        "invalid did:key verification method '{:.160}': the fragment must equal "
                        "the key '{}'",
                        id, multikey);
    }
  }
  auto key = multikey_decode(multikey);
  if (!key.ok()) return key.error().with_context(fmt::format("cannot resolve '{:.80}'", id));
  return key;
}

}  // namespace trustpcf::crypto
