#pragma once

// Content digests of imported entities and databases.
//
// Entity digest: lower-case hex SHA-256 of the entity's RFC 8785 (JCS)
// canonical form, computed over the JSON object exactly as the export contains
// it (all fields, "@context" included when present).
//
// Database digest: lower-case hex SHA-256 of the concatenation, over all
// entities sorted by "TYPE/ID" (byte order), of the lines
//   TYPE "/" ID " " ENTITY_DIGEST "\n"
// where TYPE is the export folder of the entity ("processes", "flows",
// "unit_groups", ...) and ID its "@id". Top-level files of the export
// (context.json, olca-schema.json) are not entities and are not included.

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustpcf::lca {

// Returns the RFC 8785 canonical text of `value`.
std::string canonical_json(const nlohmann::json& value);

// Returns the lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

struct EntityDigestLine {
  std::string type;
  std::string id;
  std::string digest;  // entity digest, hex
};

// Computes the database digest defined above. `lines` may come in any order.
std::string database_digest(std::vector<EntityDigestLine> lines);

}  // namespace trustpcf::lca
