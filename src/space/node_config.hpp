#pragma once

// The node's identity and server settings, kept as `node.json` in the node's
// home and written by `trustpcf init`. Relative paths are relative to the home.

#include <filesystem>
#include <string>

#include "crypto/ed25519.hpp"
#include "util/error.hpp"

namespace trustpcf::space {

// File names inside the node's home.
inline constexpr const char* kNodeConfigFileName = "node.json";
inline constexpr const char* kTlsCertificateFileName = "tls/certificate.pem";
inline constexpr const char* kTlsPrivateKeyFileName = "tls/private-key.pem";
// Not a .key file, so the Ed25519 keystore beside it does not list it.
inline constexpr const char* kTokenKeyFileName = "keys/access-token.hmac";
// Name in the node's key store (<home>/keys/node.key) of the Ed25519 key that
// signs the node's access tokens.
inline constexpr const char* kNodeSigningKeyName = "node";

// Default listen address of `trustpcf serve`: loopback only, so that a fresh
// node is not reachable from other hosts by accident. 8443 is the
// customary alternative HTTPS port.
inline constexpr const char* kDefaultListenHost = "127.0.0.1";
inline constexpr int kDefaultListenPort = 8443;

struct NodeConfig {
  std::string name;                     // the data owner's company name
  std::string company_id;               // URN naming the data owner ("urn:...")
  std::filesystem::path tls_certificate;  // PEM certificate chain
  std::filesystem::path tls_private_key;  // PEM private key of that certificate
  // PEM file of certificates trusted for outgoing HTTPS calls to partners;
  // empty means the system's trust store.
  std::filesystem::path outbound_ca_file;
};

struct InitOptions {
  std::string name;
  std::string company_id;
  // A real certificate and key to use in place of a new self-signed pair;
  // both empty or both set.
  std::filesystem::path tls_certificate;
  std::filesystem::path tls_private_key;
  bool force = false;  // overwrite an existing node.json and key material
};

// Creates the node in `home`: node.json, the Ed25519 key that signs access
// tokens (keys/node.key), a key for pagination cursors (32 random bytes,
// mode 0600) and, unless a certificate is given, a
// self-signed P-256 certificate for localhost, 127.0.0.1 and ::1 valid for
// one year (private key mode 0600). Errors: kInvalidInput for a company id
// that is not a URN or a half-given certificate pair; kUsage when the node
// exists and !force; kStorage on write failures; kInternal on OpenSSL errors.
util::Result<NodeConfig> init_node(const std::filesystem::path& home, const InitOptions& options);

// Reads node.json and resolves its paths against `home`. Errors: kNotFound
// with the hint to run `trustpcf init`; kInvalidInput on malformed JSON.
util::Result<NodeConfig> load_node_config(const std::filesystem::path& home);

// Reads the HMAC key of pagination cursors (keys/access-token.hmac).
// Errors: kNotFound, kInvalidInput when it is not 32 bytes.
util::Result<std::string> load_token_key(const std::filesystem::path& home);

// Loads the node's Ed25519 signing key (kNodeSigningKeyName in the key
// store), creating it when a node initialised by an older version lacks it.
// Errors: those of crypto::KeyStore load and create.
util::Result<crypto::Ed25519KeyPair> load_or_create_node_key(const std::filesystem::path& home);

}  // namespace trustpcf::space
