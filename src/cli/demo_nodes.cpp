#include "cli/demo_nodes.hpp"

#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"
#include "lca/entity_store.hpp"
#include "lca/jsonld_import.hpp"
#include "pcf/footprint_json.hpp"
#include "proof/engine_link.hpp"
#include "proof/evidence_store.hpp"
#include "proof/make_bundle.hpp"
#include "proof/publish.hpp"
#include "server/node_state.hpp"
#include "space/node_config.hpp"
#include "tlog/log.hpp"
#include "tlog/origin.hpp"
#include "util/files.hpp"
#include "util/home.hpp"
#include "util/time.hpp"

namespace trustpcf::cli {

namespace {

// The folder of the node's transparency log in its home, as `publish` and
// `serve` use it.
constexpr const char* kLogDirName = "log";

}  // namespace

util::Result<std::unique_ptr<DemoNode>> DemoNode::create(const std::filesystem::path& home, std::string name,
                                                         std::string company_id) {
  std::unique_ptr<DemoNode> node(new DemoNode());
  node->name_ = std::move(name);
  node->company_id_ = std::move(company_id);
  node->home_ = home;
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(home, 0700));

  space::InitOptions init;
  init.name = node->name_;
  init.company_id = node->company_id_;
  TRUSTPCF_RETURN_IF_ERROR(space::init_node(home, init).status());
  TRUSTPCF_ASSIGN_OR_RETURN(node->db_, store::Database::open(home / util::kStoreFileName));
  return node;
}

DemoNode::~DemoNode() {
  if (server_) server_->stop();
}

util::Status DemoNode::start() {
  server::ServerOptions options;
  options.home = home_;
  options.host = space::kDefaultListenHost;
  options.port = 0;
  TRUSTPCF_ASSIGN_OR_RETURN(server_, server::NodeServer::create(options));
  TRUSTPCF_RETURN_IF_ERROR(server_->start().status());
  return {};
}

std::string DemoNode::url() const { return "https://127.0.0.1:" + std::to_string(server_->port()); }

std::filesystem::path DemoNode::certificate() const { return home_ / space::kTlsCertificateFileName; }

util::Result<crypto::Ed25519KeyPair> DemoNode::key(const std::string& name) {
  crypto::KeyStore keys(home_);
  auto key = keys.load(name);
  if (!key.ok() && key.error().code() == util::ErrorCode::kNotFound) {
    TRUSTPCF_RETURN_IF_ERROR(keys.create(name).status());
    key = keys.load(name);
  }
  return key;
}

util::Result<std::string> DemoNode::import_database(const std::filesystem::path& folder) {
  lca::ImportOptions options;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::ImportResult imported, lca::import_database(*db_, folder, options));
  return imported.info.digest;
}

util::Result<proof::EvidenceBatch> DemoNode::add_evidence(const std::filesystem::path& csv,
                                                          const std::string& source_key) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(csv));
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<nlohmann::json> raw, proof::parse_activity_csv(text));
  TRUSTPCF_ASSIGN_OR_RETURN(lca::DatabaseInfo info, lca::resolve_database(*db_, std::nullopt));
  TRUSTPCF_ASSIGN_OR_RETURN(lca::Database model, lca::load_database(*db_, info.digest));
  proof::UnitCatalog units = proof::UnitCatalog::fallback();
  units.add_units_of(model);

  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair source, key(source_key));
  auto batch = proof::build_batch(raw, units, source.public_key(), &source);
  if (!batch.ok()) return batch.error().with_context(csv.string());
  TRUSTPCF_RETURN_IF_ERROR(proof::store_batch(*db_, *batch, csv.string()).status());
  return batch;
}

std::string DemoNode::log_verifier_key() const {
  auto key = tlog::load_or_create_log_key(home_ / kLogDirName, tlog::default_log_origin());
  return key.ok() ? key->verifier_key() : std::string();
}

util::Status DemoNode::publish(proof::Bundle& bundle, const std::string& key_name) {
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair participant, key(key_name));
  return proof::publish(bundle, *server_->state().log, crypto::did_key_of(participant.public_key()),
                        util::Clock::now());
}

util::Result<ComputedBundle> compute_bundle(DemoNode& node, const std::string& process, const std::string& key_name,
                                            const PrimaryData& primary) {
  TRUSTPCF_ASSIGN_OR_RETURN(lca::DatabaseInfo info, lca::resolve_database(node.db(), std::nullopt));
  TRUSTPCF_ASSIGN_OR_RETURN(lca::Database database, lca::load_database(node.db(), info.digest));
  TRUSTPCF_ASSIGN_OR_RETURN(const lca::Process* found, pcf::find_process(database, process));

  pcf::FootprintRequest request;
  request.process_id = found->id;
  request.database_name = info.name;
  request.created = util::format_rfc3339(util::Clock::now());
  request.company_name = node.name();
  request.company_ids = {node.company_id()};

  ComputedBundle computed;
  std::vector<proof::UsedEvidence> used;
  proof::ReceiptInputs inputs;
  if (primary.batches.empty() && primary.suppliers.empty()) {
    lca::CalculationCache cache;
    TRUSTPCF_ASSIGN_OR_RETURN(computed.computation, pcf::compute_footprint(database, request, &cache));
    inputs = proof::receipt_inputs(request, computed.computation, info.digest);
  } else {
    TRUSTPCF_ASSIGN_OR_RETURN(computed.evidence,
                              proof::compute_with_evidence(database, request, primary.batches, primary.suppliers));
    computed.computation = computed.evidence->computation;
    inputs = proof::receipt_inputs(computed.evidence->request, computed.computation, info.digest);
    proof::add_foreground_to_receipt(*computed.evidence, inputs);
    for (const proof::EvidenceBatch& batch : primary.batches) {
      std::vector<std::uint64_t> disclosed;
      for (std::uint64_t i = 0; i < batch.records.size(); ++i) disclosed.push_back(i);
      used.push_back({batch, std::move(disclosed)});
    }
  }
  nlohmann::json footprint = pcf::to_json(computed.computation.built.footprint);
  computed.product_id = footprint["productIds"][0].get<std::string>();

  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair key, node.key(key_name));
  TRUSTPCF_ASSIGN_OR_RETURN(computed.bundle, proof::make_bundle(footprint, inputs, used, key));
  return computed;
}

util::Result<proof::CertifyReport> certify_bundle(DemoNode& verifier, const std::string& key_name,
                                                  proof::Bundle& bundle) {
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair key, verifier.key(key_name));
  proof::StatusListStore statuses(verifier.db());
  proof::EngineRecomputer recomputer(verifier.db());
  proof::CertifyOptions options;
  options.recomputer = &recomputer;
  options.provider_name = verifier.name();
  options.now = util::format_rfc3339(util::Clock::now());
  return proof::certify(bundle, key, statuses, options);
}

}  // namespace trustpcf::cli
