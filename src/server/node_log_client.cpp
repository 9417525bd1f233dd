#include "server/node_log_client.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "server/owner_access.hpp"
#include "space/node_config.hpp"
#include "tlog/checkpoint.hpp"

namespace trustpcf::server {

namespace fs = std::filesystem;

namespace {

// Folder of the log inside the node's home, as in log_routes.cpp.
constexpr const char* kLogDir = "log";

class NodeLogClient final : public tlog::LogAccess {
 public:
  NodeLogClient(const std::string& host, int port, const fs::path& ca_file, std::string token,
                tlog::NoteVerifier log_key)
      : http_(host, port), where_(fmt::format("https://{}:{}", host, port)), token_(std::move(token)),
        log_key_(std::move(log_key)) {
    http_.enable_server_certificate_verification(true);
    http_.set_ca_cert_path(ca_file.c_str());
    http_.set_connection_timeout(kNodeConnectTimeoutSeconds, 0);
    http_.set_read_timeout(kNodeReadTimeoutSeconds, 0);
    http_.set_keep_alive(true);
  }

  util::Result<uint64_t> append(std::string entry) override {
    httplib::Headers headers{{"Authorization", "Bearer " + token_}};
    httplib::Result result = http_.Post("/log/add", headers, entry, "application/octet-stream");
    TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json json, json_body(result, "POST /log/add"));
    if (!json["index"].is_number_unsigned()) return bad_reply("POST /log/add", "no index");
    return json["index"].get<uint64_t>();
  }

  util::Result<tlog::SignedCheckpoint> checkpoint() override {
    httplib::Result result = http_.Get("/log/checkpoint");
    TRUSTPCF_RETURN_IF_ERROR(check(result, "GET /log/checkpoint"));
    util::Result<tlog::OpenedCheckpoint> opened = tlog::open_checkpoint(result->body, log_key_);
    if (!opened.ok()) return opened.error().with_context("checkpoint of the node at " + where_);
    return tlog::SignedCheckpoint{opened->checkpoint, result->body};
  }

  util::Result<tlog::InclusionProof> prove_inclusion(uint64_t index, uint64_t tree_size) override {
    const std::string target = fmt::format("/log/proof/inclusion?index={}&size={}", index, tree_size);
    TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json json, json_body(http_.Get(target), "GET " + target));
    tlog::InclusionProof proof;
    proof.index = json.value("index", uint64_t{0});
    proof.tree_size = json.value("tree_size", uint64_t{0});
    TRUSTPCF_ASSIGN_OR_RETURN(proof.leaf_hash, hash_field(json, "leaf_hash"));
    TRUSTPCF_ASSIGN_OR_RETURN(proof.root, hash_field(json, "root"));
    TRUSTPCF_ASSIGN_OR_RETURN(proof.hashes, hash_list(json));
    return proof;
  }

  util::Result<tlog::ConsistencyProof> prove_consistency(uint64_t size1, uint64_t size2) override {
    const std::string target = fmt::format("/log/proof/consistency?old={}&new={}", size1, size2);
    TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json json, json_body(http_.Get(target), "GET " + target));
    tlog::ConsistencyProof proof;
    proof.size1 = json.value("size1", uint64_t{0});
    proof.size2 = json.value("size2", uint64_t{0});
    TRUSTPCF_ASSIGN_OR_RETURN(proof.root1, hash_field(json, "root1"));
    TRUSTPCF_ASSIGN_OR_RETURN(proof.root2, hash_field(json, "root2"));
    TRUSTPCF_ASSIGN_OR_RETURN(proof.hashes, hash_list(json));
    return proof;
  }

  std::string verifier_key() const override { return log_key_.text(); }

 private:
  util::Status check(const httplib::Result& result, const std::string& request) {
    if (!result) {
      return util::make_error(util::ErrorCode::kNetwork, "{} to the node at {} failed: {}", request,
                              where_, httplib::to_string(result.error()));
    }
    if (result->status == 200) return {};
    std::string message = result->body;
    while (!message.empty() && message.back() == '\n') message.pop_back();
    util::ErrorCode code = util::ErrorCode::kNetwork;
    if (result->status == 401 || result->status == 403) code = util::ErrorCode::kDenied;
    if (result->status == 400 || result->status == 413) code = util::ErrorCode::kInvalidInput;
    if (result->status == 404) code = util::ErrorCode::kNotFound;
    return util::make_error(code, "{} to the node at {} returned HTTP {}: {}", request, where_,
                            result->status, message);
  }

  util::Result<nlohmann::json> json_body(const httplib::Result& result, const std::string& request) {
    TRUSTPCF_RETURN_IF_ERROR(check(result, request));
    nlohmann::json json = nlohmann::json::parse(result->body, nullptr, false);
    if (json.is_discarded() || !json.is_object()) return bad_reply(request, "not a JSON object");
    return json;
  }

  util::Error bad_reply(const std::string& request, const char* what) const {
    return util::make_error(util::ErrorCode::kNetwork, "{} to the node at {} returned {}", request,
                            where_, what);
  }

  util::Result<tlog::Hash> hash_field(const nlohmann::json& json, const char* name) const {
    if (!json[name].is_string()) return bad_reply(std::string("a proof"), "a proof without its hashes");
    return tlog::decode_base64_hash(json[name].get<std::string>(), name);
  }

  util::Result<std::vector<tlog::Hash>> hash_list(const nlohmann::json& json) const {
    std::vector<tlog::Hash> hashes;
    if (!json["hashes"].is_array()) return bad_reply(std::string("a proof"), "a proof without its hashes");
    for (const nlohmann::json& item : json["hashes"]) {
      if (!item.is_string()) return bad_reply(std::string("a proof"), "a proof hash that is not a string");
      TRUSTPCF_ASSIGN_OR_RETURN(tlog::Hash hash, tlog::decode_base64_hash(item.get<std::string>(), "proof hash"));
      hashes.push_back(hash);
    }
    return hashes;
  }

  httplib::SSLClient http_;
  std::string where_;
  std::string token_;
  tlog::NoteVerifier log_key_;
};

}  // namespace

util::Result<std::unique_ptr<tlog::LogAccess>> connect_owner_log(const fs::path& home,
                                                                 const std::string& host, int port,
                                                                 const tlog::NoteVerifier& log_key) {
  TRUSTPCF_ASSIGN_OR_RETURN(space::NodeConfig config, space::load_node_config(home));
  TRUSTPCF_ASSIGN_OR_RETURN(std::string token, read_admin_token(home));
  // NOTE: the node's own certificate file is the only trust anchor. That
  // suits the self-signed certificate of `trustpcf init`, but a certificate
  // issued by a CA needs that CA's chain in the file.
  return std::unique_ptr<tlog::LogAccess>(
      new NodeLogClient(host, port, config.tls_certificate, std::move(token), log_key));
}

util::Result<std::unique_ptr<tlog::LogAccess>> open_owner_log(const fs::path& home,
                                                              tlog::NoteSigner key) {
  const fs::path dir = home / kLogDir;
  if (tlog::log_is_open_elsewhere(dir)) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::optional<ServeAddress> address, read_serve_address(home));
    if (!address) {
      return util::make_error(util::ErrorCode::kStorage,
                              "the transparency log in '{}' is open in another process that is "
                              "not a serving node; wait for that command to finish",
                              dir.string());
    }
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::NoteVerifier verifier, tlog::NoteVerifier::parse(key.verifier_key()));
    spdlog::info("log held by the running node pid={} port={}; appending through it", address->pid,
                 address->port);
    return connect_owner_log(home, connect_host(*address), address->port, verifier);
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::unique_ptr<tlog::Log> log, tlog::Log::open(dir, std::move(key)));
  return std::unique_ptr<tlog::LogAccess>(new tlog::LocalLogAccess(std::move(log)));
}

}  // namespace trustpcf::server
