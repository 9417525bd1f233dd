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
#include "crypto/keystore.hpp"
#include "proof/engine_link.hpp"
#include "proof/evidence_computation.hpp"
#include "proof/evidence_store.hpp"
#include "proof/make_bundle.hpp"
#include "lca/entity_store.hpp"
#include "lca/tree.hpp"
#include "pcf/footprint_json.hpp"
#include "space/node_config.hpp"
#include "util/files.hpp"
#include "util/numbers.hpp"
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
  std::optional<std::string> bundle;
  std::string key = "node";
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
  std::vector<std::string> evidence;             // batch ids or prefixes
  std::vector<std::string> supplier_footprints;  // ID or ID=FLOW
  std::string disclose = "all";
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
  command->add_option("--evidence", options.evidence,
                      "Evidence batch (id or a prefix of 8+ hex digits), repeatable: its records replace the "
                      "matching exchanges of the process with measured quantities per produced unit "
                      "(see docs/evidence.md)");
  command->add_option("--supplier-footprint", options.supplier_footprints,
                      "Supplier footprint ID[=FLOW] (footprint digest or a prefix of 8+ hex digits), repeatable: "
                      "replaces the provider of the product input FLOW, by default the input named by the "
                      "footprint's productIds");
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

// The evidence batches and supplier footprints named on the command line.
struct ForegroundInputs {
  std::vector<proof::EvidenceBatch> batches;
  std::vector<proof::SupplierChoice> suppliers;
  bool empty() const { return batches.empty() && suppliers.empty(); }
};

util::Result<ForegroundInputs> load_foreground_inputs(Context& context, const ComputeOptions& options) {
  ForegroundInputs inputs;
  if (options.evidence.empty() && options.supplier_footprints.empty()) return inputs;
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  for (const std::string& id : options.evidence) {
    auto batch = proof::load_batch(*db, id);
    if (!batch.ok()) return batch.error().with_context("--evidence " + id);
    inputs.batches.push_back(std::move(batch).value());
  }
  for (const std::string& value : options.supplier_footprints) {
    std::size_t equals = value.find('=');
    std::string id = value.substr(0, equals);
    std::string flow = equals == std::string::npos ? std::string() : value.substr(equals + 1);
    auto stored = proof::load_supplier_footprint(*db, id);
    if (!stored.ok()) return stored.error().with_context("--supplier-footprint " + value);
    inputs.suppliers.push_back({stored->summary, flow});
  }
  return inputs;
}

// The calculation, from evidence when any is given.
struct Computed {
  std::shared_ptr<const lca::Database> database;
  pcf::FootprintRequest request;
  pcf::FootprintComputation computation;
  std::optional<proof::EvidenceComputation> evidence;
};

util::Result<Computed> compute(Context& context, const ComputeOptions& options, Loaded& loaded,
                               pcf::FootprintRequest request) {
  TRUSTPCF_ASSIGN_OR_RETURN(ForegroundInputs inputs, load_foreground_inputs(context, options));
  Computed computed;
  if (inputs.empty()) {
    lca::CalculationCache cache;
    TRUSTPCF_ASSIGN_OR_RETURN(computed.computation, pcf::compute_footprint(loaded.database, request, &cache));
    computed.database = std::make_shared<const lca::Database>(std::move(loaded.database));
    computed.request = std::move(request);
    return computed;
  }
  TRUSTPCF_ASSIGN_OR_RETURN(proof::EvidenceComputation evidence,
                            proof::compute_with_evidence(loaded.database, std::move(request), inputs.batches,
                                                         inputs.suppliers));
  computed.database = evidence.database;
  computed.request = evidence.request;
  computed.computation = evidence.computation;
  computed.evidence = std::move(evidence);
  return computed;
}

// Writes the proof bundle of a computation: the footprint and its
// calculation receipt, signed with the node key `options.key` (created on
// first use).
util::Status write_calculation_bundle(Context& context, const ComputeOptions& options, const Computed& computed,
                                      const std::string& digest) {
  const pcf::FootprintRequest& request = computed.request;
  const pcf::FootprintComputation& computation = computed.computation;
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore keys(home);
  auto key = keys.load(options.key);
  if (!key.ok() && key.error().code() == util::ErrorCode::kNotFound) {
    TRUSTPCF_RETURN_IF_ERROR(keys.create(options.key).status());
    std::cerr << "created signing key '" << options.key << "' for calculation receipts\n";
    key = keys.load(options.key);
  }
  if (!key.ok()) return key.error();

  nlohmann::json footprint = pcf::to_json(computation.built.footprint);
  proof::ReceiptInputs inputs = proof::receipt_inputs(request, computation, digest);
  std::vector<proof::UsedEvidence> used;
  if (computed.evidence) {
    proof::add_foreground_to_receipt(*computed.evidence, inputs);
    TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
    for (const std::string& id : computed.evidence->batch_ids) {
      TRUSTPCF_ASSIGN_OR_RETURN(proof::EvidenceBatch batch, proof::load_batch(*db, id));
      std::vector<std::uint64_t> disclosed;
      if (options.disclose == "all") {
        for (std::uint64_t i = 0; i < batch.records.size(); ++i) disclosed.push_back(i);
      }
      used.push_back({std::move(batch), std::move(disclosed)});
    }
  }
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle bundle, proof::make_bundle(footprint, inputs, used, *key));
  return proof::write_bundle(*options.bundle, bundle);
}

// Prints which exchanges evidence replaced and which supplier footprints were linked.
void print_foreground(std::ostream& out, const proof::EvidenceComputation& evidence) {
  if (evidence.evidence) {
    out << "evidence: " << evidence.batch_ids.size() << " batch(es), production "
        << util::format_decimal(evidence.evidence->produced_amount) << " from " << evidence.evidence->period_start
        << " to " << evidence.evidence->period_end << "\n";
    for (const proof::ReplacedExchange& item : evidence.evidence->replaced) {
      out << "  " << item.flow_name << ": " << util::format_decimal(item.original_amount) << " -> "
          << util::format_decimal(item.measured_amount) << " " << item.unit << " (" << item.record_digests.size()
          << " records)\n";
    }
  }
  for (const proof::LinkedSupplierFootprint& supplier : evidence.suppliers) {
    out << "supplier: " << supplier.flow_name << " from " << supplier.process_name << ", "
        << util::format_decimal(supplier.co2e_per_unit) << " kg CO2e per " << supplier.unit << "\n";
  }
  const auto& share = evidence.computation.built.footprint.pcf.primary_data_share;
  if (share) out << "primaryDataShare: " << *share << " %\n";
}

util::Status compute_command(Context& context, const ComputeOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(Loaded loaded, load(context, options));
  if (!loaded.note.empty() && !options.json) std::cerr << loaded.note << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintRequest request,
                            make_request(context, loaded.database, loaded.info, options, true));

  TRUSTPCF_ASSIGN_OR_RETURN(Computed computed, compute(context, options, loaded, std::move(request)));
  const lca::Database& database = *computed.database;
  const pcf::FootprintComputation& computation = computed.computation;

  if (options.out) {
    TRUSTPCF_RETURN_IF_ERROR(
        util::write_file_atomic(*options.out, pcf::write_product_footprint(computation.built.footprint)));
  }
  if (options.inventory_out) {
    std::string inventory = inventory_json(database, computation).dump(2) + "\n";
    TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(*options.inventory_out, inventory));
  }

  if (options.bundle) {
    TRUSTPCF_RETURN_IF_ERROR(write_calculation_bundle(context, options, computed, loaded.info.digest));
  }

  if (options.json) {
    nlohmann::json summary = summary_json(database, loaded.info, computed.request, computation);
    if (computed.evidence) summary["foreground"] = computed.evidence->foreground_definition();
    std::cout << summary.dump(2) << "\n";
  } else {
    print_summary(std::cout, database, loaded.info, computed.request, computation);
    if (computed.evidence) print_foreground(std::cout, *computed.evidence);
    if (options.out) std::cout << "footprint written to " << *options.out << "\n";
    if (options.inventory_out) std::cout << "inventory written to " << *options.inventory_out << "\n";
    if (options.bundle) {
      std::cout << "proof bundle with the calculation receipt signed by key '" << options.key << "' written to "
                << *options.bundle << "\n";
    }
  }
  return {};
}

util::Status tree_command(Context& context, const ComputeOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(Loaded loaded, load(context, options));
  if (!loaded.note.empty() && !options.json) std::cerr << loaded.note << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(pcf::FootprintRequest request,
                            make_request(context, loaded.database, loaded.info, options, false));

  TRUSTPCF_ASSIGN_OR_RETURN(Computed computed, compute(context, options, loaded, std::move(request)));
  const lca::Database& database = *computed.database;
  const pcf::FootprintComputation& computation = computed.computation;
  lca::TreeOptions tree_options;
  tree_options.max_depth = options.depth;
  tree_options.cutoff_percent = options.cutoff_percent;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::UpstreamTree tree,
                            lca::build_upstream_tree(computation.result, computation.factors, tree_options));

  if (options.json) {
    std::cout << tree_json(database, computation, tree).dump(2) << "\n";
  } else {
    print_tree(std::cout, database, computation, tree);
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
  compute->add_option("--bundle", compute_options.bundle,
                      "Write the proof bundle (footprint + signed calculation receipt) to this file");
  compute->add_option("--key", compute_options.key,
                      "Name of the node key that signs the calculation receipt (created when missing)")
      ->capture_default_str();
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
  compute->add_option("--disclose", compute_options.disclose,
                      "Evidence records disclosed in the bundle: all, or none (only the batch commitments)")
      ->check(CLI::IsMember({"all", "none"}))
      ->capture_default_str();
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
