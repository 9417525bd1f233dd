// `trustpcf demo`: the whole supply-chain story on loopback. Three nodes in
// a fresh folder (an aluminium supplier, a window-frame manufacturer, a
// verification body) compute, certify, publish, exchange over the PACT API
// and verify footprints of the bundled sample, with numbered output.

#include <cstdlib>
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

util::Status run_demo(const DemoArguments& arguments) {
  const std::filesystem::path data = arguments.data;
  const std::filesystem::path sample = data / "window-frame";
  if (!std::filesystem::is_directory(sample)) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "the bundled sample {} is missing; pass --data DIR with the data/sample folder of "
                            "the trustpcf sources",
                            sample.string());
  }
  if (!std::filesystem::is_regular_file(data / kEvidenceFile)) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "the sample's evidence file {} is missing; pass --data DIR with the data/sample folder "
                            "of the trustpcf sources",
                            (data / kEvidenceFile).string());
  }
  TRUSTPCF_ASSIGN_OR_RETURN(DemoFolder folder, DemoFolder::create(arguments.keep));
  std::cout << "trustpcf demo: three nodes on loopback, in " << folder.path().string() << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(Participants nodes, start_participants(folder));
  const std::filesystem::path bundles = folder.path() / "bundles";
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(bundles));

  // 1. The supplier's certified, published footprint, offered over PACT.
  print_step(1, "The supplier computes its footprint, gets it certified and publishes it");
  TRUSTPCF_ASSIGN_OR_RETURN(std::string digest, nodes.supplier->import_database(sample));
  std::cout << "   imported the sample LCI database (digest " << digest.substr(0, 16) << "...)\n";
  TRUSTPCF_ASSIGN_OR_RETURN(ComputedBundle coated, compute_bundle(*nodes.supplier, kSupplierProcess, kNodeKey));
  std::cout << "   computed \"" << kSupplierProcess << "\": " << total_text(coated) << "\n"
            << "   calculation receipt signed by " << did_of(*nodes.supplier) << "\n";
  // The verification body imports the same background database, to repeat the calculation.
  TRUSTPCF_RETURN_IF_ERROR(nodes.verifier->import_database(sample).status());
  TRUSTPCF_RETURN_IF_ERROR(certify_and_print(nodes, coated.bundle));
  TRUSTPCF_RETURN_IF_ERROR(publish_and_print(*nodes.supplier, coated.bundle));
  TRUSTPCF_RETURN_IF_ERROR(proof::write_bundle(bundles / "coated-profile.bundle.json", coated.bundle));
  TRUSTPCF_RETURN_IF_ERROR(
      space::import_footprints(nodes.supplier->db(), {proof::bundle_to_footprint(coated.bundle)}).status());
  std::cout << "   offered at " << nodes.supplier->url() << "/3/footprints as product " << coated.product_id << "\n";

  // 2. Access for the manufacturer.
  print_step(2, "The supplier grants the manufacturer access");
  TRUSTPCF_ASSIGN_OR_RETURN(space::NewPartner partner,
                            space::add_partner(nodes.supplier->db(), "window-maker", nodes.manufacturer->url()));
  space::PolicyGrant grant;
  grant.partner = partner.partner.name;
  grant.scope = space::PolicyScope::kProduct;
  grant.value = coated.product_id;
  grant.purpose = kPurpose;
  TRUSTPCF_ASSIGN_OR_RETURN(space::UsagePolicy policy, space::grant_policy(nodes.supplier->db(), grant));
  std::cout << "   partner 'window-maker' added, client id " << partner.partner.client_id << "\n"
            << "   usage policy " << policy.id << ": product " << coated.product_id << ", purpose \"" << kPurpose
            << "\"\n";
  space::Supplier supplier;
  supplier.name = "alu-supplier";
  supplier.url = nodes.supplier->url();
  supplier.client_id = partner.partner.client_id;
  supplier.client_secret = partner.client_secret;
  supplier.ca_file = nodes.supplier->certificate();
  TRUSTPCF_RETURN_IF_ERROR(space::add_supplier(nodes.manufacturer->db(), supplier).status());
  std::cout << "   the manufacturer registers the supplier and the credentials it received\n";

  // 3. The request over PACT, verified link by link.
  print_step(3, "The manufacturer requests the footprint over the PACT API and verifies it");
  space::SupplierRequest request;
  request.base_url = supplier.url;
  request.credentials = {supplier.client_id, supplier.client_secret};
  request.ca_file = supplier.ca_file;
  request.product_id = coated.product_id;
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519PublicKey supplier_log, log_verifier_public_key(nodes.supplier->log_verifier_key()));
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519PublicKey verifier_key, crypto::resolve_did_key(did_of(*nodes.verifier)));
  request.trusted = {verifier_key, supplier_log};
  std::cout << "   trusting the verification body " << did_of(*nodes.verifier) << "\n"
            << "   and the supplier's log key " << nodes.supplier->log_verifier_key() << "\n";
  TRUSTPCF_ASSIGN_OR_RETURN(space::SupplierResponse response,
                            space::request_supplier_footprints(nodes.manufacturer->db(), request));
  print_supplier_response(std::cout, response, "   ");
  TRUSTPCF_RETURN_IF_ERROR(supplier_response_status(response, supplier.name, coated.product_id));

  // 4. The manufacturer's own footprint from primary data.
  print_step(4, "The manufacturer computes its own footprint from its evidence and the supplier's figure");
  TRUSTPCF_RETURN_IF_ERROR(nodes.manufacturer->import_database(sample).status());
  const std::filesystem::path evidence_file = data / kEvidenceFile;
  TRUSTPCF_ASSIGN_OR_RETURN(proof::EvidenceBatch batch, nodes.manufacturer->add_evidence(evidence_file, kEvidenceKey));
  std::cout << "   " << batch.records.size() << " activity records of " << evidence_file.filename().string()
            << " signed by its source (key '" << kEvidenceKey << "'), batch " << batch.commitment()["batchId"].get<std::string>().substr(0, 16)
            << "...\n";
  TRUSTPCF_ASSIGN_OR_RETURN(proof::SupplierFootprint coated_evidence,
                            proof::load_supplier_footprint(nodes.manufacturer->db(),
                                                           response.footprints.front().footprint_digest));
  PrimaryData primary;
  primary.batches = {batch};
  primary.suppliers = {{coated_evidence.summary, ""}};
  TRUSTPCF_ASSIGN_OR_RETURN(ComputedBundle frame,
                            compute_bundle(*nodes.manufacturer, kManufacturerProcess, kNodeKey, primary));
  std::cout << "   computed \"" << kManufacturerProcess << "\": " << total_text(frame) << "\n";
  print_foreground(std::cout, *frame.evidence, "   ");

  // 5. Certification and disclosure. The verification body receives the
  // evidence batch and the supplier's bundle with the manufacturer's, since
  // it repeats the calculation from them, and checks the bundle itself.
  print_step(5, "The verification body certifies it, the manufacturer publishes it");
  TRUSTPCF_RETURN_IF_ERROR(proof::store_batch(nodes.verifier->db(), batch, "received from " + nodes.manufacturer->name()).status());
  proof::VerifyOptions supplier_trust;
  supplier_trust.trusted = {verifier_key, supplier_log};
  proof::VerifyReport supplier_report = proof::verify_bundle(coated_evidence.bundle, supplier_trust);
  TRUSTPCF_RETURN_IF_ERROR(proof::store_supplier_footprint(nodes.verifier->db(), coated_evidence.bundle,
                                                           "received from " + nodes.manufacturer->name(), supplier_report)
                               .status());
  std::cout << "   received the evidence batch and the supplier's bundle, verified: "
            << (supplier_report.passed() ? "PASS" : "FAIL") << "\n";
  TRUSTPCF_RETURN_IF_ERROR(certify_and_print(nodes, frame.bundle));
  TRUSTPCF_RETURN_IF_ERROR(publish_and_print(*nodes.manufacturer, frame.bundle));
  const std::filesystem::path final_bundle = bundles / "window-frame.bundle.json";
  TRUSTPCF_RETURN_IF_ERROR(proof::write_bundle(final_bundle, frame.bundle));

  // 6. The customer checks the file it received, trusting only two keys.
  print_step(6, "A customer verifies the final bundle offline");
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle received, proof::read_bundle(final_bundle));
  proof::VerifyOptions verify_options;
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::Ed25519PublicKey manufacturer_log,
                            log_verifier_public_key(nodes.manufacturer->log_verifier_key()));
  verify_options.trusted = {verifier_key, manufacturer_log};
  proof::VerifyReport report = proof::verify_bundle(received, verify_options);
  print_links(std::cout, report, "   ");
  std::cout << "   verdict: " << (report.passed() ? "PASS" : "FAIL") << "\n\n";

  if (folder.keep()) {
    std::cout << "kept the node homes and bundles in " << folder.path().string() << "; check the final bundle with\n"
              << "   trustpcf verify " << final_bundle.string() << " --trust " << did_of(*nodes.verifier)
              << " --trust '" << nodes.manufacturer->log_verifier_key() << "'\n";
  } else {
    std::cout << "removing " << folder.path().string() << " (run with --keep DIR to keep the homes and bundles)\n";
  }
  if (!report.passed()) {
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
