// `trustpcf partner add|list`: the companies this node shares footprints with.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "space/partners.hpp"

namespace trustpcf::cli {

namespace {

struct PartnerArguments {
  std::string name;
  std::string url;
  std::string remote_client_id;
  std::string remote_client_secret;
  bool json = false;
};

nlohmann::json partner_json(const space::Partner& partner) {
  return {{"id", partner.id},
          {"name", partner.name},
          {"url", partner.url},
          {"clientId", partner.client_id},
          {"eventDelivery", !partner.remote_client_id.empty()}};
}

util::Status run_add(Context& context, const PartnerArguments& arguments) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(space::NewPartner added,
                            space::add_partner(*db, arguments.name, arguments.url, arguments.remote_client_id,
                                               arguments.remote_client_secret));
  if (arguments.json) {
    nlohmann::json out = partner_json(added.partner);
    out["clientSecret"] = added.client_secret;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "partner '" << added.partner.name << "' added (" << added.partner.id << ")\n"
              << "client id:     " << added.partner.client_id << "\n"
              << "client secret: " << added.client_secret << "\n"
              << "The secret is shown only now; give both to the partner over a private channel.\n";
  }
  return {};
}

util::Status run_list(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto partners, space::list_partners(*db));
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& partner : partners) out.push_back(partner_json(partner));
    std::cout << nlohmann::json{{"partners", out}}.dump(2) << "\n";
    return {};
  }
  for (const auto& partner : partners) {
    std::cout << partner.name << "  " << partner.url << "  client_id=" << partner.client_id << "  id=" << partner.id
              << "\n";
  }
  return {};
}

}  // namespace

void add_partner_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("partner", "Manage the partners (data recipients) of this node");
  group->require_subcommand(1);

  auto add_arguments = std::make_shared<PartnerArguments>();
  CLI::App* add = group->add_subcommand("add", "Add a partner and issue its client credentials (secret shown once)");
  add->add_option("name", add_arguments->name, "Partner name, unique on this node")->required();
  add->add_option("--url", add_arguments->url, "Base URL of the partner's PACT node, https://host[:port]")->required();
  add->add_option("--remote-client-id", add_arguments->remote_client_id,
                  "Client id the partner issued to this node, for sending it events");
  add->add_option("--remote-client-secret", add_arguments->remote_client_secret,
                  "Client secret the partner issued to this node (stored in the node's store)");
  add->add_flag("--json", add_arguments->json, "Print the result as JSON");
  add->callback(run(context, [&context, add_arguments] { return run_add(context, *add_arguments); }));

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = group->add_subcommand("list", "List the partners");
  list->add_flag("--json", *list_json, "Print the result as JSON");
  list->callback(run(context, [&context, list_json] { return run_list(context, *list_json); }));
}

}  // namespace trustpcf::cli
