#include "space/node_config.hpp"

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "crypto/keystore.hpp"
#include "space/secrets.hpp"
#include "space/tls_certificate.hpp"
#include "util/files.hpp"

namespace trustpcf::space {

using util::ErrorCode;
using util::make_error;

namespace {

// Development certificates are short-lived so that a forgotten one expires.
constexpr int kSelfSignedValidityDays = 365;
// HMAC-SHA-256 keys have the hash's output size (RFC 2104 recommends at least that).
constexpr std::size_t kTokenKeyBytes = 32;

std::filesystem::path resolve(const std::filesystem::path& home, const std::filesystem::path& path) {
  if (path.empty() || path.is_absolute()) return path;
  return home / path;
}

}  // namespace

util::Result<NodeConfig> init_node(const std::filesystem::path& home, const InitOptions& options) {
  if (options.company_id.size() < 4 ||
      (options.company_id.compare(0, 4, "urn:") != 0 && options.company_id.compare(0, 4, "URN:") != 0)) {
    return make_error(ErrorCode::kInvalidInput,
                      "company id '{}' is not a URN; use a form such as urn:pact:company:example",
                      options.company_id);
  }
  if (options.name.empty()) {
    return make_error(ErrorCode::kInvalidInput, "the node name is empty; pass --name COMPANY");
  }
  if (options.tls_certificate.empty() != options.tls_private_key.empty()) {
    return make_error(ErrorCode::kInvalidInput,
                      "give both --tls-cert and --tls-key, or neither for a self-signed certificate");
  }
  const std::filesystem::path config_path = home / kNodeConfigFileName;
  if (std::filesystem::exists(config_path) && !options.force) {
    return make_error(ErrorCode::kUsage, "node already initialised at '{}'; pass --force to replace it",
                      config_path.string());
  }

  NodeConfig config;
  config.name = options.name;
  config.company_id = options.company_id;
  if (options.tls_certificate.empty()) {
    config.tls_certificate = kTlsCertificateFileName;
    config.tls_private_key = kTlsPrivateKeyFileName;
    TRUSTPCF_RETURN_IF_ERROR(write_self_signed_certificate(
        home / kTlsCertificateFileName, home / kTlsPrivateKeyFileName, options.name,
        {"localhost"}, {"127.0.0.1", "::1"}, kSelfSignedValidityDays));
  } else {
    config.tls_certificate = std::filesystem::absolute(options.tls_certificate);
    config.tls_private_key = std::filesystem::absolute(options.tls_private_key);
  }

  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(home / "keys", 0700));
  std::string token_key = random_token(kTokenKeyBytes);
  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(home / kTokenKeyFileName, token_key + "\n", 0600));
  crypto::KeyStore keys(home);
  if (options.force) {
    std::error_code ignored;
    std::filesystem::remove(keys.folder() / (std::string(kNodeSigningKeyName) + crypto::kKeyFileExtension), ignored);
  }
  TRUSTPCF_RETURN_IF_ERROR(load_or_create_node_key(home).status());

  nlohmann::json document = {
      {"name", config.name},
      {"companyId", config.company_id},
      {"tlsCertificate", config.tls_certificate.string()},
      {"tlsPrivateKey", config.tls_private_key.string()},
      {"outboundCaFile", ""},
  };
  TRUSTPCF_RETURN_IF_ERROR(util::write_file_atomic(config_path, document.dump(2) + "\n", 0600));
  spdlog::info("node initialised home={} company_id={}", home.string(), config.company_id);

  config.tls_certificate = resolve(home, config.tls_certificate);
  config.tls_private_key = resolve(home, config.tls_private_key);
  return config;
}

util::Result<NodeConfig> load_node_config(const std::filesystem::path& home) {
  const std::filesystem::path path = home / kNodeConfigFileName;
  if (!std::filesystem::exists(path)) {
    return make_error(ErrorCode::kNotFound, "no node at '{}'; run `trustpcf init --name NAME --company-id URN` first",
                      home.string());
  }
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(path));
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "'{}' is not a JSON object", path.string());
  }
  NodeConfig config;
  config.name = document.value("name", "");
  config.company_id = document.value("companyId", "");
  config.tls_certificate = resolve(home, document.value("tlsCertificate", kTlsCertificateFileName));
  config.tls_private_key = resolve(home, document.value("tlsPrivateKey", kTlsPrivateKeyFileName));
  config.outbound_ca_file = resolve(home, document.value("outboundCaFile", ""));
  return config;
}

util::Result<std::string> load_token_key(const std::filesystem::path& home) {
  TRUSTPCF_ASSIGN_OR_RETURN(std::string text, util::read_file(home / kTokenKeyFileName));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  TRUSTPCF_ASSIGN_OR_RETURN(std::string key, base64url_decode(text));
  if (key.size() != kTokenKeyBytes) {
    return make_error(ErrorCode::kInvalidInput, "access-token key '{}' has {} bytes, expected {}; rerun `trustpcf init --force`",
                      (home / kTokenKeyFileName).string(), key.size(), kTokenKeyBytes);
  }
  return key;
}

util::Result<crypto::Ed25519KeyPair> load_or_create_node_key(const std::filesystem::path& home) {
  crypto::KeyStore keys(home);
  util::Result<crypto::Ed25519KeyPair> key = keys.load(kNodeSigningKeyName);
  if (key.ok() || key.error().code() != ErrorCode::kNotFound) return key;
  TRUSTPCF_ASSIGN_OR_RETURN(crypto::StoredKeyInfo created, keys.create(kNodeSigningKeyName));
  spdlog::info("node signing key created path={}", created.path.string());
  return keys.load(kNodeSigningKeyName);
}

}  // namespace trustpcf::space
