// `trustpcf supplier add|list|remove`: the supplier nodes this node requests
// footprints from, with the client credentials each issued to this node.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "space/suppliers.hpp"
#include "util/files.hpp"
#include "util/time.hpp"

namespace trustpcf::cli {

namespace {

struct SupplierArguments {
  std::string name;
  std::string url;
  std::string client_id;
  std::string client_secret_file;
  bool client_secret_stdin = false;
  std::string ca_file;
  bool json = false;
};

nlohmann::json supplier_json(const space::Supplier& supplier) {
  return {{"name", supplier.name},
          {"url", supplier.url},
          {"clientId", supplier.client_id},
          {"caFile", supplier.ca_file.string()},
          {"created", util::format_rfc3339(util::Clock::from_time_t(supplier.created_at))}};
}

// Reads the secret from the file or standard input, without the final line
// break. Errors: kUsage unless exactly one source is given; kInvalidInput
// for an empty secret; the errors of reading the file.
util::Result<std::string> read_secret(const SupplierArguments& arguments) {
  if (arguments.client_secret_file.empty() == !arguments.client_secret_stdin) {
    return util::Error(util::ErrorCode::kUsage, "give the client secret with exactly one of "
                                                "--client-secret-file FILE and --client-secret-stdin");
  }
  util::Result<std::string> text = arguments.client_secret_stdin ? util::read_stdin()
                                                                  : util::read_file(arguments.client_secret_file);
  if (!text.ok()) return text.error();
  std::string secret = *text;
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) return util::Error(util::ErrorCode::kInvalidInput, "the client secret is empty");
  return secret;
}

util::Status run_add(Context& context, const SupplierArguments& arguments) {
  space::Supplier supplier;
  supplier.name = arguments.name;
  supplier.url = arguments.url;
  supplier.client_id = arguments.client_id;
  TRUSTPCF_ASSIGN_OR_RETURN(supplier.client_secret, read_secret(arguments));
  supplier.ca_file = arguments.ca_file;

  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(space::Supplier added, space::add_supplier(*db, std::move(supplier)));
  if (arguments.json) {
    std::cout << supplier_json(added).dump(2) << "\n";
  } else {
    std::cout << "supplier '" << added.name << "' added: " << added.url << ", client id " << added.client_id << "\n"
              << "The secret is kept in clear in " << db->path().string() << " (mode 0600) to authenticate.\n";
  }
  return {};
}

util::Status run_list(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto suppliers, space::list_suppliers(*db));
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& supplier : suppliers) out.push_back(supplier_json(supplier));
    std::cout << nlohmann::json{{"suppliers", out}}.dump(2) << "\n";
    return {};
  }
  for (const auto& supplier : suppliers) {
    std::cout << supplier.name << "  " << supplier.url << "  client_id=" << supplier.client_id;
    if (!supplier.ca_file.empty()) std::cout << "  ca=" << supplier.ca_file.string();
    std::cout << "\n";
  }
  return {};
}

util::Status run_remove(Context& context, const std::string& name) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_RETURN_IF_ERROR(space::remove_supplier(*db, name));
  std::cout << "supplier '" << name << "' removed\n";
  return {};
}

}  // namespace

void add_supplier_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("supplier", "Manage the supplier nodes this node requests footprints from");
  group->require_subcommand(1);

  auto add_arguments = std::make_shared<SupplierArguments>();
  CLI::App* add = group->add_subcommand("add", "Register a supplier node and the client credentials it issued");
  add->add_option("name", add_arguments->name, "Supplier name, unique on this node")->required();
  add->add_option("--url", add_arguments->url, "Base URL of the supplier's PACT node, https://host[:port]")
      ->required();
  add->add_option("--client-id", add_arguments->client_id, "Client id the supplier's node issued to this node")
      ->required();
  add->add_option("--client-secret-file", add_arguments->client_secret_file,
                  "File holding the client secret the supplier's node issued");
  add->add_flag("--client-secret-stdin", add_arguments->client_secret_stdin,
                "Read the client secret from standard input");
  add->add_option("--ca", add_arguments->ca_file,
                  "PEM certificates to trust for this supplier (a self-signed node certificate); "
                  "default: the system's trust store");
  add->add_flag("--json", add_arguments->json, "Print the result as JSON");
  add->callback(run(context, [&context, add_arguments] { return run_add(context, *add_arguments); }));

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = group->add_subcommand("list", "List the suppliers (the secrets are not shown)");
  list->add_flag("--json", *list_json, "Print the result as JSON");
  list->callback(run(context, [&context, list_json] { return run_list(context, *list_json); }));

  auto remove_name = std::make_shared<std::string>();
  CLI::App* remove = group->add_subcommand("remove", "Remove a supplier and its stored secret");
  remove->add_option("name", *remove_name, "Supplier name")->required();
  remove->callback(run(context, [&context, remove_name] { return run_remove(context, *remove_name); }));
}

}  // namespace trustpcf::cli
