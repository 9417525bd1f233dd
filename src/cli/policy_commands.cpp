// `trustpcf policy grant|list|revoke`: usage policies for partners.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "space/footprint_filter.hpp"
#include "space/usage_policies.hpp"
#include "util/time.hpp"

namespace trustpcf::cli {

namespace {

struct GrantArguments {
  std::string partner;
  bool all = false;
  std::string product;
  std::string footprint;
  std::string purpose;
  std::string until;
  bool reshare = false;
  bool json = false;
};

std::string rfc3339(std::int64_t seconds) {
  return util::format_rfc3339(util::Clock::time_point(std::chrono::seconds(seconds)));
}

nlohmann::json policy_json(const space::UsagePolicy& policy) {
  nlohmann::json json = {{"id", policy.id},
                         {"partnerId", policy.partner_id},
                         {"partner", policy.partner_name},
                         {"scope", space::policy_scope_name(policy.scope)},
                         {"value", policy.value},
                         {"purpose", policy.purpose},
                         {"reshare", policy.reshare},
                         {"created", rfc3339(policy.created_at)}};
  json["validUntil"] = policy.valid_until ? nlohmann::json(rfc3339(*policy.valid_until)) : nlohmann::json(nullptr);
  json["revoked"] = policy.revoked_at ? nlohmann::json(rfc3339(*policy.revoked_at)) : nlohmann::json(nullptr);
  return json;
}

util::Status run_grant(Context& context, const GrantArguments& arguments) {
  space::PolicyGrant grant;
  grant.partner = arguments.partner;
  grant.purpose = arguments.purpose;
  grant.reshare = arguments.reshare;
  int scopes = static_cast<int>(arguments.all) + static_cast<int>(!arguments.product.empty()) +
               static_cast<int>(!arguments.footprint.empty());
  if (scopes != 1) {
    return util::make_error(util::ErrorCode::kUsage, "give exactly one of --all, --product URN or --footprint ID");
  }
  if (!arguments.product.empty()) {
    grant.scope = space::PolicyScope::kProduct;
    grant.value = arguments.product;
  } else if (!arguments.footprint.empty()) {
    grant.scope = space::PolicyScope::kFootprint;
    grant.value = arguments.footprint;
  }
  if (!arguments.until.empty()) {
    util::Result<std::int64_t> until = space::parse_filter_time(arguments.until);
    if (!until.ok()) return until.error().with_context("--until");
    grant.valid_until = *until;
  }
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(space::UsagePolicy policy, space::grant_policy(*db, grant));
  if (arguments.json) {
    std::cout << policy_json(policy).dump(2) << "\n";
  } else {
    std::cout << "usage policy " << policy.id << " granted to '" << policy.partner_name << "'\n";
  }
  return {};
}

util::Status run_list(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto policies, space::list_policies(*db));
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& policy : policies) out.push_back(policy_json(policy));
    std::cout << nlohmann::json{{"policies", out}}.dump(2) << "\n";
    return {};
  }
  for (const auto& policy : policies) {
    std::cout << policy.id << "  " << policy.partner_name << "  " << space::policy_scope_name(policy.scope)
              << (policy.value.empty() ? "" : " " + policy.value) << "  purpose=\"" << policy.purpose << "\""
              << (policy.valid_until ? "  until=" + rfc3339(*policy.valid_until) : "")
              << (policy.reshare ? "  reshare" : "") << (policy.revoked_at ? "  REVOKED" : "") << "\n";
  }
  return {};
}

util::Status run_revoke(Context& context, const std::string& id) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_RETURN_IF_ERROR(space::revoke_policy(*db, id));
  std::cout << "usage policy " << id << " revoked\n";
  return {};
}

}  // namespace

void add_policy_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("policy", "Manage usage policies: which partner sees which footprints");
  group->require_subcommand(1);

  auto grant_arguments = std::make_shared<GrantArguments>();
  CLI::App* grant = group->add_subcommand("grant", "Grant a partner access to footprints");
  grant->add_option("partner", grant_arguments->partner, "Partner name, id or client id")->required();
  grant->add_flag("--all", grant_arguments->all, "Cover every footprint of this node");
  grant->add_option("--product", grant_arguments->product, "Cover the footprints of this product id URN");
  grant->add_option("--footprint", grant_arguments->footprint, "Cover the footprint with this id (UUID)");
  grant->add_option("--purpose", grant_arguments->purpose, "Purpose of use, e.g. \"PCF calculation\"")->required();
  grant->add_option("--until", grant_arguments->until, "End of the grant, RFC 3339 date or date-time (exclusive)");
  grant->add_flag("--reshare", grant_arguments->reshare, "Allow the partner to pass the footprints on");
  grant->add_flag("--json", grant_arguments->json, "Print the result as JSON");
  grant->callback(run(context, [&context, grant_arguments] { return run_grant(context, *grant_arguments); }));

  auto list_json = std::make_shared<bool>(false);
  CLI::App* list = group->add_subcommand("list", "List usage policies, revoked ones included");
  list->add_flag("--json", *list_json, "Print the result as JSON");
  list->callback(run(context, [&context, list_json] { return run_list(context, *list_json); }));

  auto revoke_id = std::make_shared<std::string>();
  CLI::App* revoke = group->add_subcommand("revoke", "Revoke a usage policy");
  revoke->add_option("id", *revoke_id, "Policy id")->required();
  revoke->callback(run(context, [&context, revoke_id] { return run_revoke(context, *revoke_id); }));
}

}  // namespace trustpcf::cli
