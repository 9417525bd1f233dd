// trustpcf db: import openLCA JSON-LD exports into the node's store, list
// the imported databases and search them by name.

#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "util/strings.hpp"
#include "lca/entity_search.hpp"
#include "lca/entity_store.hpp"
#include "lca/characterization.hpp"
#include "lca/jsonld_import.hpp"
#include "lca/linking.hpp"

namespace trustpcf::cli {

namespace {

struct WarningSummary {
  std::size_t count = 0;
  std::string example;
};

std::map<std::string, WarningSummary> summarize_warnings(const std::vector<lca::ImportWarning>& warnings) {
  std::map<std::string, WarningSummary> summary;
  for (const lca::ImportWarning& warning : warnings) {
    WarningSummary& entry = summary[warning.kind];
    if (entry.count++ == 0) entry.example = warning.message;
  }
  return summary;
}

nlohmann::json database_json(const lca::DatabaseInfo& info) {
  return {{"name", info.name},
          {"digest", info.digest},
          {"sourcePath", info.source_path},
          {"schemaVersion", info.schema_version},
          {"importedAt", info.imported_at},
          {"counts", info.counts}};
}

// Rows of each list printed in the text summary; --json lists all.
constexpr size_t kSummaryRows = 10;

// Collects what the user should know about a database before computing with it:
// cut-offs, products with several providers and the provider each consumer
// gets, and greenhouse-gas-like flows without a characterization factor.
nlohmann::json database_findings(const lca::Database& model) {
  lca::ProviderIndex index(model);
  lca::LinkingSummary linking = lca::summarize_linking(index);
  auto name_of = [&](const auto& entities, const std::string& id) {
    auto it = entities.find(id);
    return it == entities.end() ? id : util::trim(it->second.name);
  };

  nlohmann::json cut_offs = nlohmann::json::array();
  for (const lca::CutOff& cut_off : linking.cut_offs) {
    cut_offs.push_back({{"flowId", cut_off.flow_id},
                        {"flowName", name_of(model.flows, cut_off.flow_id)},
                        {"consumerProcessId", cut_off.consumer_process_id},
                        {"consumerProcessName", name_of(model.processes, cut_off.consumer_process_id)}});
  }
  nlohmann::json several = nlohmann::json::array();
  for (const auto& [flow_id, providers] : linking.flows_with_several_providers) {
    several.push_back({{"flowId", flow_id}, {"flowName", name_of(model.flows, flow_id)}, {"providerIds", providers}});
  }
  nlohmann::json choices = nlohmann::json::array();
  for (const lca::LinkChoice& choice : linking.multi_provider_choices) {
    choices.push_back({{"consumerProcessId", choice.consumer_process_id},
                       {"flowId", choice.flow_id},
                       {"flowName", name_of(model.flows, choice.flow_id)},
                       {"providerProcessId", choice.provider_process_id},
                       {"providerProcessName", name_of(model.processes, choice.provider_process_id)},
                       {"rule", lca::link_rule_name(choice.rule)}});
  }
  nlohmann::json without_factor = nlohmann::json::array();
  for (const auto& [id, flow] : model.flows) {
    if (flow.type == lca::FlowType::kElementary && lca::looks_like_ghg_without_factor(flow)) {
      std::string compartment;
      for (const std::string& part : flow.category_path) compartment += (compartment.empty() ? "" : "/") + part;
      without_factor.push_back({{"flowId", id}, {"name", util::trim(flow.name)}, {"compartment", compartment}});
    }
  }
  return {{"cutOffs", cut_offs},
          {"productsWithSeveralProviders", several},
          {"providerChoices", choices},
          {"greenhouseGasesWithoutFactor", without_factor}};
}

void print_findings(const nlohmann::json& findings) {
  const nlohmann::json& cut_offs = findings["cutOffs"];
  std::cout << fmt::format("cut-offs: {} product input(s) or waste output(s) have no provider\n", cut_offs.size());
  for (size_t i = 0; i < cut_offs.size() && i < kSummaryRows; ++i) {
    std::cout << fmt::format("  '{}' in '{}'\n", cut_offs[i]["flowName"].get<std::string>(),
                             cut_offs[i]["consumerProcessName"].get<std::string>());
  }
  if (cut_offs.size() > kSummaryRows) std::cout << fmt::format("  ... and {} more (--json lists all)\n", cut_offs.size() - kSummaryRows);

  const nlohmann::json& several = findings["productsWithSeveralProviders"];
  const nlohmann::json& choices = findings["providerChoices"];
  std::cout << fmt::format("products with several providers: {}; {} consumer link(s) chose among them\n",
                           several.size(), choices.size());
  // The same product usually goes to many consumers from the same provider:
  // list each (product, provider, rule) once with its number of consumers.
  std::map<std::tuple<std::string, std::string, std::string>, size_t> grouped;
  for (const nlohmann::json& choice : choices) {
    ++grouped[{choice["flowName"].get<std::string>(), choice["providerProcessName"].get<std::string>(),
               choice["rule"].get<std::string>()}];
  }
  size_t listed = 0;
  for (const auto& [key, consumers] : grouped) {
    if (listed++ == kSummaryRows) {
      std::cout << fmt::format("  ... and {} more (--json lists all)\n", grouped.size() - kSummaryRows);
      break;
    }
    const auto& [flow, provider, rule] = key;
    std::cout << fmt::format("  '{}' from '{}' for {} consumer(s) (rule {})\n", flow, provider, consumers, rule);
  }

  const nlohmann::json& without_factor = findings["greenhouseGasesWithoutFactor"];
  std::cout << fmt::format("greenhouse-gas-like elementary flows without a characterization factor: {}\n",
                           without_factor.size());
  for (size_t i = 0; i < without_factor.size() && i < kSummaryRows; ++i) {
    std::cout << fmt::format("  '{}' ({})\n", without_factor[i]["name"].get<std::string>(),
                             without_factor[i]["compartment"].get<std::string>());
  }
  if (without_factor.size() > kSummaryRows) {
    std::cout << fmt::format("  ... and {} more (--json lists all)\n", without_factor.size() - kSummaryRows);
  }
}

void print_import_summary(const lca::ImportResult& result, bool json) {
  auto warnings = summarize_warnings(result.warnings);
  nlohmann::json findings = database_findings(result.model);
  if (json) {
    nlohmann::json output = database_json(result.info);
    output.update(findings);
    output["alreadyImported"] = result.already_imported;
    output["warnings"] = nlohmann::json::array();
    for (const auto& [kind, entry] : warnings) {
      output["warnings"].push_back({{"kind", kind}, {"count", entry.count}, {"example", entry.example}});
    }
    std::cout << output.dump(2) << "\n";
    return;
  }

  const lca::DatabaseInfo& info = result.info;
  if (result.already_imported) {
    std::cout << fmt::format("database '{}' with the same content is already imported ({}); nothing changed\n",
                             info.name, info.imported_at);
  } else {
    std::cout << fmt::format("imported database '{}' (openLCA JSON-LD schema v{}) from {}\n", info.name,
                             info.schema_version, info.source_path);
  }
  std::cout << "entities:\n";
  for (const auto& [type, count] : info.counts) std::cout << fmt::format("  {:<20} {:>7}\n", type, count);
  if (!warnings.empty()) {
    std::cout << fmt::format("warnings ({} in total; --log-level debug lists each):\n", result.warnings.size());
    for (const auto& [kind, entry] : warnings) {
      std::cout << fmt::format("  {:<36} {:>6}  e.g. {}\n", kind, entry.count, entry.example);
    }
  }
  print_findings(findings);
  std::cout << fmt::format("digest: {}\n", info.digest);
}

util::Status import_command(Context& context, const std::string& path, const std::string& name, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  lca::ImportOptions options;
  options.name = name;
  options.show_progress = !context.quiet && !json;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::ImportResult result, lca::import_database(*db, path, options));
  print_import_summary(result, json);
  return {};
}

util::Status list_command(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<lca::DatabaseInfo> databases, lca::list_databases(*db));
  if (json) {
    nlohmann::json output = {{"databases", nlohmann::json::array()}};
    for (const lca::DatabaseInfo& info : databases) output["databases"].push_back(database_json(info));
    std::cout << output.dump(2) << "\n";
    return {};
  }
  if (databases.empty()) {
    std::cout << "no LCI database is imported; run `trustpcf db import PATH`\n";
    return {};
  }
  for (const lca::DatabaseInfo& info : databases) {
    auto count = [&](const char* type) {
      auto it = info.counts.find(type);
      return it == info.counts.end() ? std::int64_t{0} : it->second;
    };
    std::cout << fmt::format("{}  {}  {} processes, {} flows, imported {} from {}\n", info.name, info.digest,
                             count("processes"), count("flows"), info.imported_at, info.source_path);
  }
  return {};
}

util::Status search_command(Context& context, const std::string& text, const std::string& type,
                            const std::optional<std::string>& database, bool json) {
  std::vector<lca::SearchType> types;
  if (type.empty()) {
    types = {lca::SearchType::kProcess, lca::SearchType::kProduct};
  } else if (type == "process") {
    types = {lca::SearchType::kProcess};
  } else if (type == "product") {
    types = {lca::SearchType::kProduct};
  } else {
    types = {lca::SearchType::kFlow};
  }

  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  std::string note;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::DatabaseInfo info, lca::resolve_database(*db, database, &note));
  if (!note.empty()) std::cerr << note << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(lca::Database model, lca::load_database(*db, info.digest));
  std::vector<lca::SearchHit> hits = lca::search_model(model, text, types);

  if (json) {
    nlohmann::json output = {{"database", info.name}, {"digest", info.digest}, {"results", nlohmann::json::array()}};
    for (const lca::SearchHit& hit : hits) {
      nlohmann::json entry = {{"type", lca::search_type_name(hit.type)}, {"id", hit.id}, {"name", hit.name}};
      if (hit.type == lca::SearchType::kProcess) entry["location"] = hit.detail;
      if (hit.type == lca::SearchType::kFlow) entry["category"] = hit.detail;
      if (hit.type == lca::SearchType::kProduct) entry["providers"] = hit.provider_ids;
      output["results"].push_back(std::move(entry));
    }
    std::cout << output.dump(2) << "\n";
    return {};
  }

  for (const lca::SearchHit& hit : hits) {
    std::string detail = hit.detail;
    if (hit.type == lca::SearchType::kProduct) {
      detail = hit.provider_ids.empty() ? "no provider" : fmt::format("{} provider(s)", hit.provider_ids.size());
    }
    std::cout << fmt::format("{:<8} {}  {}{}\n", lca::search_type_name(hit.type), hit.id, hit.name,
                             detail.empty() ? "" : "  [" + detail + "]");
  }
  if (hits.empty()) std::cout << fmt::format("nothing in '{}' matches '{}'\n", info.name, text);
  return {};
}

}  // namespace

void add_db_commands(CLI::App& app, Context& context) {
  CLI::App* db = app.add_subcommand("db", "Import and search LCI databases (openLCA JSON-LD)");
  db->require_subcommand(1);

  struct ImportOptions {
    std::string path;
    std::string name;
    bool json = false;
  };
  auto import_options = std::make_shared<ImportOptions>();
  CLI::App* import = db->add_subcommand("import", "Import an openLCA JSON-LD export (.zip or folder) into the store");
  import->add_option("PATH", import_options->path, "The export: a .zip file or an unpacked folder")->required();
  import->add_option("--name", import_options->name,
                     "Name of the database in the store (default: the file or folder name without .zip)");
  import->add_flag("--json", import_options->json, "Print the summary as JSON");
  import->callback(run(context, [&context, import_options] {
    return import_command(context, import_options->path, import_options->name, import_options->json);
  }));

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = db->add_subcommand("list", "List the imported databases, oldest first");
  list->add_flag("--json", *list_json, "Print the list as JSON");
  list->callback(run(context, [&context, list_json] { return list_command(context, *list_json); }));

  struct SearchOptions {
    std::string text;
    std::string type;
    std::optional<std::string> database;
    bool json = false;
  };
  auto search_options = std::make_shared<SearchOptions>();
  CLI::App* search = db->add_subcommand("search", "Find processes and products by name (case-insensitive substring)");
  search->add_option("TEXT", search_options->text, "Text the name contains")->required();
  search->add_option("--type", search_options->type,
                     "Search only processes, products (product and waste flows with their providers) or all flows")
      ->check(CLI::IsMember({"process", "product", "flow"}));
  search->add_option("--database", search_options->database,
                     "Database name or digest (default: the only one, else the most recently imported)");
  search->add_flag("--json", search_options->json, "Print the results as JSON");
  search->callback(run(context, [&context, search_options] {
    return search_command(context, search_options->text, search_options->type, search_options->database,
                          search_options->json);
  }));
}

}  // namespace trustpcf::cli
