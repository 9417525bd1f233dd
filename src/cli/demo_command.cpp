// `trustpcf demo`: the whole supply-chain story on loopback. Three nodes in
// a fresh folder (an aluminium supplier, a window-frame manufacturer, a
// verification body) compute, certify, publish, exchange over the PACT API
// and verify footprints of the bundled sample, with numbered output.

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/context.hpp"
#include "cli/demo_nodes.hpp"
#include "cli/footprint_output.hpp"
#include "cli/request_output.hpp"
#include "cli/trust_keys.hpp"
#include "cli/verify_output.hpp"
#include "crypto/did_key.hpp"
#include "proof/evidence_store.hpp"
#include "proof/supplier_footprint.hpp"
#include "proof/verify.hpp"
#include "space/footprint_store.hpp"
#include "space/partners.hpp"
#include "space/suppliers.hpp"
#include "space/usage_policies.hpp"
#include "util/files.hpp"
#include "util/numbers.hpp"

namespace trustpcf::cli {

namespace {

// The sample's processes: the supplier's product and the manufacturer's.
constexpr const char* kSupplierProcess = "Powder coating of aluminium profiles | CN";
constexpr const char* kManufacturerProcess = "Window frame assembly and packing, aluminium | CN";
// The signing key each node uses for receipts, certificates and disclosures.
constexpr const char* kNodeKey = "node";
constexpr const char* kPurpose = "PCF calculation";
// The manufacturer's activity data in the sample folder, and the key of its source.
constexpr const char* kEvidenceFile = "evidence/window-frame-2025.csv";
constexpr const char* kEvidenceKey = "plant-meter";
// Significant digits of the totals printed; the bundles keep every digit.
constexpr int kPrintedDigits = 4;

struct DemoArguments {
  std::string data = TRUSTPCF_DEFAULT_SAMPLE_DIR;
  std::string keep;
};

// The demo's folder: a new temporary folder, removed with the homes in it
// at the end, or the --keep folder, which stays.
class DemoFolder {
 public:
  static util::Result<DemoFolder> create(const std::string& keep) {
    DemoFolder folder;
    if (!keep.empty()) {
      folder.path_ = std::filesystem::absolute(keep);
      folder.keep_ = true;
      if (std::filesystem::exists(folder.path_) && !std::filesystem::is_empty(folder.path_)) {
        return util::make_error(util::ErrorCode::kUsage, "--keep {} is not empty; give a new or empty folder",
                                folder.path_.string());
      }
      TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(folder.path_, 0700));
      return folder;
    }
    std::string pattern = (std::filesystem::temp_directory_path() / "trustpcf-demo-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return util::make_error(util::ErrorCode::kStorage, "cannot create a temporary folder {}", pattern);
    }
    folder.path_ = pattern;
    return folder;
  }

  DemoFolder() = default;
  DemoFolder(DemoFolder&& other) noexcept : path_(std::move(other.path_)), keep_(other.keep_) { other.path_.clear(); }
  DemoFolder(const DemoFolder&) = delete;
  DemoFolder& operator=(const DemoFolder&) = delete;
  ~DemoFolder() {
    if (keep_ || path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  bool keep() const { return keep_; }

 private:
  std::filesystem::path path_;
  bool keep_ = false;
};

struct Participants {
  std::unique_ptr<DemoNode> supplier;
  std::unique_ptr<DemoNode> manufacturer;
  std::unique_ptr<DemoNode> verifier;
};

std::string did_of(DemoNode& node) {
  auto key = node.key(kNodeKey);
  return key.ok() ? crypto::did_key_of(key->public_key()) : std::string("?");
}

void print_step(int number, const std::string& title) { std::cout << "\n" << number << ". " << title << "\n"; }

std::string total_text(const ComputedBundle& computed) {
  return util::format_decimal(computed.computation.total, kPrintedDigits) + " kg CO2e per " +
         computed.bundle.footprint["pcf"].value("declaredUnitAmount", "1") + " " +
         computed.bundle.footprint["pcf"].value("declaredUnitOfMeasurement", "unit");
}

// Certifies `bundle` at the verification body and prints every check.
// Errors: kVerification when a check failed.
util::Status certify_and_print(Participants& nodes, proof::Bundle& bundle) {
  TRUSTPCF_ASSIGN_OR_RETURN(proof::CertifyReport report, certify_bundle(*nodes.verifier, kNodeKey, bundle));
  std::cout << "   " << nodes.verifier->name() << " checks the bundle:\n";
  for (const auto& check : report.checks) {
    std::cout << "   " << (check.passed ? "PASS  " : "FAIL  ") << check.name << ": " << check.reason << "\n";
  }
  if (!report.passed()) {
    return util::Error(util::ErrorCode::kVerification, "certification failed: a check of the verification body failed (see the FAIL lines)");
  }
  std::cout << "   certificate " << (*bundle.credential)["id"].get<std::string>() << " issued by "
            << nodes.verifier->name() << "\n";
  return {};
}

// Publishes `bundle` in `node`'s log and prints the entries.
util::Status publish_and_print(DemoNode& node, proof::Bundle& bundle) {
  TRUSTPCF_RETURN_IF_ERROR(node.publish(bundle, kNodeKey));
  for (const auto& entry : bundle.disclosure->entries) {
    std::cout << "   disclosed in " << node.name() << "'s transparency log, entry " << entry.index << "\n";
  }
  return {};
}

util::Result<Participants> start_participants(const DemoFolder& folder) {
  Participants nodes;
  TRUSTPCF_ASSIGN_OR_RETURN(nodes.supplier, DemoNode::create(folder.path() / "supplier", "Example Aluminium Profiles Co.",
                                                             "urn:trustpcf:example:aluminium-supplier"));
  TRUSTPCF_ASSIGN_OR_RETURN(nodes.manufacturer,
                            DemoNode::create(folder.path() / "manufacturer", "Example Aluminium Windows Co.",
                                             "urn:trustpcf:example:window-maker"));
  TRUSTPCF_ASSIGN_OR_RETURN(nodes.verifier, DemoNode::create(folder.path() / "verification-body",
                                                             "Example Verification Body",
                                                             "urn:trustpcf:example:verification-body"));
  const std::pair<const char*, DemoNode*> roles[] = {
      {"supplier", nodes.supplier.get()}, {"manufacturer", nodes.manufacturer.get()}, {"verification body", nodes.verifier.get()}};
  for (const auto& [role, node] : roles) {
    TRUSTPCF_RETURN_IF_ERROR(node->start());
    std::cout << "   " << fmt::format("{:<18}{:<31}", role, node->name()) << node->url() << "\n";
  }
  return nodes;
}

// The state the steps of the story hand on to each other.
struct Story {
  std::filesystem::path sample;         // the sample's LCI database folder
  std::filesystem::path evidence_file;  // the manufacturer's activity data
  std::filesystem::path bundles;        // where the bundles are written
  Participants nodes;
  crypto::Ed25519PublicKey verifier_key;  // the verification body's key, trusted by all
  crypto::Ed25519PublicKey supplier_log;  // the supplier's log key
  ComputedBundle coated;                  // the supplier's footprint
  space::Supplier supplier;               // the supplier as the manufacturer registered it
  std::string coated_digest;              // its footprint digest in the manufacturer's evidence
  proof::EvidenceBatch batch;             // the manufacturer's activity data
  ComputedBundle frame;                   // the manufacturer's footprint
  std::filesystem::path final_bundle;
};

// 1. The supplier's certified, published footprint, offered over PACT.
util::Status supplier_publishes(Story& story) {
  print_step(1, "The supplier computes its footprint, gets it certified and publishes it");
  Participants& nodes = story.nodes;
  TRUSTPCF_ASSIGN_OR_RETURN(std::string digest, nodes.supplier->import_database(story.sample));
  std::cout << "   imported the sample LCI database (digest " << digest.substr(0, 16) << "...)\n";
  TRUSTPCF_ASSIGN_OR_RETURN(story.coated, compute_bundle(*nodes.supplier, kSupplierProcess, kNodeKey));
  std::cout << "   computed \"" << kSupplierProcess << "\": " << total_text(story.coated) << "\n"
            << "   calculation receipt signed by " << did_of(*nodes.supplier) << "\n";

  // The verification body imports the same background database, to repeat the calculation.
  TRUSTPCF_RETURN_IF_ERROR(nodes.verifier->import_database(story.sample).status());
  TRUSTPCF_RETURN_IF_ERROR(certify_and_print(nodes, story.coated.bundle));
  TRUSTPCF_RETURN_IF_ERROR(publish_and_print(*nodes.supplier, story.coated.bundle));
  TRUSTPCF_RETURN_IF_ERROR(proof::write_bundle(story.bundles / "coated-profile.bundle.json", story.coated.bundle));

  TRUSTPCF_RETURN_IF_ERROR(
      space::import_footprints(nodes.supplier->db(), {proof::bundle_to_footprint(story.coated.bundle)}, {.own = true}).status());
  std::cout << "   offered at " << nodes.supplier->url() << "/3/footprints as product " << story.coated.product_id
            << "\n";
  return {};
}

// 2. Access for the manufacturer, and its registration of the supplier.
util::Status supplier_grants_access(Story& story) {
  print_step(2, "The supplier grants the manufacturer access");
  Participants& nodes = story.nodes;
  TRUSTPCF_ASSIGN_OR_RETURN(space::NewPartner partner,
                            space::add_partner(nodes.supplier->db(), "window-maker", nodes.manufacturer->url()));
  space::PolicyGrant grant;
  grant.partner = partner.partner.name;
  grant.scope = space::PolicyScope::kProduct;
  grant.value = story.coated.product_id;
  grant.purpose = kPurpose;
  TRUSTPCF_ASSIGN_OR_RETURN(space::UsagePolicy policy, space::grant_policy(nodes.supplier->db(), grant));
  std::cout << "   partner 'window-maker' added, client id " << partner.partner.client_id << "\n"
            << "   usage policy " << policy.id << ": product " << story.coated.product_id << ", purpose \""
            << kPurpose << "\"\n";

  story.supplier.name = "alu-supplier";
  story.supplier.url = nodes.supplier->url();
  story.supplier.client_id = partner.partner.client_id;
  story.supplier.client_secret = partner.client_secret;
  story.supplier.ca_file = nodes.supplier->certificate();
  TRUSTPCF_RETURN_IF_ERROR(space::add_supplier(nodes.manufacturer->db(), story.supplier).status());
  std::cout << "   the manufacturer registers the supplier and the credentials it received\n";
  return {};
}

// 3. The request over PACT, verified link by link and kept as evidence.
util::Status manufacturer_requests(Story& story) {
  print_step(3, "The manufacturer requests the footprint over the PACT API and verifies it");
  Participants& nodes = story.nodes;
  space::SupplierRequest request;
  request.base_url = story.supplier.url;
  request.credentials = {story.supplier.client_id, story.supplier.client_secret};
  request.ca_file = story.supplier.ca_file;
  request.product_id = story.coated.product_id;
  TRUSTPCF_ASSIGN_OR_RETURN(story.supplier_log, log_verifier_public_key(nodes.supplier->log_verifier_key()));
  TRUSTPCF_ASSIGN_OR_RETURN(story.verifier_key, crypto::resolve_did_key(did_of(*nodes.verifier)));
  request.trusted = {story.verifier_key, story.supplier_log};
  std::cout << "   trusting the verification body " << did_of(*nodes.verifier) << "\n"
            << "   and the supplier's log key " << nodes.supplier->log_verifier_key() << "\n";

  TRUSTPCF_ASSIGN_OR_RETURN(space::SupplierResponse response,
                            space::request_supplier_footprints(nodes.manufacturer->db(), request));
  print_supplier_response(std::cout, response, "   ");
  TRUSTPCF_RETURN_IF_ERROR(supplier_response_status(response, story.supplier.name, story.coated.product_id));
  story.coated_digest = response.footprints.front().footprint_digest;
  return {};
}

// 4. The manufacturer's own footprint from primary data.
util::Status manufacturer_computes(Story& story) {
  print_step(4, "The manufacturer computes its own footprint from its evidence and the supplier's figure");
  DemoNode& manufacturer = *story.nodes.manufacturer;
  TRUSTPCF_RETURN_IF_ERROR(manufacturer.import_database(story.sample).status());
  TRUSTPCF_ASSIGN_OR_RETURN(story.batch, manufacturer.add_evidence(story.evidence_file, kEvidenceKey));
  std::cout << "   " << story.batch.records.size() << " activity records of "
            << story.evidence_file.filename().string() << " signed by their source (key '" << kEvidenceKey
            << "'), batch " << story.batch.commitment()["batchId"].get<std::string>().substr(0, 16) << "...\n";

  TRUSTPCF_ASSIGN_OR_RETURN(proof::SupplierFootprint coated,
                            proof::load_supplier_footprint(manufacturer.db(), story.coated_digest));
  PrimaryData primary;
  primary.batches = {story.batch};
  primary.suppliers = {{coated.summary, ""}};
  TRUSTPCF_ASSIGN_OR_RETURN(story.frame, compute_bundle(manufacturer, kManufacturerProcess, kNodeKey, primary));
  std::cout << "   computed \"" << kManufacturerProcess << "\": " << total_text(story.frame) << "\n";
  print_foreground(std::cout, *story.frame.evidence, "   ");
  return {};
}

// 5. Certification and disclosure. The verification body receives the
// evidence batch and the supplier's bundle with the manufacturer's, since
// it repeats the calculation from them, and checks the bundle itself.
util::Status certify_and_publish_frame(Story& story) {
  print_step(5, "The verification body certifies it, the manufacturer publishes it");
  Participants& nodes = story.nodes;
  const std::string origin = "received from " + nodes.manufacturer->name();
  TRUSTPCF_RETURN_IF_ERROR(proof::store_batch(nodes.verifier->db(), story.batch, origin).status());
  TRUSTPCF_ASSIGN_OR_RETURN(proof::SupplierFootprint coated,
                            proof::load_supplier_footprint(nodes.manufacturer->db(), story.coated_digest));
  proof::VerifyOptions supplier_trust;
  supplier_trust.trusted = {story.verifier_key, story.supplier_log};
  proof::VerifyReport supplier_report = proof::verify_bundle(coated.bundle, supplier_trust);
  TRUSTPCF_RETURN_IF_ERROR(
      proof::store_supplier_footprint(nodes.verifier->db(), coated.bundle, origin, supplier_report).status());
  std::cout << "   received the evidence batch and the supplier's bundle, verified: "
            << (supplier_report.passed() ? "PASS" : "FAIL") << "\n";

  TRUSTPCF_RETURN_IF_ERROR(certify_and_print(nodes, story.frame.bundle));
  TRUSTPCF_RETURN_IF_ERROR(publish_and_print(*nodes.manufacturer, story.frame.bundle));
  story.final_bundle = story.bundles / "window-frame.bundle.json";
  return proof::write_bundle(story.final_bundle, story.frame.bundle);
}

// 6. The customer checks the file it received, trusting only two keys.
// Returns whether every link passed.
util::Result<bool> customer_verifies(Story& story) {
  print_step(6, "A customer verifies the final bundle offline");
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle received, proof::read_bundle(story.final_bundle));
  proof::VerifyOptions verify_options;
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519PublicKey manufacturer_log,
                            log_verifier_public_key(story.nodes.manufacturer->log_verifier_key()));
  verify_options.trusted = {story.verifier_key, manufacturer_log};
  proof::VerifyReport report = proof::verify_bundle(received, verify_options);
  print_links(std::cout, report, "   ");
  std::cout << "   verdict: " << (report.passed() ? "PASS" : "FAIL") << "\n\n";
  return report.passed();
}

util::Status run_demo(const DemoArguments& arguments) {
  Story story;
  const std::filesystem::path data = arguments.data;
  story.sample = data / "window-frame";
  story.evidence_file = data / kEvidenceFile;
  for (const std::filesystem::path& needed : {story.sample, story.evidence_file}) {
    if (!std::filesystem::exists(needed)) {
      return util::make_error(util::ErrorCode::kNotFound,
                              "{} of the bundled sample is missing; pass --data DIR with the data/sample folder "
                              "of the trustpcf sources",
                              needed.string());
    }
  }

  TRUSTPCF_ASSIGN_OR_RETURN(DemoFolder folder, DemoFolder::create(arguments.keep));
  std::cout << "trustpcf demo: three nodes on loopback, in " << folder.path().string() << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(story.nodes, start_participants(folder));
  story.bundles = folder.path() / "bundles";
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(story.bundles));

  TRUSTPCF_RETURN_IF_ERROR(supplier_publishes(story));
  TRUSTPCF_RETURN_IF_ERROR(supplier_grants_access(story));
  TRUSTPCF_RETURN_IF_ERROR(manufacturer_requests(story));
  TRUSTPCF_RETURN_IF_ERROR(manufacturer_computes(story));
  TRUSTPCF_RETURN_IF_ERROR(certify_and_publish_frame(story));
  TRUSTPCF_ASSIGN_OR_RETURN(bool passed, customer_verifies(story));

  if (folder.keep()) {
    // The running binary's path, since trustpcf is often not on PATH (a build tree).
    std::error_code ignored;
    std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", ignored);
    std::cout << "kept the node homes and bundles in " << folder.path().string() << "; check the final bundle with\n"
              << "   " << (binary.empty() ? std::string("trustpcf") : binary.string()) << " verify "
              << story.final_bundle.string() << " --trust " << did_of(*story.nodes.verifier)
              << " --trust '" << story.nodes.manufacturer->log_verifier_key() << "'\n";
  } else {
    std::cout << "removing " << folder.path().string() << " (run with --keep DIR to keep the homes and bundles)\n";
  }
  if (!passed) {
    return util::Error(util::ErrorCode::kVerification, "the final bundle did not verify (see the FAIL lines)");
  }
  return {};
}

}  // namespace

void add_demo_commands(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<DemoArguments>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Run the supply-chain story on loopback: supplier, manufacturer, verification body, customer");
  demo->add_option("--data", arguments->data, "The data/sample folder of the trustpcf sources")
      ->capture_default_str();
  demo->add_option("--keep", arguments->keep,
                   "Keep the node homes and bundles in this new or empty folder (default: a temporary "
                   "folder, removed at the end)");
  demo->callback(run(context, [arguments] { return run_demo(*arguments); }));
}

}  // namespace trustpcf::cli
