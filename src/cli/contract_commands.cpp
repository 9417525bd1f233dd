// `trustpcf contract list|approve|reject`: partners' requests for access.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "space/contracts.hpp"

namespace trustpcf::cli {

namespace {

util::Status run_list(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto contracts, space::list_contracts(*db));
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& contract : contracts) out.push_back(contract.to_json());
    std::cout << nlohmann::json{{"contracts", out}}.dump(2) << "\n";
    return {};
  }
  for (const auto& contract : contracts) {
    std::cout << contract.id << "  " << contract.status << "  " << contract.partner_name << "  "
              << space::policy_scope_name(contract.scope) << (contract.value.empty() ? "" : " " + contract.value)
              << "  purpose=\"" << contract.purpose << "\"\n";
  }
  return {};
}

util::Status print_decision(const space::Contract& contract, bool json) {
  if (json) {
    std::cout << contract.to_json().dump(2) << "\n";
  } else {
    std::cout << "contract " << contract.id << " " << contract.status
              << (contract.policy_id.empty() ? "" : "; usage policy " + contract.policy_id) << "\n";
  }
  return {};
}

}  // namespace

void add_contract_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("contract", "Review partners' requests for access");
  group->require_subcommand(1);

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = group->add_subcommand("list", "List contracts, newest first");
  list->add_flag("--json", *list_json, "Print the result as JSON");
  list->callback(run(context, [&context, list_json] { return run_list(context, *list_json); }));

  struct Decision {
    std::string id;
    std::string reason;
    bool json = false;
  };
  auto approve_arguments = std::make_shared<Decision>();
  CLI::App* approve = group->add_subcommand("approve", "Approve a pending contract, granting its usage policy");
  approve->add_option("id", approve_arguments->id, "Contract id")->required();
  approve->add_flag("--json", approve_arguments->json, "Print the result as JSON");
  approve->callback(run(context, [&context, approve_arguments]() -> util::Status {
    TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
    TRUSTPCF_ASSIGN_OR_RETURN(space::Contract contract, space::approve_contract(*db, approve_arguments->id));
    return print_decision(contract, approve_arguments->json);
  }));

  auto reject_arguments = std::make_shared<Decision>();
  CLI::App* reject = group->add_subcommand("reject", "Reject a pending contract");
  reject->add_option("id", reject_arguments->id, "Contract id")->required();
  reject->add_option("--reason", reject_arguments->reason, "Reason shown to the partner");
  reject->add_flag("--json", reject_arguments->json, "Print the result as JSON");
  reject->callback(run(context, [&context, reject_arguments]() -> util::Status {
    TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
    TRUSTPCF_ASSIGN_OR_RETURN(space::Contract contract,
                              space::reject_contract(*db, reject_arguments->id, reject_arguments->reason));
    return print_decision(contract, reject_arguments->json);
  }));
}

}  // namespace trustpcf::cli
