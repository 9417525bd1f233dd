// The node as a witness of other logs: POST /witness/add-checkpoint in the
// shape of C2SP tlog-witness (tlog/witness_routes.hpp). The witness key and
// the list of witnessed logs live in <home>/witness (`trustpcf witness add`).
// The list is read on every request, so a log added while the node runs is
// witnessed without a restart. Like the spec, the route authenticates no
// caller: the log's signature on the checkpoint is the check.

#include <chrono>
#include <mutex>

#include <spdlog/spdlog.h>

#include "server/node_state.hpp"
#include "tlog/witness_routes.hpp"
#include "tlog/witness_store.hpp"

namespace trustpcf::server {

namespace {

constexpr const char* kWitnessDirName = "witness";
constexpr const char* kTextType = "text/plain; charset=utf-8";

// The witness, opened on the first request after `trustpcf witness add`
// created its key.
struct NodeWitness {
  std::filesystem::path dir;
  std::mutex mutex;
  std::unique_ptr<tlog::Witness> witness;

  util::Result<tlog::Witness*> get() {
    std::lock_guard lock(mutex);
    if (witness) return witness.get();
    TRUSTPCF_ASSIGN_OR_RETURN(std::optional<tlog::NoteSigner> key, tlog::load_witness_key(dir));
    if (!key) {
      return util::Error(util::ErrorCode::kNotFound,
                         "this node witnesses no log; its owner adds one with `trustpcf witness add`");
    }
    TRUSTPCF_ASSIGN_OR_RETURN(witness, tlog::Witness::open(dir / tlog::kWitnessStateDirName, *key));
    spdlog::info("witness opened name={} key_id={:08x}", key->name(), key->key_id());
    return witness.get();
  }
};

uint64_t posix_seconds() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
}

}  // namespace

void register_witness_route(NodeState& state) {
  auto node_witness = std::make_shared<NodeWitness>();
  node_witness->dir = state.options.home / kWitnessDirName;

  state.http->Post("/witness/add-checkpoint", [node_witness](const httplib::Request& request,
                                                             httplib::Response& response) {
    response.set_header("Cache-Control", "no-store");
    util::Result<tlog::Witness*> witness = node_witness->get();
    util::Result<std::vector<tlog::NoteVerifier>> logs =
        witness.ok() ? tlog::load_witnessed_logs(node_witness->dir) : witness.error();
    if (!logs.ok()) {
      const bool missing = logs.error().code() == util::ErrorCode::kNotFound;
      if (!missing) spdlog::error("witness route failed error={}", logs.error().message());
      response.status = missing ? 404 : 500;
      response.set_content(logs.error().message() + "\n", kTextType);
      return;
    }

    tlog::WitnessHttpRoutes routes(**witness, std::move(*logs), posix_seconds);
    tlog::HttpResponse answer = routes.handle("POST", "/add-checkpoint", request.body);
    response.status = answer.status;
    for (const auto& [name, value] : answer.headers) response.set_header(name, value);
    response.set_content(answer.body, answer.content_type);
    spdlog::info("witness add-checkpoint remote={} status={}", request.remote_addr, answer.status);
  });
}

}  // namespace trustpcf::server
