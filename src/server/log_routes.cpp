// The node's transparency log over HTTPS, read-only and without a token:
// the C2SP tlog-tiles read API (/log/checkpoint, /log/tile/...) and the
// proof routes (/log/proof/inclusion, /log/proof/consistency), so that any
// log client or witness can check the node's disclosures. /log/checkpoint
// carries the witnesses' cosignatures that the owner stored. The owner's
// appends come through POST /log/add (log_append_route.cpp).

#include <spdlog/spdlog.h>

#include "server/api_response.hpp"
#include "server/node_state.hpp"
#include "tlog/cosignature.hpp"
#include "tlog/cosignature_store.hpp"
#include "tlog/origin.hpp"

namespace trustpcf::server {

// Folder of the log inside the node's home, shared with `trustpcf log`.
constexpr const char* kLogDirName = "log";

util::Status open_node_log(NodeState& state) {
  std::filesystem::path dir = state.options.home / kLogDirName;
  TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteSigner key, tlog::load_or_create_log_key(dir, tlog::default_log_origin()));
  TRUSTPCF_ASSIGN_OR_RETURN(state.log, tlog::Log::open(dir, std::move(key)));
  state.log_routes = std::make_unique<tlog::LogHttpRoutes>(*state.log);
  spdlog::info("transparency log served dir={} size={}", dir.string(), state.log->state().size);
  return {};
}

namespace {

// Adds the witnesses' cosignatures that the owner stored for the current
// checkpoint (`trustpcf log witness`), so that clients get a cosigned note.
void add_stored_cosignatures(NodeState& state, tlog::HttpResponse& answer) {
  const std::filesystem::path dir = state.options.home / kLogDirName / tlog::kCosignatureDirName;
  util::Result<tlog::SignedNote> note = tlog::parse_note(answer.body);
  if (!note.ok()) return;  // the log signs every note it serves, so this does not happen
  util::Result<std::vector<tlog::NoteSignature>> lines = tlog::stored_cosignatures(dir, note->text);
  if (!lines.ok()) {
    spdlog::warn("stored cosignatures skipped dir={} error={}", dir.string(), lines.error().message());
    return;
  }
  if (lines->empty()) return;
  util::Result<std::string> cosigned = tlog::add_note_signatures(answer.body, *lines);
  if (cosigned.ok()) answer.body = std::move(*cosigned);
}

}  // namespace

void register_log_routes(NodeState& state) {
  state.http->Get(R"(/log(/.*))", [&state](const httplib::Request& request, httplib::Response& response) {
    std::string target = request.matches[1].str();
    size_t query = request.target.find('?');
    if (query != std::string::npos) target += request.target.substr(query);

    tlog::HttpResponse answer = state.log_routes->handle("GET", target, "");
    if (target == "/checkpoint" && answer.status == 200) add_stored_cosignatures(state, answer);
    response.status = answer.status;
    for (const auto& [name, value] : answer.headers) response.set_header(name, value);
    response.set_content(answer.body, answer.content_type);
    if (answer.status >= 500) spdlog::error("log route failed target={} error={}", target, answer.body);
  });
}

}  // namespace trustpcf::server
