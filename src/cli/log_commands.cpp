// trustpcf log: the node's transparency log (append, key, checkpoint,
// prove, verify-consistency, witness). The log is in <home>/log. While
// `trustpcf serve` has it locked, the commands go through the running node.

#include <iostream>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "cli/log_witnessing.hpp"
#include "server/node_log_client.hpp"
#include "tlog/origin.hpp"
#include "tlog/log.hpp"
#include "tlog/proof_verify.hpp"
#include "util/files.hpp"

namespace trustpcf::cli {

namespace {

namespace fs = std::filesystem;

struct LogCommandOptions {
  std::string origin;
  bool json = false;
  std::string file;
  uint64_t index = 0;
  uint64_t size = 0;
  std::string old_checkpoint;
  std::string new_checkpoint;
  std::string verifier_key;
  std::string witness_url;
  std::string witness_key;
  std::string witness_ca;
};

// The origin of a new log when --origin is not given: "<host name>/trustpcf-log".
std::string default_origin() { return tlog::default_log_origin(); }

util::Result<std::unique_ptr<tlog::LogAccess>> open_log(Context& context,
                                                        const LogCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  const fs::path dir = home / kLogDirName;
  const std::string origin = options.origin.empty() ? default_origin() : options.origin;
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key, tlog::load_or_create_log_key(dir, origin));
  if (!options.origin.empty() && options.origin != key.name()) {
    return util::make_error(util::ErrorCode::kUsage,
                            "--origin '{}' differs from the existing log's origin '{}'; the "
                            "origin is fixed when the log key is created",
                            options.origin, key.name());
  }
  return server::open_owner_log(home, std::move(key));
}

nlohmann::json hashes_json(const std::vector<tlog::Hash>& hashes) {
  nlohmann::json out = nlohmann::json::array();
  for (const tlog::Hash& hash : hashes) out.push_back(tlog::encode_base64(hash));
  return out;
}

util::Status run_append(Context& context, const LogCommandOptions& options) {
  std::string entry;
  if (options.file == "-") {
    TRUSTPCF_ASSIGN_OR_RETURN(entry, util::read_stdin());
  } else {
    TRUSTPCF_ASSIGN_OR_RETURN(entry, util::read_file(options.file));
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log, open_log(context, options));
  TRUSTPCF_ASSIGN_OR_RETURN(uint64_t index, log->append(std::move(entry)));

  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint signed_checkpoint, log->checkpoint());
  const tlog::Checkpoint& checkpoint = signed_checkpoint.checkpoint;
  if (options.json) {
    std::cout << nlohmann::json{{"index", index},
                                {"tree_size", checkpoint.size},
                                {"root", tlog::encode_base64(checkpoint.root)}}
                     .dump()
              << "\n";
  } else {
    std::cout << index << "\n";
  }
  return {};
}

util::Status run_key(Context& context, const LogCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  const std::string origin = options.origin.empty() ? default_origin() : options.origin;
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key,
                            tlog::load_or_create_log_key(home / kLogDirName, origin));
  if (options.json) {
    std::cout << nlohmann::json{{"origin", key.name()},
                                {"key_id", fmt::format("{:08x}", key.key_id())},
                                {"verifier_key", key.verifier_key()}}
                     .dump()
              << "\n";
  } else {
    std::cout << key.verifier_key() << "\n";
  }
  return {};
}

util::Status run_checkpoint(Context& context, const LogCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log, open_log(context, options));
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint latest, log->checkpoint());
  TRUSTPCF_ASSIGN_OR_RETURN(const tlog::SignedCheckpoint checkpoint, with_stored_cosignatures(home, latest));
  if (options.json) {
    std::cout << nlohmann::json{{"origin", checkpoint.checkpoint.origin},
                                {"tree_size", checkpoint.checkpoint.size},
                                {"root", tlog::encode_base64(checkpoint.checkpoint.root)},
                                {"note", checkpoint.note}}
                     .dump()
              << "\n";
  } else {
    std::cout << checkpoint.note;
  }
  return {};
}

util::Status run_prove(Context& context, const LogCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log, open_log(context, options));
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::InclusionProof proof,
                            log->prove_inclusion(options.index, options.size));
  // Verify the proof before printing it.
  TRUSTPCF_RETURN_IF_ERROR(tlog::verify_inclusion(proof.index, proof.tree_size, proof.leaf_hash,
                                                  proof.hashes, proof.root));

  if (options.json) {
    std::cout << nlohmann::json{{"index", proof.index},
                                {"tree_size", proof.tree_size},
                                {"leaf_hash", tlog::encode_base64(proof.leaf_hash)},
                                {"root", tlog::encode_base64(proof.root)},
                                {"hashes", hashes_json(proof.hashes)}}
                     .dump()
              << "\n";
  } else {
    std::cout << "index " << proof.index << "\n"
              << "tree_size " << proof.tree_size << "\n"
              << "leaf_hash " << tlog::encode_base64(proof.leaf_hash) << "\n"
              << "root " << tlog::encode_base64(proof.root) << "\n";
    for (const tlog::Hash& hash : proof.hashes) std::cout << "hash " << tlog::encode_base64(hash) << "\n";
  }
  return {};
}

util::Status run_verify_consistency(Context& context, const LogCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log, open_log(context, options));
  const std::string key_text =
      options.verifier_key.empty() ? log->verifier_key() : options.verifier_key;
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteVerifier verifier, tlog::NoteVerifier::parse(key_text));

  TRUSTPCF_ASSIGN_OR_RETURN(std::string old_text, util::read_file(options.old_checkpoint));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string new_text, util::read_file(options.new_checkpoint));
  util::Result<tlog::OpenedCheckpoint> old_opened = tlog::open_checkpoint(old_text, verifier);
  if (!old_opened.ok()) return old_opened.error().with_context(options.old_checkpoint);
  util::Result<tlog::OpenedCheckpoint> new_opened = tlog::open_checkpoint(new_text, verifier);
  if (!new_opened.ok()) return new_opened.error().with_context(options.new_checkpoint);
  const tlog::Checkpoint& first = old_opened->checkpoint;
  const tlog::Checkpoint& second = new_opened->checkpoint;
  if (first.size > second.size) {
    return util::make_error(util::ErrorCode::kUsage,
                            "OLD has size {} and NEW size {}; give the smaller checkpoint first",
                            first.size, second.size);
  }

  TRUSTPCF_ASSIGN_OR_RETURN(tlog::ConsistencyProof proof,
                            log->prove_consistency(first.size, second.size));
  TRUSTPCF_RETURN_IF_ERROR(
      tlog::verify_consistency(first.size, second.size, proof.hashes, first.root, second.root));

  if (options.json) {
    std::cout << nlohmann::json{{"consistent", true},
                                {"size1", first.size},
                                {"size2", second.size},
                                {"root1", tlog::encode_base64(first.root)},
                                {"root2", tlog::encode_base64(second.root)},
                                {"hashes", hashes_json(proof.hashes)}}
                     .dump()
              << "\n";
  } else {
    std::cout << "consistent: size " << first.size << " -> size " << second.size << "\n";
  }
  return {};
}

util::Status run_witness(Context& context, const LogCommandOptions& options) {
  TRUSTPCF_ASSIGN_OR_RETURN(fs::path home, context.home());
  server::WitnessTarget target;
  target.url = options.witness_url;
  target.ca_file = options.witness_ca;
  if (!options.witness_key.empty()) {
    util::Result<tlog::NoteVerifier> key = tlog::NoteVerifier::parse(options.witness_key);
    if (!key.ok()) return key.error().with_context("--key");
    target.key = *key;
  }

  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log, open_log(context, options));
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint latest, log->checkpoint());
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedCheckpoint cosigned,
                            witness_checkpoint(home, *log, latest, {target}));

  if (options.json) {
    std::cout << nlohmann::json{{"url", target.url},
                                {"tree_size", cosigned.checkpoint.size},
                                {"root", tlog::encode_base64(cosigned.checkpoint.root)},
                                {"note", cosigned.note}}
                     .dump()
              << "\n";
  } else {
    std::cout << cosigned.note;
  }
  return {};
}

}  // namespace

void add_log_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<LogCommandOptions>();
  CLI::App* log = app.add_subcommand("log", "The node's transparency log of disclosures");
  log->require_subcommand(1);
  log->add_option("--origin", options->origin,
                  "Origin line of a new log's checkpoints (default: <host name>/trustpcf-log); "
                  "fixed once the log key exists");

  CLI::App* append = log->add_subcommand("append", "Append FILE's bytes as one entry and print "
                                                   "its index once durable");
  append->add_option("FILE", options->file, "File whose bytes are the entry; - reads standard input")
      ->required();
  append->add_flag("--json", options->json, "Print JSON: index, tree_size, root");
  append->callback(run(context, [&context, options] { return run_append(context, *options); }));

  CLI::App* key = log->add_subcommand("key", "Print the log's C2SP verifier key");
  key->add_flag("--json", options->json, "Print JSON: origin, key_id, verifier_key");
  key->callback(run(context, [&context, options] { return run_key(context, *options); }));

  CLI::App* checkpoint = log->add_subcommand(
      "checkpoint", "Print the latest signed checkpoint with the cosignatures its witnesses returned");
  checkpoint->add_flag("--json", options->json, "Print JSON: origin, tree_size, root, note");
  checkpoint->callback(
      run(context, [&context, options] { return run_checkpoint(context, *options); }));

  CLI::App* prove = log->add_subcommand("prove", "Print an inclusion proof of entry INDEX");
  prove->add_option("--index", options->index, "Index of the entry")->required();
  prove->add_option("--size", options->size, "Tree size of the proof (default: current size)");
  prove->add_flag("--json", options->json,
                  "Print JSON: index, tree_size, leaf_hash, root, hashes (base64)");
  prove->callback(run(context, [&context, options] { return run_prove(context, *options); }));

  CLI::App* verify = log->add_subcommand(
      "verify-consistency",
      "Check that checkpoint NEW extends checkpoint OLD, with a proof from this log");
  verify->add_option("OLD", options->old_checkpoint, "Older signed checkpoint file")->required();
  verify->add_option("NEW", options->new_checkpoint, "Newer signed checkpoint file")->required();
  verify->add_option("--key", options->verifier_key,
                     "Verifier key of the log that signed them (default: this node's log key)");
  verify->add_flag("--json", options->json,
                   "Print JSON: consistent, size1, size2, root1, root2, hashes");
  verify->callback(
      run(context, [&context, options] { return run_verify_consistency(context, *options); }));

  CLI::App* witness = log->add_subcommand(
      "witness", "Send the latest checkpoint to a witness (C2SP tlog-witness) and keep its cosignature");
  witness->add_option("--url", options->witness_url,
                      "The witness's submission prefix, e.g. https://host:8443/witness for a trustpcf node")
      ->required();
  witness->add_option("--key", options->witness_key,
                      "The witness's verifier key; its cosignature must verify with it");
  witness->add_option("--ca", options->witness_ca,
                      "PEM certificate to trust for the witness's TLS (default: the system's CAs)");
  witness->add_flag("--json", options->json, "Print JSON: url, tree_size, root, note");
  witness->callback(run(context, [&context, options] { return run_witness(context, *options); }));
}

}  // namespace trustpcf::cli
