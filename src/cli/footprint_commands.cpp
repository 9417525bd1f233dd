// trustpcf footprint compute|tree: the product footprint of a process from
// an imported LCI database, with the figures that explain it.

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "cli/footprint_output.hpp"
#include "lca/entity_store.hpp"
#include "lca/tree.hpp"
#include "pcf/footprint_json.hpp"
#include "space/node_config.hpp"
#include "util/files.hpp"
#include "util/time.hpp"

namespace trustpcf::cli {

namespace {

struct ComputeOptions {
  std::optional<std::string> database;
  std::string process;
  std::optional<std::string> product;
  double amount = 1.0;
  std::string allocation = "default";
  std::string method = "ipcc-ar6-gwp100";
  std::optional<std::string> out;
  std::optional<std::string> inventory_out;
  bool json = false;
  std::optional<std::string> created;
  std::optional<std::string> footprint_id;
  std::optional<std::string> period_start;
  std::optional<std::string> period_end;
  std::optional<std::string> company_name;
  std::vector<std::string> company_ids;
  std::vector<std::string> product_ids;
  std::string comment;
  int depth = lca::kDefaultTreeDepth;
  double cutoff_percent = 1.0;
};

void add_calculation_options(CLI::App* command, ComputeOptions& options) {
  command->add_option("--database", options.database,
                      "Database name or digest (default: the only one, else the latest import)");
  command->add_option("--process", options.process, "Process name or id (see `trustpcf db search`)")
      ->required();
  command->add_option("--product", options.product,
                      "Product flow name or id (default: the process's quantitative reference)");
  command->add_option("--amount", options.amount, "Amount of product, in its reference unit")
      ->capture_default_str();
  command->add_option("--allocation", options.allocation, "default, physical, economic, causal or none")
      ->capture_default_str();
  command->add_option("--method", options.method, "ipcc-ar6-gwp100 or ipcc-ar5-gwp100")->capture_default_str();
  command->add_flag("--json", options.json, "Print the result as JSON (see docs/cli.md)");
}

// Turns the command-line options into a footprint request on `database`.
// A tree writes no footprint, so it runs without a company id.
constexpr const char* kUnspecifiedCompanyId = "urn:trustpcf:company:unspecified";

util::Result<pcf::FootprintRequest> make_request(Context& context, const lca::Database& database,
                                                 const lca::DatabaseInfo& info, const ComputeOptions& options,
                                                 bool require_company) {
  pcf::FootprintRequest request;
  TRUSTPCF_ASSIGN_OR_RETURN(const lca::Process* process, pcf::find_process(database, options.process));
  request.process_id = process->id;
  if (options.product) {
    TRUSTPCF_ASSIGN_OR_RETURN(const lca::Flow* product, pcf::find_product(database, *process, *options.product));
    request.product_flow_id = product->id;
  }
  request.amount = options.amount;
  TRUSTPCF_ASSIGN_OR_RETURN(request.allocation, lca::parse_allocation_mode(options.allocation));
  TRUSTPCF_ASSIGN_OR_RETURN(request.method, lca::parse_gwp_method(options.method));
  request.database_name = info.name;
  request.created = options.created.value_or(util::format_rfc3339(util::Clock::now()));
  request.footprint_id = options.footprint_id.value_or("");
  request.reference_period_start = options.period_start.value_or("");
  request.reference_period_end = options.period_end.value_or("");
  request.extra_product_ids = options.product_ids;
  request.comment = options.comment;

  // The company: options first, then the node identity from `trustpcf init`.
  request.company_ids = options.company_ids;
  if (options.company_name) request.company_name = *options.company_name;
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  auto node = space::load_node_config(home);
  if (node.ok()) {
    if (request.company_name.empty()) request.company_name = node->name;
    if (request.company_ids.empty()) request.company_ids.push_back(node->company_id);
  }
  if (request.company_ids.empty() && !require_company) request.company_ids.push_back(kUnspecifiedCompanyId);
  if (request.company_ids.empty()) {
    return util::make_error(util::ErrorCode::kUsage,
                            "the footprint needs the company's id: pass --company-id URN, or run "
                            "`trustpcf init --name NAME --company-id URN` once for this node");
  }
  if (request.company_name.empty()) request.company_name = request.company_ids.front();
  return request;
}

struct Loaded {
  lca::DatabaseInfo info;
  lca::Database database;
  std::string note;
};

util::Result<Loaded> load(Context& context, const ComputeOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  Loaded loaded;
  TRUSTPCF_ASSIGN_OR_RETURN(loaded.info, lca::resolve_database(*db, options.database, &loaded.note));
  TRUSTPCF_ASSIGN_OR_RETURN(loaded.database, lca::load_database(*db, loaded.info.digest));
  return loaded;
}

util::Status compute_command(Context& context, const ComputeOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(Loaded loaded, load(context, options));
  if (!loaded.note.empty() && !options.json) std::cerr << loaded.note << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintRequest request,
                            make_request(context, loaded.database, loaded.info, options, true));

  lca::CalculationCache cache;
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintComputation computation,
                            pcf::compute_footprint(loaded.database, request, &cache));

  if (options.out) {
    TRUSTPCF_RETURN_IF_ERROR(
        util::write_file_atomic(*options.out, pcf::write_product_footprint(computation.built.footprint)));
  }
  if (options.inventory_out) {
    std::string inventory = inventory_json(loaded.database, computation).dump(2) + "\n";
    TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(*options.inventory_out, inventory));
  }

  if (options.json) {
    std::cout << summary_json(loaded.database, loaded.info, request, computation).dump(2) << "\n";
  } else {
    print_summary(std::cout, loaded.database, loaded.info, request, computation);
    if (options.out) std::cout << "footprint written to " << *options.out << "\n";
    if (options.inventory_out) std::cout << "inventory written to " << *options.inventory_out << "\n";
  }
  return {};
}

util::Status tree_command(Context& context, const ComputeOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(Loaded loaded, load(context, options));
  if (!loaded.note.empty() && !options.json) std::cerr << loaded.note << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintRequest request,
                            make_request(context, loaded.database, loaded.info, options, false));

  lca::CalculationCache cache;
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintComputation computation,
                            pcf::compute_footprint(loaded.database, request, &cache));
  lca::TreeOptions tree_options;
  tree_options.max_depth = options.depth;
  tree_options.cutoff_percent = options.cutoff_percent;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::UpstreamTree tree,
                            lca::build_upstream_tree(computation.result, computation.factors, tree_options));

  if (options.json) {
    std::cout << tree_json(loaded.database, computation, tree).dump(2) << "\n";
  } else {
    print_tree(std::cout, loaded.database, computation, tree);
  }
  return {};
}

}  // namespace

void add_footprint_commands(CLI::App& app, Context& context) {
  CLI::App* footprint = app.add_subcommand("footprint", "Compute and explain product footprints");
  footprint->require_subcommand(1);
  static ComputeOptions compute_options;
  static ComputeOptions tree_options;

  CLI::App* compute = footprint->add_subcommand(
      "compute", "Compute the PACT v3 product footprint of a process's product and explain it");
  add_calculation_options(compute, compute_options);
  compute->add_option("--out", compute_options.out, "Write the PACT v3 ProductFootprint JSON to this file");
  compute->add_option("--inventory-out", compute_options.inventory_out,
                      "Write the life-cycle inventory (elementary and boundary flows) as JSON to this file");
  compute->add_option("--created", compute_options.created,
                      "Creation time written in the footprint, RFC 3339 (default: now)");
  compute->add_option("--id", compute_options.footprint_id,
                      "Footprint id, a UUID (default: derived from the inputs, so reruns give the same id)");
  compute->add_option("--period-start", compute_options.period_start,
                      "Reference period start, RFC 3339 (default: 1 January of the year before --created)");
  compute->add_option("--period-end", compute_options.period_end,
                      "Reference period end, RFC 3339, exclusive (default: 1 January of --created's year)");
  compute->add_option("--company-name", compute_options.company_name,
                      "Company name (default: the node's name from `trustpcf init`)");
  compute->add_option("--company-id", compute_options.company_ids,
                      "Company id URN, repeatable (default: the node's company id)");
  compute->add_option("--product-id", compute_options.product_ids,
                      "Further product id URN, repeatable (urn:uuid:<flow id> is always included)");
  compute->add_option("--comment", compute_options.comment, "Comment written in the footprint");
  compute->callback(run(context, [&context] { return compute_command(context, compute_options); }));

  CLI::App* tree = footprint->add_subcommand(
      "tree", "Show the upstream (supply-chain) tree with each node's share of the footprint");
  add_calculation_options(tree, tree_options);
  tree->add_option("--depth", tree_options.depth, "Deepest level shown (the product is level 0)")
      ->capture_default_str();
  tree->add_option("--cutoff", tree_options.cutoff_percent,
                   "Hide nodes below this percentage of the total, by magnitude")
      ->capture_default_str();
  tree->add_option("--company-id", tree_options.company_ids, "Company id URN (default: the node's)");
  tree->callback(run(context, [&context] { return tree_command(context, tree_options); }));
}

}  // namespace trustpcf::cli
