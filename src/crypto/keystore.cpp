#include "crypto/keystore.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "crypto/did_key.hpp"
#include "util/files.hpp"

namespace trustpcf::crypto {
namespace {

using util::ErrorCode;
using util::make_error;

constexpr unsigned kKeyFileMode = 0600;
constexpr unsigned kKeysFolderMode = 0700;
constexpr std::string_view kKeyType = "Ed25519";

}  // namespace

KeyStore::KeyStore(std::filesystem::path home) : home_(std::move(home)) {}

util::Status KeyStore::validate_name(std::string_view name) {
  bool valid = !name.empty() && name.size() <= kMaxKeyNameLength && name.front() != '.';
  for (char c : name) {
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '.' || c == '_' || c == '-';
    valid = valid && allowed;
  }
  if (!valid) {
    return make_error(ErrorCode::kUsage,
                      "invalid key name '{:.80}': use 1 to {} characters of A-Z, a-z, 0-9, '.', "
                      "'_' and '-', not starting with '.'",
                      name, kMaxKeyNameLength);
  }
  return util::Status();
}

std::filesystem::path KeyStore::path_of(std::string_view name) const {
  return folder() / (std::string(name) + kKeyFileExtension);
}

util::Result<StoredKeyInfo> KeyStore::create(std::string_view name) {
  TRUSTPCF_RETURN_IF_ERROR(validate_name(name));
  std::filesystem::path path = path_of(name);
  std::error_code ignored;
  if (std::filesystem::exists(path, ignored)) {
    return make_error(ErrorCode::kUsage,
                      "key '{}' already exists at {}; choose another name or remove the file", name,
                      path.string());
  }
  TRUSTPCF_RETURN_IF_ERROR(util::ensure_directory(folder(), kKeysFolderMode));

  Ed25519KeyPair pair = Ed25519KeyPair::generate();
  nlohmann::json document = {
      {"type", kKeyType},
      {"publicKeyMultibase", multikey_encode(pair.public_key())},
      {"secretKeyMultibase", multikey_encode_secret(pair)},
  };
  std::string contents = document.dump(2) + "\n";
  util::Status written = util::write_file_atomic(path, contents, kKeyFileMode);
  sodium_memzero(contents.data(), contents.size());
  TRUSTPCF_RETURN_IF_ERROR(written);
  return StoredKeyInfo{std::string(name), pair.public_key(), path};
}

util::Result<Ed25519KeyPair> KeyStore::load(std::string_view name) const {
  TRUSTPCF_RETURN_IF_ERROR(validate_name(name));
  std::filesystem::path path = path_of(name);
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    return make_error(ErrorCode::kNotFound,
                      "key '{}' not found in {}; create it with 'trustpcf keys new {}'", name,
                      folder().string(), name);
  }
  if ((status.st_mode & 077) != 0) {
    return make_error(ErrorCode::kStorage,
                      "key file {} is readable by group or others (mode {:o}); run 'chmod 600 {}'",
                      path.string(), status.st_mode & 0777, path.string());
  }

  TRUSTPCF_ASSIGN_OR_RETURN(std::string contents, util::read_file(path));
  nlohmann::json document = nlohmann::json::parse(contents, nullptr, /*allow_exceptions=*/false);
  sodium_memzero(contents.data(), contents.size());
  if (!document.is_object() || document.value("type", "") != kKeyType ||
      !document.contains("secretKeyMultibase") || !document["secretKeyMultibase"].is_string()) {
    return make_error(ErrorCode::kInvalidInput,
                      "key file {} is malformed: expected a JSON object with \"type\": \"Ed25519\" "
                      "and a string \"secretKeyMultibase\"",
                      path.string());
  }
  auto& secret = document["secretKeyMultibase"].get_ref<std::string&>();
  auto pair = multikey_decode_secret(secret);
  sodium_memzero(secret.data(), secret.size());
  if (!pair.ok()) return pair.error().with_context(fmt::format("key file {}", path.string()));
  return pair;
}

util::Result<StoredKeyInfo> KeyStore::info(std::string_view name) const {
  TRUSTPCF_ASSIGN_OR_RETURN(Ed25519KeyPair pair, load(name));
  return StoredKeyInfo{std::string(name), pair.public_key(), path_of(name)};
}

util::Result<std::vector<StoredKeyInfo>> KeyStore::list() const {
  std::vector<StoredKeyInfo> keys;
  std::error_code error;
  if (!std::filesystem::is_directory(folder(), error)) return keys;

  for (const auto& entry : std::filesystem::directory_iterator(folder(), error)) {
    const std::filesystem::path& path = entry.path();
    if (path.extension() != kKeyFileExtension) continue;
    std::string name = path.stem().string();
    if (!validate_name(name).ok()) continue;  // not a file this store wrote
    TRUSTPCF_ASSIGN_OR_RETURN(StoredKeyInfo key, info(name));
    keys.push_back(std::move(key));
  }
  if (error) {
    return make_error(ErrorCode::kStorage, "cannot list keys in {}: {}", folder().string(),
                      error.message());
  }
  std::sort(keys.begin(), keys.end(),
            [](const StoredKeyInfo& a, const StoredKeyInfo& b) { return a.name < b.name; });
  return keys;
}

}  // namespace trustpcf::crypto
