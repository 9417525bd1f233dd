// `trustpcf footprint import FILE`: stores PACT v3 footprints made elsewhere
// so that the node can serve them to partners.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "space/footprint_store.hpp"
#include "util/files.hpp"

namespace trustpcf::cli {

namespace {

struct ImportArguments {
  std::string file;
  bool own = false;
  bool json = false;
};

util::Status run_import(Context& context, const ImportArguments& arguments) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text,
                            arguments.file == "-" ? util::read_stdin() : util::read_file(arguments.file));
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    return util::make_error(util::ErrorCode::kInvalidInput, "'{}' is not valid JSON", arguments.file);
  }
  util::Result<std::vector<nlohmann::json>> footprints = space::footprints_from_json(document);
  if (!footprints.ok()) return footprints.error().with_context(arguments.file);
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  util::Result<space::ImportSummary> summary = space::import_footprints(*db, *footprints, {.own = arguments.own});
  if (!summary.ok()) return summary.error().with_context(arguments.file);

  if (arguments.json) {
    std::cout << nlohmann::json{{"added", summary->added},
                                {"replaced", summary->replaced},
                                {"unchanged", summary->unchanged},
                                {"ids", summary->ids}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "imported " << summary->ids.size() << (summary->ids.size() == 1 ? " footprint: " : " footprints: ")
              << summary->added << " added, "
              << summary->replaced << " replaced by a newer version, " << summary->unchanged << " unchanged\n";
  }
  return {};
}

}  // namespace

void add_footprint_import_command(CLI::App& footprint_group, Context& context) {
  auto arguments = std::make_shared<ImportArguments>();
  CLI::App* import = footprint_group.add_subcommand(
      "import", "Store PACT v3 footprints (one, a JSON array or {\"data\": [...]}) to serve to partners");
  import->add_option("file", arguments->file, "JSON file; - reads standard input")->required();
  import->add_flag("--own", arguments->own,
                   "The footprints are this company's own, so no supplier's usage terms limit passing them on");
  import->add_flag("--json", arguments->json, "Print the result as JSON");
  import->callback(run(context, [&context, arguments] { return run_import(context, *arguments); }));
}

}  // namespace trustpcf::cli
