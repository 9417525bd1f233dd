// `trustpcf request`: the buyer's side of the PACT exchange. Fetches a
// registered supplier's footprints of one product, verifies each proof
// bundle offline and keeps the verified ones as evidence.

#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/context.hpp"
#include "cli/request_output.hpp"
#include "cli/trust_keys.hpp"
#include "cli/verify_output.hpp"
#include "space/supplier_event_request.hpp"
#include "space/suppliers.hpp"

namespace trustpcf::cli {

namespace {

struct RequestArguments {
  std::string from;
  std::string product_id;
  std::vector<std::string> trust;
  std::string ca_file;
  bool accept_unverified = false;
  bool json = false;
  bool async = false;
  std::string callback;
  int timeout_seconds = static_cast<int>(space::kDefaultResponseTimeout.count());
};

// Finds the supplier named `from`, or registered with the URL `from`.
util::Result<space::Supplier> resolve_supplier(store::Database& db, const std::string& from) {
  if (from.rfind("https://", 0) != 0) return space::find_supplier(db, from);
  std::string url = from;
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  TRUSTPCF_ASSIGN_OR_RETURN(auto suppliers, space::list_suppliers(db));
  for (const space::Supplier& supplier : suppliers) {
    if (supplier.url == url) return supplier;
  }
  return util::make_error(util::ErrorCode::kNotFound,
                          "no supplier is registered with URL {}; register its credentials with "
                          "`trustpcf supplier add NAME --url {} --client-id ID --client-secret-file FILE`",
                          from, from);
}

util::Status run_request(Context& context, const RequestArguments& arguments) {
  TRUSTPCF_ASSIGN_OR_RETURN(store::Database * db, context.store());
  TRUSTPCF_ASSIGN_OR_RETURN(space::Supplier supplier, resolve_supplier(*db, arguments.from));

  space::SupplierRequest request;
  request.base_url = supplier.url;
  request.credentials = {supplier.client_id, supplier.client_secret};
  request.ca_file = arguments.ca_file.empty() ? supplier.ca_file : std::filesystem::path(arguments.ca_file);
  request.product_id = arguments.product_id;
  TRUSTPCF_ASSIGN_OR_RETURN(request.trusted, trusted_keys(context, arguments.trust));
  request.accept_unverified = arguments.accept_unverified;
  request.origin = supplier.url;
  space::SupplierResponse response;
  if (arguments.async) {
    if (arguments.callback.empty()) {
      return util::Error(util::ErrorCode::kUsage,
                         "--async needs --callback URL, this node's URL as the supplier registered it");
    }
    space::EventRequestOptions options;
    options.callback_url = arguments.callback;
    options.timeout = std::chrono::seconds(arguments.timeout_seconds);
    if (!context.quiet) {
      options.progress = [&](std::chrono::seconds waited) {
        std::cerr << "\rwaiting for the response of '" << supplier.name << "' at " << arguments.callback
                  << "/3/events: " << waited.count() << " s of " << arguments.timeout_seconds << " s" << std::flush;
      };
    }
    auto by_event = space::request_supplier_footprints_by_event(*db, request, options);
    if (!context.quiet) std::cerr << "\n";
    if (!by_event.ok()) return by_event.error();
    response = std::move(by_event).value();
  } else {
    TRUSTPCF_ASSIGN_OR_RETURN(response, space::request_supplier_footprints(*db, request));
  }

  if (arguments.json) {
    std::cout << nlohmann::json{{"supplier", supplier.name},
                                {"url", supplier.url},
                                {"productId", arguments.product_id},
                                {"pages", response.pages},
                                {"footprints", supplier_response_json(response)}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "supplier '" << supplier.name << "' (" << supplier.url << ") sent " << response.footprints.size()
              << " footprint(s) of " << arguments.product_id << "\n";
    print_supplier_response(std::cout, response);
  }
  return supplier_response_status(response, supplier.name, arguments.product_id);
}

}  // namespace

void print_supplier_response(std::ostream& out, const space::SupplierResponse& response, const std::string& indent) {
  for (const space::ReceivedFootprint& received : response.footprints) {
    out << indent << "footprint " << received.footprint_id;
    if (!received.product_name.empty()) out << " (" << received.product_name << ")";
    out << "\n";
    if (received.report) print_links(out, *received.report, indent + "  ");
    switch (received.outcome) {
      case space::ReceivedOutcome::kStored:
        out << indent << "  stored as evidence " << received.footprint_digest << "\n";
        break;
      case space::ReceivedOutcome::kAlreadyStored:
        out << indent << "  already stored as evidence " << received.footprint_digest << "\n";
        break;
      case space::ReceivedOutcome::kImportedUnverified:
        out << indent << "  imported without verification (--accept-unverified)\n";
        break;
      case space::ReceivedOutcome::kRejected:
        out << indent << "  rejected: " << received.reason << "\n";
        break;
      case space::ReceivedOutcome::kSkippedUnverified:
        out << indent << "  skipped: " << received.reason << "\n";
        break;
    }
  }
}

nlohmann::json supplier_response_json(const space::SupplierResponse& response) {
  nlohmann::json footprints = nlohmann::json::array();
  for (const space::ReceivedFootprint& received : response.footprints) {
    nlohmann::json item = {{"id", received.footprint_id},
                           {"productName", received.product_name},
                           {"outcome", space::received_outcome_name(received.outcome)},
                           {"reason", received.reason},
                           {"footprintDigest", received.footprint_digest},
                           {"verification", nullptr}};
    if (received.report) item["verification"] = received.report->to_json();
    footprints.push_back(std::move(item));
  }
  return footprints;
}

util::Status supplier_response_status(const space::SupplierResponse& response, const std::string& supplier,
                                      const std::string& product_id) {
  if (response.footprints.empty()) {
    return util::make_error(util::ErrorCode::kNotFound,
                            "supplier '{}' sent no footprint of {}; it has none, or no usage policy lets this "
                            "node see it (ask the supplier to grant one)",
                            supplier, product_id);
  }
  int rejected = 0;
  int skipped = 0;
  for (const space::ReceivedFootprint& received : response.footprints) {
    if (received.outcome == space::ReceivedOutcome::kRejected) ++rejected;
    if (received.outcome == space::ReceivedOutcome::kSkippedUnverified) ++skipped;
  }
  if (rejected + skipped > 0) {
    return util::make_error(util::ErrorCode::kVerification,
                            "{} footprint(s) failed verification and {} carried no proof bundle; none of them "
                            "was stored (see the lines above)",
                            rejected, skipped);
  }
  return {};
}

void add_request_commands(CLI::App& app, Context& context) {
  auto arguments = std::make_shared<RequestArguments>();
  CLI::App* request = app.add_subcommand(
      "request", "Request a supplier's footprints of a product over PACT, verify them and store them as evidence");
  request->add_option("--from", arguments->from, "Supplier name or URL (see `trustpcf supplier add`)")->required();
  request->add_option("--product", arguments->product_id, "Product id URN of the footprints to request")->required();
  request->add_option("--trust", arguments->trust,
                      "Trusted certificate issuer or log key: a did:key, a log verifier key "
                      "(NAME+HASH+KEY) or a key name of this node; repeat for several");
  request->add_option("--ca", arguments->ca_file, "PEM certificates to trust for this call, in place of the "
                                                   "supplier's registered --ca");
  request->add_flag("--accept-unverified", arguments->accept_unverified,
                    "Import footprints that carry no proof bundle as plain footprints");
  request->add_flag("--json", arguments->json, "Print JSON: supplier, url, productId, pages, footprints");
  request->add_flag("--async", arguments->async,
                    "Send a RequestCreatedEvent and wait for the response at this node's /3/events (needs "
                    "`trustpcf serve` running and --callback)");
  request->add_option("--callback", arguments->callback,
                      "This node's base URL as the supplier registered it, https://host[:port] (with --async)");
  request->add_option("--timeout", arguments->timeout_seconds, "Seconds to wait for the response (with --async)")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  request->callback(run(context, [&context, arguments] { return run_request(context, *arguments); }));
}

}  // namespace trustpcf::cli
