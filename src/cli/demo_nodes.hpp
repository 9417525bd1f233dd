#pragma once

// The participants of `trustpcf demo`. Each is a node home in the demo's
// folder with its identity, store, keys and an in-process HTTPS server on a
// free loopback port. The steps every node of the story takes (compute,
// certify, publish) are built from the library calls the commands use.

#include <filesystem>
#include <memory>
#include <string>

#include "crypto/ed25519.hpp"
#include "pcf/footprint_computation.hpp"
#include "proof/bundle.hpp"
#include "proof/certify.hpp"
#include "proof/evidence.hpp"
#include "proof/evidence_computation.hpp"
#include "server/node_server.hpp"
#include "store/database.hpp"

namespace trustpcf::cli {

class DemoNode {
 public:
  // Initialises the node in `home` (trustpcf init: node.json, token key,
  // self-signed certificate) and opens its store. Errors: those of
  // space::init_node and store::Database::open.
  static util::Result<std::unique_ptr<DemoNode>> create(const std::filesystem::path& home, std::string name,
                                                        std::string company_id);
  ~DemoNode();  // stops the server

  // Starts the node's server on 127.0.0.1 with a free port. Errors: those
  // of server::NodeServer::create and start.
  util::Status start();

  const std::string& name() const { return name_; }
  const std::string& company_id() const { return company_id_; }
  const std::filesystem::path& home() const { return home_; }
  store::Database& db() { return *db_; }
  std::string url() const;  // https://127.0.0.1:PORT; precondition: started
  std::filesystem::path certificate() const;

  // Loads the node's signing key `name`, creating it on first use.
  util::Result<crypto::Ed25519KeyPair> key(const std::string& name);

  // Imports the openLCA JSON-LD folder as the node's background database
  // and returns its digest. Errors: those of lca::import_database.
  util::Result<std::string> import_database(const std::filesystem::path& folder);

  // Reads activity records from the CSV file, signs them with the node key
  // `source_key` (the source of the data) and stores the batch, as
  // `evidence add` does. Errors: those of parse_activity_csv, build_batch
  // and store_batch.
  util::Result<proof::EvidenceBatch> add_evidence(const std::filesystem::path& csv, const std::string& source_key);

  // The C2SP verifier key of the node's transparency log; precondition: started.
  std::string log_verifier_key() const;

  // Appends the bundle's disclosure entries to the log the node serves, as
  // the participant with signing key `key_name`. Precondition: started.
  util::Status publish(proof::Bundle& bundle, const std::string& key_name);

 private:
  DemoNode() = default;

  std::string name_;
  std::string company_id_;
  std::filesystem::path home_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<server::NodeServer> server_;
};

// Primary data for a calculation: evidence batches applied to the
// foreground process and supplier footprints linked in place of providers.
struct PrimaryData {
  std::vector<proof::EvidenceBatch> batches;
  std::vector<proof::SupplierChoice> suppliers;
};

// A computed footprint with its proof bundle.
struct ComputedBundle {
  pcf::FootprintComputation computation;
  std::optional<proof::EvidenceComputation> evidence;  // set when primary data was given
  proof::Bundle bundle;
  std::string product_id;  // the first of the footprint's productIds
};

// Computes the footprint of one unit of the product of `process` with the
// node's only background database and `primary` data, as `footprint
// compute --bundle [--evidence ...] [--supplier-footprint ...]` does,
// disclosing every evidence record, and signs the receipt with the node
// key `key_name`. Errors: those of pcf::compute_footprint,
// proof::compute_with_evidence and proof::make_bundle.
util::Result<ComputedBundle> compute_bundle(DemoNode& node, const std::string& process, const std::string& key_name,
                                            const PrimaryData& primary = {});

// Certifies `bundle` as the verification body `verifier` (signing key
// `key_name`) does with `certify`, repeating the calculation with its own
// store. Returns the report; the bundle carries the credential when it
// passed. Errors: those of proof::certify.
util::Result<proof::CertifyReport> certify_bundle(DemoNode& verifier, const std::string& key_name,
                                                  proof::Bundle& bundle);

}  // namespace trustpcf::cli
