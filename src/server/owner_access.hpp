#pragma once

// How the node owner's own commands reach the running node. While `serve`
// runs, it is the only writer of the transparency log, so `trustpcf log
// append` and `trustpcf publish` send their entries to it. Two files in the
// home make that possible:
//   serve.json    the address the node listens on, written when it starts
//                 and removed when it stops
//   admin-token   a random secret (mode 0600) that authenticates appends:
//                 whoever can read the home is the node owner
// The owner's commands send the token as an HTTP Bearer token and trust the
// node's TLS certificate from node.json.

#include <filesystem>
#include <optional>
#include <string>

#include "util/error.hpp"

namespace trustpcf::server {

inline constexpr const char* kServeAddressFileName = "serve.json";
inline constexpr const char* kAdminTokenFileName = "admin-token";
// Random bytes of a new admin token (base64url encoded): 256 bits, beyond
// guessing.
inline constexpr std::size_t kAdminTokenBytes = 32;

struct ServeAddress {
  std::string host;  // as given to --listen; a wildcard address is reached on loopback
  int port = 0;
  long pid = 0;      // of the serving process, to recognise a stale file
};

// Returns the admin token of `home`, creating it (mode 0600) when missing.
// Errors: kStorage when it cannot be read or written.
util::Result<std::string> load_or_create_admin_token(const std::filesystem::path& home);

// Reads the admin token. Errors: kNotFound when no node has served from this home.
util::Result<std::string> read_admin_token(const std::filesystem::path& home);

// Records where the node listens (mode 0600). Errors: kStorage.
util::Status write_serve_address(const std::filesystem::path& home, const ServeAddress& address);

// Removes serve.json when it names this process; errors are logged.
void remove_serve_address(const std::filesystem::path& home);

// The recorded address, or nullopt when no node is serving from `home` (no
// file, or the process it names is gone). Errors: kInvalidInput for a
// malformed file.
util::Result<std::optional<ServeAddress>> read_serve_address(const std::filesystem::path& home);

// The host a local client connects to: loopback for a wildcard listen address.
std::string connect_host(const ServeAddress& address);

}  // namespace trustpcf::server
