#include "lca/entity_digest.hpp"

#include <algorithm>

#include "crypto/digest.hpp"
#include "crypto/jcs.hpp"

namespace trustpcf::lca {

std::string canonical_json(const nlohmann::json& value) { return crypto::canonicalize(value); }

std::string sha256_hex(std::string_view bytes) { return crypto::sha256_hex(bytes); }

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
