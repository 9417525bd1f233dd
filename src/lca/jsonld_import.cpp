#include "lca/jsonld_import.hpp"

#include <optional>

#include <spdlog/spdlog.h>

#include "lca/jsonld_reader.hpp"
#include "util/progress.hpp"
#include "util/time.hpp"

namespace trustpcf::lca {

using util::ErrorCode;
using util::make_error;

std::string default_database_name(const std::filesystem::path& path) {
  std::filesystem::path clean = path.lexically_normal();
  if (clean.filename().empty()) clean = clean.parent_path();
  std::string name = clean.filename().string();
  if (name.size() > 4 && name.ends_with(".zip")) name.resize(name.size() - 4);
  return name;
}

util::Result<ImportResult> import_database(store::Database& db, const std::filesystem::path& path,
                                           const ImportOptions& options) {
  TRUSTPCF_RETURN_IF_ERROR(ensure_lca_schema(db));
  const std::string name = options.name.empty() ? default_database_name(path) : options.name;
  if (name.empty()) {
    return make_error(ErrorCode::kUsage, "cannot derive a database name from '{}'; pass --name", path.string());
  }

  JsonldExport exported;
  {
    std::optional<util::Progress> progress;
    auto report = [&](std::size_t done, std::size_t total) {
      if (!progress) progress.emplace("reading", total, options.show_progress);
      progress->update(done);
    };
    TRUSTPCF_ASSIGN_OR_RETURN(exported, read_jsonld_export(path, report));
  }

  ImportResult result;
  TRUSTPCF_ASSIGN_OR_RETURN(result.model, build_database(exported.entities, result.warnings));
  result.model.digest = exported.digest;
  for (const ImportWarning& warning : result.warnings) {
    spdlog::debug("import warning kind={} {}", warning.kind, warning.message);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(std::optional<DatabaseInfo> same_content, find_database(db, exported.digest));
  if (same_content) {
    result.info = *same_content;
    result.already_imported = true;
    spdlog::info("import skipped, content already stored name={} digest={}", same_content->name, exported.digest);
    return result;
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::optional<DatabaseInfo> same_name, find_database(db, name));
  if (same_name) {
    return make_error(ErrorCode::kInvalidInput,
                      "database name '{}' is taken by other content (digest {}, imported {}); choose another "
                      "name with --name",
                      name, same_name->digest, same_name->imported_at);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(auto transaction, store::Transaction::begin(db));
  {
    util::Progress progress("storing", exported.records.size(), options.show_progress);
    auto report = [&](std::size_t done, std::size_t) { progress.update(done); };
    std::error_code ignored;
    std::filesystem::path source = std::filesystem::absolute(path, ignored).lexically_normal();
    TRUSTPCF_ASSIGN_OR_RETURN(result.info, insert_database(db, exported, name, source.string(),
                                                           util::format_rfc3339(util::Clock::now()), report));
  }
  TRUSTPCF_RETURN_IF_ERROR(transaction.commit());
  spdlog::info("imported LCI database name={} digest={} entities={}", name, exported.digest, exported.records.size());
  return result;
}

}  // namespace trustpcf::lca
