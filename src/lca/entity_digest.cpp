#include "lca/entity_digest.hpp"

#include <algorithm>

#include <sodium.h>

namespace trustpcf::lca {

// TODO: switch to crypto::canonicalize (RFC 8785) and the crypto module's
// SHA-256 once they are on main. Until then nlohmann's compact dump stands
// in: it sorts keys by UTF-8 bytes, not UTF-16 code units, and writes
// numbers differently, so digests change when the switch is made.
std::string canonical_json(const nlohmann::json& value) { return value.dump(); }

std::string sha256_hex(std::string_view bytes) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof hash);
  for (unsigned char byte : hash) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0x0f]);
  }
  return hex;
}

std::string database_digest(std::vector<EntityDigestLine> lines) {
  std::sort(lines.begin(), lines.end(), [](const EntityDigestLine& a, const EntityDigestLine& b) {
    if (a.type != b.type) return a.type + "/" < b.type + "/";
    return a.id < b.id;
  });
  std::string text;
  for (const EntityDigestLine& line : lines) {
    text += line.type;
    text += '/';
    text += line.id;
    text += ' ';
    text += line.digest;
    text += '\n';
  }
  return sha256_hex(text);
}

}  // namespace trustpcf::lca
