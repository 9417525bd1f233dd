#pragma once

// Ed25519 signing keys stored in the node's home as <home>/keys/NAME.key, one
// JSON file a key ({"type":"Ed25519","publicKeyMultibase":...,
// "secretKeyMultibase":...}), readable by the owner only (mode 0600, folder
// 0700). Nothing here prints or logs a secret key.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::crypto {

inline constexpr const char* kKeysFolderName = "keys";
inline constexpr const char* kKeyFileExtension = ".key";
// Maximum key name length in bytes. Names become file names, so they stay short.
inline constexpr std::size_t kMaxKeyNameLength = 64;

// The public part of a stored key, safe to show.
struct StoredKeyInfo {
  std::string name;
  Ed25519PublicKey public_key;
  std::filesystem::path path;
};

class KeyStore {
 public:
  // `home` is the node's home; the keys folder is created on first write.
  explicit KeyStore(std::filesystem::path home);

  // Checks that `name` is 1..64 characters of A-Z a-z 0-9 '.' '_' '-' and
  // does not start with '.'. Errors: kUsage naming the name and the rule.
  static util::Status validate_name(std::string_view name);

  // Generates a key, stores it as NAME.key with mode 0600 and returns its
  // public part. Errors: kUsage for an invalid name or when the key exists,
  // kStorage when the file cannot be written.
  util::Result<StoredKeyInfo> create(std::string_view name);

  // Loads the key pair. Errors: kNotFound when there is no such key,
  // kStorage when the file is readable by group or others (fix with
  // chmod 600), kInvalidInput when the file is malformed.
  util::Result<Ed25519KeyPair> load(std::string_view name) const;

  // The public part of one key; errors as load().
  util::Result<StoredKeyInfo> info(std::string_view name) const;

  // Every stored key, sorted by name. Errors as load() for each file.
  util::Result<std::vector<StoredKeyInfo>> list() const;

  std::filesystem::path folder() const { return home_ / kKeysFolderName; }

 private:
  std::filesystem::path path_of(std::string_view name) const;

  std::filesystem::path home_;
};

}  // namespace trustpcf::crypto
