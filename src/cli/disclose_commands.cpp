// trustpcf disclose: a copy of a proof bundle that withholds chosen fields.

#include <algorithm>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "proof/selective_disclosure.hpp"

namespace trustpcf::cli {
namespace {

struct DiscloseOptions {
  std::string bundle;
  std::vector<std::string> withhold;
  std::string out;
  bool json = false;
};

util::Status disclose_bundle(const DiscloseOptions& options) {
  if (options.out == options.bundle) {
    return util::Error(util::ErrorCode::kUsage,
                       "--out must name another file than BUNDLE, so that the full bundle is kept");
  }
  TRUSTPCF_ASSIGN_OR_RETURN(proof::Bundle bundle, proof::read_bundle(options.bundle));
  TRUSTPCF_RETURN_IF_ERROR(proof::withhold_fields(bundle, options.withhold));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string digest, proof::bundle_footprint_digest(bundle));
  TRUSTPCF_RETURN_IF_ERROR(proof::write_bundle(options.out, bundle));

  std::vector<std::string> withheld = proof::withheld_fields(bundle);
  // Fields asked for that the bundle does not carry, such as `supplier` on
  // evidence without a supplier column: nothing was there to withhold.
  std::vector<std::string> absent;
  for (const std::string& field : options.withhold) {
    bool done = std::find(withheld.begin(), withheld.end(), field) != withheld.end();
    bool listed = std::find(absent.begin(), absent.end(), field) != absent.end();
    if (!done && !listed) absent.push_back(field);
  }
  if (options.json) {
    nlohmann::json result = {{"bundle", options.out},
                             {"withheld", withheld},
                             {"absent", absent},
                             {"footprintDigest", digest}};
    std::cout << result.dump(2) << "\n";
    return util::Status();
  }
  std::cout << "withheld: " << (withheld.empty() ? "nothing" : fmt::format("{}", fmt::join(withheld, ", "))) << "\n";
  if (!absent.empty()) {
    std::cout << "not in this bundle, so nothing to withhold: " << fmt::format("{}", fmt::join(absent, ", ")) << "\n";
  }
  std::cout << "footprint digest: sha256:" << digest << " (unchanged)\n"
            << "written to " << options.out << "\n";
  return util::Status();
}

}  // namespace

void add_disclose_commands(CLI::App& app, Context& context) {
  auto options = std::make_shared<DiscloseOptions>();
  CLI::App* disclose = app.add_subcommand(
      "disclose", "Write a copy of a proof bundle that withholds chosen fields and still verifies");
  disclose->add_option("BUNDLE", options->bundle, "Proof bundle file (a PACT footprint JSON)")->required();
  disclose->add_option("--withhold", options->withhold,
                       "Fields to withhold, comma-separated: comment (footprint comment), boundary "
                       "(pcf.boundaryProcessesDescription), site, supplier (evidence records)")
      ->delimiter(',')
      ->check(CLI::IsMember(proof::withholdable_fields()))
      ->required();
  disclose->add_option("--out", options->out, "File to write the copy to")->required();
  disclose->add_flag("--json", options->json, "Print JSON: bundle, withheld, footprintDigest");
  disclose->callback(run(context, [options] { return disclose_bundle(*options); }));
}

}  // namespace trustpcf::cli
