#include "lca/jsonld_reader.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "crypto/jcs.hpp"
#include "lca/entity_digest.hpp"
#include "lca/jsonld_fields.hpp"
#include "lca/jsonld_source.hpp"

namespace trustpcf::lca {

using util::ErrorCode;
using util::make_error;

namespace {

// Folder names of openLCA JSON-LD exports (schema v1 and v2). Used only to
// recognise an export packed inside one extra top-level folder.
const std::set<std::string> kKnownTypes = {
    "actors",          "categories",   "currencies",        "dq_systems",    "epds",
    "flow_properties", "flows",        "impact_categories", "impact_methods", "locations",
    "nw_sets",         "parameters",   "processes",         "product_systems", "projects",
    "results",         "social_indicators", "sources",      "unit_groups"};

// Returns the prefix ("root/") shared by all paths when the export sits in
// one extra folder, else "".
std::string common_root(const std::vector<JsonldFile>& files) {
  if (files.empty()) return {};
  std::size_t slash = files.front().path.find('/');
  if (slash == std::string::npos) return {};
  std::string root = files.front().path.substr(0, slash + 1);
  if (kKnownTypes.contains(root.substr(0, slash))) return {};
  for (const JsonldFile& file : files) {
    if (!file.path.starts_with(root)) return {};
  }
  return root;
}

int detect_schema_version(const JsonldExport& exported, const std::optional<int>& declared) {
  if (declared) return *declared;
  auto processes = exported.entities.find("processes");
  if (processes == exported.entities.end()) return 1;
  for (const auto& [id, process] : processes->second) {
    auto exchanges = process.find("exchanges");
    if (exchanges == process.end() || !exchanges->is_array()) continue;
    for (const nlohmann::json& exchange : *exchanges) {
      if (exchange.contains("isInput")) return 2;
      if (exchange.contains("input")) return 1;
    }
  }
  return 1;
}

}  // namespace

util::Result<JsonldExport> read_jsonld_export(const std::filesystem::path& path, const ProgressCallback& progress) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<JsonldFile> files, read_jsonld_files(path));
  const std::string root = common_root(files);

  JsonldExport exported;
  std::optional<int> declared_version;
  std::vector<EntityDigestLine> lines;
  std::size_t done = 0;

  for (JsonldFile& file : files) {
    if (progress) progress(done++, files.size());
    std::string relative = file.path.substr(root.size());

    // The strict parser also rejects duplicate member names, which would
    // make the canonical form (and so the digest) ambiguous.
    auto parsed = crypto::parse_json_strict(file.contents);
    if (!parsed.ok()) {
      return make_error(ErrorCode::kInvalidInput, "'{}' in '{}' is not valid JSON: {}; repair or re-export the file",
                        file.path, path.string(), parsed.error().message());
    }
    nlohmann::json entity = std::move(parsed).value();
    file.contents.clear();
    file.contents.shrink_to_fit();

    std::size_t slash = relative.find('/');
    if (slash == std::string::npos) {
      // Top-level files describe the export itself (context.json in v1,
      // olca-schema.json with {"version": 2} in v2).
      if (relative == "olca-schema.json" && entity.is_object()) {
        if (auto version = jsonld::number_field(entity, "version")) declared_version = static_cast<int>(*version);
      }
      continue;
    }
    std::string type = relative.substr(0, relative.rfind('/'));

    std::string id = jsonld::string_field(entity, "@id");
    if (!entity.is_object() || id.empty()) {
      return make_error(ErrorCode::kInvalidInput,
                        "'{}' in '{}' is not an openLCA entity: it has no \"@id\"; remove the file or add its id",
                        file.path, path.string());
    }

    EntityRecord record;
    record.type = type;
    record.id = id;
    record.name = jsonld::string_field(entity, "name");
    record.canonical_json = canonical_json(entity);
    record.digest = sha256_hex(record.canonical_json);
    lines.push_back({record.type, record.id, record.digest});

    auto [it, inserted] = exported.entities[type].emplace(id, std::move(entity));
    if (!inserted) {
      return make_error(ErrorCode::kInvalidInput, "'{}' in '{}' repeats the id {} of another entity in {}; remove one",
                        file.path, path.string(), id, type);
    }
    exported.records.push_back(std::move(record));
  }
  if (progress) progress(files.size(), files.size());

  std::sort(exported.records.begin(), exported.records.end(), [](const EntityRecord& a, const EntityRecord& b) {
    return a.type != b.type ? a.type < b.type : a.id < b.id;
  });
  exported.schema_version = detect_schema_version(exported, declared_version);
  exported.digest = database_digest(std::move(lines));
  spdlog::debug("read JSON-LD export path={} entities={} schema={} digest={}", path.string(),
                exported.records.size(), exported.schema_version, exported.digest);
  return exported;
}

}  // namespace trustpcf::lca
