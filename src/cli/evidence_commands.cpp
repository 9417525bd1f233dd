// trustpcf evidence: signed activity data in the node's store.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "crypto/did_key.hpp"
#include "crypto/keystore.hpp"
#include "lca/entity_store.hpp"
#include "proof/evidence_sd.hpp"
#include "proof/evidence_store.hpp"
#include "proof/supplier_footprint.hpp"
#include "proof/verify.hpp"
#include "tlog/note.hpp"
#include "util/files.hpp"

namespace trustpcf::cli {
namespace {

struct EvidenceOptions {
  std::string file;
  std::string source;
  std::string format = "auto";
  std::string batch;
  std::string database;
  std::vector<std::string> trust;
  bool json = false;
};

// The known units: the built-in list plus every unit of the background
// database (--database, else the only or latest imported one, if any).
util::Result<proof::UnitCatalog> unit_catalog(Context& context, const EvidenceOptions& options) {
  proof::UnitCatalog units = proof::UnitCatalog::fallback();
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto databases, lca::list_databases(*db));
  if (databases.empty() && options.database.empty()) return units;
  std::optional<std::string> name;
  if (!options.database.empty()) name = options.database;
  TRUSTPCF_ASSIGN_OR_RETURN(lca::DatabaseInfo info, lca::resolve_database(*db, name));
  TRUSTPCF_ASSIGN_OR_RETURN(lca::Database model, lca::load_database(*db, info.digest));
  units.add_units_of(model);
  return units;
}

util::Result<std::vector<nlohmann::json>> read_activity_file(const EvidenceOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(options.file));
  std::string format = options.format;
  if (format == "auto") {
    bool json_name = options.file.size() >= 5 &&
                     options.file.compare(options.file.size() - 5, 5, ".json") == 0;
    format = json_name ? "json" : "csv";
  }
  if (format == "json") return proof::parse_activity_json(text);
  return proof::parse_activity_csv(text);
}

util::Status add_evidence(Context& context, const EvidenceOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  TRUSTPCF_ASSIGN_OR_RETURN(std::vector<nlohmann::json> raw, read_activity_file(options));

  std::optional<crypto::Ed25519KeyPair> key;
  std::optional<crypto::Ed25519PublicKey> source_key;
  if (options.source.rfind(crypto::kDidKeyPrefix, 0) == 0) {
    TRUSTPCF_ASSIGN_OR_RETURN(source_key, crypto::resolve_did_key(options.source));
  } else {
    crypto::KeyStore keys(home);
    TRUSTPCF_ASSIGN_OR_RETURN(key, keys.load(options.source));
    source_key = key->public_key();
  }

  TRUSTPCF_ASSIGN_OR_RETURN(proof::UnitCatalog units, unit_catalog(context, options));
  auto batch = proof::build_batch(raw, units, *source_key, key ? &*key : nullptr);
  if (!batch.ok()) return batch.error().with_context(options.file);

  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(bool added, proof::store_batch(*db, *batch, options.file));
  nlohmann::json commitment = batch->commitment();
  if (options.json) {
    commitment["added"] = added;
    std::cout << commitment.dump(2) << "\n";
    return util::Status();
  }
  std::cout << (added ? "added" : "already stored") << " evidence batch "
            << commitment["batchId"].get<std::string>() << "\n"
            << "records: " << batch->records.size() << "\n"
            << "source: " << batch->source << "\n";
  return util::Status();
}

// Resolves a --trust value as `verify` does: a did:key, a C2SP note verifier
// key (NAME+HASH+KEY) or the name of a key in this node's keystore.
util::Result<crypto::Ed25519PublicKey> trusted_key(Context& context, const std::string& value) {
  if (value.rfind(crypto::kDidKeyPrefix, 0) == 0) return crypto::resolve_did_key(value);
  if (value.find('+') != std::string::npos) {
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteVerifier verifier, tlog::NoteVerifier::parse(value));
    return crypto::Ed25519PublicKey::from_bytes(
        crypto::Bytes(verifier.public_key().begin(), verifier.public_key().end()));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  crypto::KeyStore keys(home);
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StoredKeyInfo info, keys.info(value));
  return info.public_key;
}

nlohmann::json supplier_json(const proof::SupplierFootprintSummary& summary) {
  nlohmann::json out = {{"footprintDigest", summary.footprint_digest},
                        {"footprintId", summary.footprint_id},
                        {"companyName", summary.company_name},
                        {"productIds", summary.product_ids},
                        {"productName", summary.product_name},
                        {"declaredUnitOfMeasurement", summary.declared_unit},
                        {"declaredUnitAmount", summary.declared_unit_amount},
                        {"pcfExcludingBiogenicUptake", summary.pcf_excluding_biogenic_uptake},
                        {"primaryDataShare", summary.primary_data_share ? nlohmann::json(*summary.primary_data_share)
                                                                        : nlohmann::json()},
                        {"certified", summary.certified},
                        {"origin", summary.origin},
                        {"addedAt", summary.added_at}};
  return out;
}

// Verifies a received proof bundle (without recomputation: the supplier's
// database is not in this store) and stores it as a supplier footprint.
util::Status add_supplier_footprint(Context& context, const EvidenceOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle bundle, proof::read_bundle(options.file));
  proof::VerifyOptions verify_options;
  for (const std::string& value : options.trust) {
    auto key = trusted_key(context, value);
    if (!key.ok()) return key.error().with_context("--trust " + value);
    verify_options.trusted.push_back(*key);
  }
  proof::VerifyReport report = proof::verify_bundle(bundle, verify_options);

  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  auto stored = proof::store_supplier_footprint(*db, bundle, options.file, report);
  if (!stored.ok()) return stored.error().with_context(options.file);
  if (options.json) {
    nlohmann::json out = supplier_json(stored->summary);
    out["added"] = stored->added;
    out["verification"] = report.to_json();
    std::cout << out.dump(2) << "\n";
    return util::Status();
  }
  for (const proof::LinkResult& link : report.links) {
    std::cout << (link.passed ? "PASS  " : "-     ") << proof::link_name(link.link);
    if (!link.passed) std::cout << " (not present: " << link.reason << ")";
    std::cout << "\n";
  }
  const proof::SupplierFootprintSummary& summary = stored->summary;
  std::cout << (stored->added ? "added" : "already stored") << " supplier footprint " << summary.footprint_digest
            << "\n"
            << "footprint: " << summary.footprint_id << " of " << summary.company_name << "\n"
            << "pcfExcludingBiogenicUptake: " << summary.pcf_excluding_biogenic_uptake << " kg CO2e per "
            << summary.declared_unit_amount << " " << summary.declared_unit << "\n";
  return util::Status();
}

util::Status list_evidence(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto batches, proof::list_batches(*db));
  TRUSTPCF_ASSIGN_OR_RETURN(auto suppliers, proof::list_supplier_footprints(*db));
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& batch : batches) {
      list.push_back({{"batchId", batch.batch_id},
                      {"source", batch.source},
                      {"records", batch.record_count},
                      {"origin", batch.origin},
                      {"addedAt", batch.added_at}});
    }
    nlohmann::json supplier_list = nlohmann::json::array();
    for (const auto& summary : suppliers) supplier_list.push_back(supplier_json(summary));
    std::cout << nlohmann::json{{"batches", list}, {"supplierFootprints", supplier_list}}.dump(2) << "\n";
    return util::Status();
  }
  for (const auto& batch : batches) {
    std::cout << "batch     " << batch.batch_id << "  " << batch.record_count << " records  " << batch.source
              << "  " << batch.origin << "\n";
  }
  for (const auto& summary : suppliers) {
    std::cout << "footprint " << summary.footprint_digest << "  " << summary.pcf_excluding_biogenic_uptake
              << " kg CO2e per " << summary.declared_unit_amount << " " << summary.declared_unit << "  "
              << summary.company_name << "  " << summary.origin << "\n";
  }
  return util::Status();
}

util::Status show_evidence(Context& context, const std::string& id, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(proof::EvidenceBatch batch, proof::load_batch(*db, id));
  nlohmann::json out = batch.commitment();
  nlohmann::json records = nlohmann::json::array();
  for (const auto& record : batch.records) records.push_back(record.to_json());
  out["records"] = records;
  if (json) {
    std::cout << out.dump(2) << "\n";
    return util::Status();
  }
  std::cout << "batch: " << batch.root_hex() << "\n"
            << "source: " << batch.source << "\n";
  for (std::size_t i = 0; i < batch.records.size(); ++i) {
    auto disclosed = proof::disclosed_content(batch.records[i]);
    if (!disclosed.ok()) return disclosed.error();
    const nlohmann::json& content = *disclosed;
    std::cout << i << "  " << content.value("activityType", "") << "  "
              << content.value("quantity", "") << " " << content.value("unit", "") << "  "
              << content.value("site", "") << "  " << content.value("periodStart", "") << " .. "
              << content.value("periodEnd", "") << "\n";
  }
  return util::Status();
}

}  // namespace

void add_evidence_commands(CLI::App& app, Context& context) {
  CLI::App* evidence =
      app.add_subcommand("evidence", "Sign and store activity data as evidence records");
  evidence->require_subcommand(1);
  auto options = std::make_shared<EvidenceOptions>();

  CLI::App* add = evidence->add_subcommand(
      "add", "Read activity data (CSV or JSON), sign each record and store the batch");
  add->add_option("FILE", options->file, "Activity data file (.csv or .json)")->required();
  add->add_option("--source", options->source,
                  "Signer: a key name of this node, or a did:key whose records carry their "
                  "own signatures")
      ->required();
  add->add_option("--format", options->format, "Input format: auto (by file name), csv, json")
      ->check(CLI::IsMember({"auto", "csv", "json"}))
      ->capture_default_str();
  add->add_option("--database", options->database,
                  "Imported database whose unit names are accepted besides the built-in list "
                  "(default: the only or latest one)");
  add->add_flag("--json", options->json, "Print the batch commitment as JSON");
  add->callback(run(context, [&context, options] { return add_evidence(context, *options); }));

  CLI::App* add_footprint = evidence->add_subcommand(
      "add-footprint",
      "Verify a supplier's proof bundle and store it as a supplier footprint (see `footprint compute "
      "--supplier-footprint`)");
  add_footprint->add_option("BUNDLE", options->file, "Proof bundle file (a PACT footprint with the bundle extension)")
      ->required();
  add_footprint->add_option("--trust", options->trust,
                            "Trusted credential issuer or log key (did:key, note verifier key or key name), "
                            "repeatable; needed when the bundle is certified or published");
  add_footprint->add_flag("--json", options->json, "Print the stored footprint and the verification as JSON");
  add_footprint->callback(
      run(context, [&context, options] { return add_supplier_footprint(context, *options); }));

  CLI::App* list = evidence->add_subcommand("list", "List the stored evidence batches and supplier footprints");
  list->add_flag("--json", options->json, "Print JSON");
  list->callback(run(context, [&context, options] { return list_evidence(context, options->json); }));

  CLI::App* show = evidence->add_subcommand("show", "Show one evidence batch and its records");
  show->add_option("BATCH", options->batch, "Batch id (its Merkle root) or a unique prefix")
      ->required();
  show->add_flag("--json", options->json, "Print JSON");
  show->callback(run(context, [&context, options] {
    return show_evidence(context, options->batch, options->json);
  }));
}

}  // namespace trustpcf::cli
