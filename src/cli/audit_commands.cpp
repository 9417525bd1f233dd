// `trustpcf audit list|export|digest|publish|verify`: the append-only audit
// log and its digests in the node's transparency log.

#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "server/node_log_client.hpp"
#include "space/audit_digests.hpp"
#include "space/audit_log.hpp"
#include "space/node_config.hpp"
#include "tlog/origin.hpp"

namespace trustpcf::cli {

namespace {

// Rows read per query while exporting.
constexpr std::size_t kExportPageSize = 1000;

struct ListArguments {
  std::int64_t after = 0;
  std::size_t limit = 100;
  bool json = false;
};

util::Status run_list(Context& context, const ListArguments& arguments) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(auto records, space::list_audit_records(*db, arguments.after, arguments.limit));
  if (arguments.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& record : records) out.push_back(record.to_json());
    std::cout << nlohmann::json{{"records", out}}.dump(2) << "\n";
    return {};
  }
  for (const auto& record : records) {
    std::cout << record.seq << "  " << record.at << "  " << record.action << "  " << record.decision << "  partner="
              << (record.partner_id.empty() ? "-" : record.partner_id) << "  target=" << record.target
              << (record.policy_id.empty() ? "" : "  policy=" + record.policy_id)
              << (record.detail.empty() ? "" : "  (" + record.detail + ")") << "\n";
  }
  return {};
}

// Writes every record as one JSON object per line (JSON Lines).
util::Status run_export(Context& context, const std::string& output) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  std::ofstream file;
  if (output != "-") {
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) return util::make_error(util::ErrorCode::kStorage, "cannot write '{}'", output);
  }
  std::ostream& out = output == "-" ? std::cout : file;
  std::int64_t after = 0;
  while (true) {
    TRUSTPCF_ASSIGN_OR_RETURN(auto records, space::list_audit_records(*db, after, kExportPageSize));
    for (const auto& record : records) {
      out << record.to_json().dump() << "\n";
      after = record.seq;
    }
    if (records.size() < kExportPageSize) break;
  }
  out.flush();
  if (!out) return util::make_error(util::ErrorCode::kStorage, "writing the audit export to '{}' failed", output);
  return {};
}

util::Status run_digest(Context& context, std::int64_t mark) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(space::AuditDigest digest, space::digest_audit_since(*db, mark));
  std::cout << nlohmann::json{{"firstSeq", digest.first_seq},
                              {"lastSeq", digest.last_seq},
                              {"count", digest.count},
                              {"sha256", digest.sha256}}
                   .dump(2)
            << "\n";
  return {};
}

// The node's transparency log, as `trustpcf log` and `serve` open it.
util::Result<std::unique_ptr<tlog::Log>> open_node_log(Context& context) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  const std::filesystem::path dir = home / "log";
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key, tlog::load_or_create_log_key(dir, tlog::default_log_origin()));
  return tlog::Log::open(dir, std::move(key));
}

util::Status run_publish(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::filesystem::path home, context.home());
  TRUSTPCF_ASSIGN_OR_RETURN(space::NodeConfig config, space::load_node_config(home));
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  // Appends through the running node while `serve` has the log locked, else directly.
  const std::filesystem::path dir = home / "log";
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key, tlog::load_or_create_log_key(dir, tlog::default_log_origin()));
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::LogAccess> log, server::open_owner_log(home, std::move(key)));
  TRUSTPCF_ASSIGN_OR_RETURN(auto published, space::publish_audit_digest(*log, *db, config.company_id, util::Clock::now()));
  if (json) {
    nlohmann::json out = {{"published", published.has_value()}};
    if (published) {
      out["logIndex"] = published->log_index;
      out["afterSeq"] = published->after_seq;
      out["firstSeq"] = published->digest.first_seq;
      out["lastSeq"] = published->digest.last_seq;
      out["count"] = published->digest.count;
      out["sha256"] = published->digest.sha256;
    }
    std::cout << out.dump(2) << "\n";
  } else if (published) {
    std::cout << "audit records " << published->digest.first_seq << " to " << published->digest.last_seq << " ("
              << published->digest.count << ") digested into log entry " << published->log_index << "\n";
  } else {
    std::cout << "no audit records since the last digest; nothing published\n";
  }
  return {};
}

util::Status run_verify(Context& context, bool json) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::Log> log, open_node_log(context));
  TRUSTPCF_ASSIGN_OR_RETURN(space::AuditVerification verification, space::verify_audit_digests(*log, *db));
  if (json) {
    nlohmann::json checks = nlohmann::json::array();
    for (const auto& check : verification.checks) {
      checks.push_back({{"logIndex", check.entry.log_index},
                        {"afterSeq", check.entry.after_seq},
                        {"lastSeq", check.entry.digest.last_seq},
                        {"count", check.entry.digest.count},
                        {"result", check.ok ? "PASS" : "FAIL"},
                        {"problem", check.problem}});
    }
    std::cout << nlohmann::json{{"verdict", verification.ok ? "PASS" : "FAIL"},
                                {"checks", checks},
                                {"coveredThrough", verification.covered_through},
                                {"unpublished", verification.unpublished}}
                     .dump(2)
              << "\n";
  } else {
    for (const auto& check : verification.checks) {
      std::cout << (check.ok ? "PASS" : "FAIL") << "  log entry " << check.entry.log_index << ": records "
                << check.entry.after_seq + 1 << " to " << check.entry.digest.last_seq << " ("
                << check.entry.digest.count << ")" << (check.ok ? "" : ": " + check.problem) << "\n";
    }
    std::cout << verification.unpublished << " records after seq " << verification.covered_through
              << " are not yet in a digest\n"
              << "verdict: " << (verification.ok ? "PASS" : "FAIL") << "\n";
  }
  if (!verification.ok) {
    return util::make_error(util::ErrorCode::kVerification,
                            "the audit log differs from the digests in the transparency log");
  }
  return {};
}

}  // namespace

void add_audit_commands(CLI::App& app, Context& context) {
  CLI::App* group = app.add_subcommand("audit", "Read the append-only audit log of access decisions");
  group->require_subcommand(1);

  auto list_arguments = std::make_shared<ListArguments>();
  CLI::App* list = group->add_subcommand("list", "List audit records in order");
  list->add_option("--after", list_arguments->after, "Show records after this sequence number")->capture_default_str();
  list->add_option("--limit", list_arguments->limit, "Maximum number of records")->capture_default_str();
  list->add_flag("--json", list_arguments->json, "Print the result as JSON");
  list->callback(run(context, [&context, list_arguments] { return run_list(context, *list_arguments); }));

  auto output = std::make_shared<std::string>("-");
  CLI::App* export_command = group->add_subcommand("export", "Export every audit record as JSON Lines");
  export_command->add_option("--output,-o", *output, "Output file; - for standard output")->capture_default_str();
  export_command->callback(run(context, [&context, output] { return run_export(context, *output); }));

  auto mark = std::make_shared<std::int64_t>(0);
  CLI::App* digest = group->add_subcommand("digest", "Print the SHA-256 digest of the records after a mark");
  digest->add_option("--since", *mark, "Sequence number of the last record already digested")->capture_default_str();
  digest->callback(run(context, [&context, mark] { return run_digest(context, *mark); }));

  auto publish_json = std::make_shared<bool>(false);
  CLI::App* publish = group->add_subcommand(
      "publish", "Append the digest of the records since the last digest to the node's transparency log");
  publish->add_flag("--json", *publish_json, "Print the result as JSON");
  publish->callback(run(context, [&context, publish_json] { return run_publish(context, *publish_json); }));

  auto verify_json = std::make_shared<bool>(false);
  CLI::App* verify = group->add_subcommand(
      "verify", "Recompute every audit digest in the transparency log from the stored records");
  verify->add_flag("--json", *verify_json, "Print the result as JSON");
  verify->callback(run(context, [&context, verify_json] { return run_verify(context, *verify_json); }));
}

}  // namespace trustpcf::cli
