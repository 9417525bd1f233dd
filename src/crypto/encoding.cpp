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

bool in_base64_alphabet(char c, int variant) {
  bool alphanumeric = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  if (variant == sodium_base64_VARIANT_ORIGINAL)
    return alphanumeric || c == '+' || c == '/' || c == '=';
  return alphanumeric || c == '-' || c == '_';
}

util::Result<Bytes> sodium_unbase64(std::string_view text, int variant, const char* name) {
  // libsodium 1.0.18 decodes some bytes above 0x7F as if they were '/', so
  // the alphabet is checked here first.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!in_base64_alphabet(text[i], variant)) {
      return make_error(ErrorCode::kInvalidInput,
                        "invalid {} text: byte 0x{:02x} at offset {} is not in the {} alphabet",
                        name, static_cast<unsigned char>(text[i]), i, name);
    }
  }
  if (text.empty()) return Bytes();
  Bytes bytes(text.size() / 4 * 3 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  int rc = sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length,
                             &end, variant);
  std::size_t consumed = end ? static_cast<std::size_t>(end - text.data()) : 0;
  if (rc != 0 || consumed != text.size()) {
    return make_error(
        ErrorCode::kInvalidInput, "invalid {} text at offset {} of {}: use the {} alphabet{}", name,
        consumed, text.size(), name,
        variant == sodium_base64_VARIANT_ORIGINAL ? " with '=' padding" : " without padding");
  }
  bytes.resize(length);
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
  return sodium_unbase64(text, sodium_base64_VARIANT_ORIGINAL, "base64");
}

std::string base64url_encode(const Bytes& bytes) {
  return sodium_base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

std::string base64url_encode(std::string_view bytes) { return base64url_encode(to_bytes(bytes)); }

util::Result<Bytes> base64url_decode(std::string_view text) {
  return sodium_unbase64(text, sodium_base64_VARIANT_URLSAFE_NO_PADDING, "base64url");
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
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;

  // log(58) / log(256) < 0.733, so this many bytes always suffice.
  Bytes number((text.size() - zeros) * 733 / 1000 + 1, 0);
  std::size_t used = 0;
  for (std::size_t i = zeros; i < text.size(); ++i) {
    std::size_t digit = kBase58Alphabet.find(text[i]);
    if (digit == std::string_view::npos) {
      return make_error(ErrorCode::kInvalidInput,
                        "invalid base58btc text: character '{}' at offset {} is not in the "
                        "Bitcoin base58 alphabet",
                        text[i], i);
    }
    unsigned carry = static_cast<unsigned>(digit);
    std::size_t j = 0;
    for (auto it = number.rbegin(); (carry != 0 || j < used) && it != number.rend(); ++it, ++j) {
      carry += 58U * *it;
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
