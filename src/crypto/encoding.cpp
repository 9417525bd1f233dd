#include "crypto/encoding.hpp"

#include <sodium.h>

#include <array>

namespace trustpcf::crypto {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

std::string sodium_base64(const Bytes& bytes, int variant) {
  const std::size_t size = sodium_base64_ENCODED_LEN(bytes.size(), variant);
  std::string text(size, '\0');
  sodium_bin2base64(text.data(), size, bytes.data(), bytes.size(), variant);
  text.resize(size - 1);  // the encoded length counts the terminating NUL
  return text;
}

// Value of each byte in the base64 (url = false) or base64url alphabet, -1
// for bytes outside it.
using Base64Table = std::array<std::int8_t, 256>;

Base64Table base64_table(bool url) {
  Base64Table table{};
  table.fill(-1);
  const std::string_view alphabet = url ? "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                                        : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i) {
    table[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
  }
  return table;
}

// Decodes RFC 4648 base64 with '=' padding (url = false) or base64url without
// it, with the checks libsodium's decoder makes: whole quantums, and zero bits
// after the last byte, so every byte string has one accepted encoding.
// libsodium's decoder runs in constant time, which public documents do not
// need, and it was a visible cost of bundle verification. This one reads a
// table.
util::Result<Bytes> decode_base64_text(std::string_view text, bool url) {
  static const Base64Table kStandard = base64_table(false);
  static const Base64Table kUrl = base64_table(true);
  const Base64Table& table = url ? kUrl : kStandard;
  const char* name = url ? "base64url" : "base64";
  const auto malformed = [&](std::size_t offset) {
    return make_error(ErrorCode::kInvalidInput, "invalid {} text at offset {} of {}: use the {} alphabet{}", name,
                      offset, text.size(), name, url ? " without padding" : " with '=' padding");
  };

  std::string_view body = text;
  std::size_t padding = 0;
  if (!url) {
    while (padding < 2 && padding < body.size() && body[body.size() - 1 - padding] == '=') ++padding;
    body.remove_suffix(padding);
  }
  Bytes bytes;
  bytes.reserve(body.size() / 4 * 3 + 2);
  std::uint32_t accumulator = 0;
  int bits = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    int value = table[static_cast<unsigned char>(body[i])];
    if (value < 0) {
      if (!url && body[i] == '=') return malformed(i);
      return make_error(ErrorCode::kInvalidInput, "invalid {} text: byte 0x{:02x} at offset {} is not in the {} alphabet",
                        name, static_cast<unsigned char>(body[i]), i, name);
    }
    accumulator = (accumulator << 6) | static_cast<std::uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<std::uint8_t>(accumulator >> bits));
      accumulator &= (1u << bits) - 1;
    }
  }
  // Base64 pads to whole quantums of four characters.
  if (!url && (text.size() % 4 != 0 || (padding > 0 && 4 - body.size() % 4 != padding))) {
    return malformed(text.size());
  }
  // A lone character in the last quantum, or set bits after the last byte.
  if (bits > 4 || accumulator != 0) return malformed(text.size());
  return bytes;
}

}  // namespace

Bytes to_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

std::string to_string(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

std::string hex_encode(const Bytes& bytes) {
  std::string text(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes.data(), bytes.size());
  text.pop_back();
  return text;
}

util::Result<Bytes> hex_decode(std::string_view text) {
  if (text.size() % 2 != 0) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid hex text: odd length {}; hex needs two digits a byte", text.size());
  }
  if (text.empty()) return Bytes();  // libsodium rejects a null output buffer
  Bytes bytes(text.size() / 2);
  std::size_t length = 0;
  const char* end = nullptr;
  int rc =
      sodium_hex2bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length, &end);
  std::size_t consumed = end ? static_cast<std::size_t>(end - text.data()) : 0;
  if (rc != 0 || consumed != text.size()) {
    return make_error(ErrorCode::kInvalidInput,
                      "invalid hex text: character at offset {} is not a hex digit", consumed);
  }
  bytes.resize(length);
  return bytes;
}

std::string base64_encode(const Bytes& bytes) {
  return sodium_base64(bytes, sodium_base64_VARIANT_ORIGINAL);
}

util::Result<Bytes> base64_decode(std::string_view text) {
  return decode_base64_text(text, /*url=*/false);
}

std::string base64url_encode(const Bytes& bytes) {
  return sodium_base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64url_encode(std::string_view bytes) { return base64url_encode(to_bytes(bytes)); }

util::Result<Bytes> base64url_decode(std::string_view text) {
  return decode_base64_text(text, /*url=*/true);
}

// base58 is a plain radix conversion with no maintained Debian library, so it
// is written here: repeated division of a big-endian byte number by 58.
std::string base58btc_encode(const Bytes& bytes) {
  std::size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;

  // log(256) / log(58) < 1.38, so this many base-58 digits always suffice.
  std::vector<std::uint8_t> digits((bytes.size() - zeros) * 138 / 100 + 1, 0);
  std::size_t used = 0;
  for (std::size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = bytes[i];
    std::size_t j = 0;
    for (auto it = digits.rbegin(); (carry != 0 || j < used) && it != digits.rend(); ++it, ++j) {
      carry += 256U * *it;
      *it = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    used = j;
  }

  std::string text(zeros, '1');
  auto first = digits.begin() + static_cast<std::ptrdiff_t>(digits.size() - used);
  for (auto it = first; it != digits.end(); ++it) text.push_back(kBase58Alphabet[*it]);
  return text;
}

util::Result<Bytes> base58btc_decode(std::string_view text) {
  // Digit value of each byte, -1 outside the alphabet.
  static const std::array<std::int8_t, 256> kDigitOf = [] {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kBase58Alphabet.size(); ++i) {
      table[static_cast<unsigned char>(kBase58Alphabet[i])] = static_cast<std::int8_t>(i);
    }
    return table;
  }();
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;

  // log(58) / log(256) < 0.733, so this many bytes always suffice.
  Bytes number((text.size() - zeros) * 733 / 1000 + 1, 0);
  std::size_t used = 0;
  // Up to five digits at a time (58^5 < 2^30): number = number * 58^k + group.
  std::size_t i = zeros;
  while (i < text.size()) {
    std::uint64_t group = 0;
    std::uint64_t scale = 1;
    for (int k = 0; k < 5 && i < text.size(); ++k, ++i) {
      int digit = kDigitOf[static_cast<unsigned char>(text[i])];
      if (digit < 0) {
        return make_error(ErrorCode::kInvalidInput,
                          "invalid base58btc text: character '{}' at offset {} is not in the "
                          "Bitcoin base58 alphabet",
                          text[i], i);
      }
      group = group * 58 + static_cast<std::uint64_t>(digit);
      scale *= 58;
    }
    std::uint64_t carry = group;
    std::size_t j = 0;
    for (auto it = number.rbegin(); (carry != 0 || j < used) && it != number.rend(); ++it, ++j) {
      carry += scale * *it;
      *it = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    used = j;
  }

  Bytes bytes(zeros, 0);
  bytes.insert(bytes.end(), number.end() - static_cast<std::ptrdiff_t>(used), number.end());
  return bytes;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t value = 0;
    std::uint32_t minimum = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    }
    if ((lead & 0xE0) == 0xC0) {
      length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      value = (value << 6) | (next & 0x3F);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

std::string multibase_encode(const Bytes& bytes, Multibase base) {
  switch (base) {
    case Multibase::kBase58Btc:
      return "z" + base58btc_encode(bytes);
    case Multibase::kBase64Url:
      return "u" + base64url_encode(bytes);
    case Multibase::kBase16:
      return "f" + hex_encode(bytes);
  }
  return {};
}

util::Result<Bytes> multibase_decode(std::string_view text) {
  if (text.empty()) {
    return make_error(ErrorCode::kInvalidInput, "invalid multibase text: it is empty");
  }
  std::string_view body = text.substr(1);
  switch (text.front()) {
    case 'z':
      return base58btc_decode(body);
    case 'u':
      return base64url_decode(body);
    case 'f':
      return hex_decode(body);
    default:
      return make_error(ErrorCode::kInvalidInput,
                        "unsupported multibase prefix '{}' in '{:.20}': use 'z' (base58btc), "
                        "'u' (base64url) or 'f' (base16)",
                        text.front(), text);
  }
}

}  // namespace trustpcf::crypto
