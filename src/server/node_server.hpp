#pragma once

// The HTTPS node: the PACT v3 API (/auth/token, OpenID discovery,
// /3/footprints, /3/events) and the data-space routes (/space/catalog,
// /space/contracts) on cpp-httplib's SSLServer. There is no plain-HTTP
// listener: a plain request to the port fails the TLS handshake.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "util/error.hpp"

namespace trustpcf::server {

// Largest request body accepted; PACT requests are small JSON documents
// (a RequestFulfilledEvent carries footprints, a few kB each).
inline constexpr std::size_t kDefaultMaxBodyBytes = 1024 * 1024;
// A client that sends nothing for this long is disconnected (slow clients).
inline constexpr std::chrono::seconds kDefaultReadTimeout{5};
// Connections are kept open for this many requests, so that TLS handshakes
// (the dominant cost per connection) are amortised.
inline constexpr std::size_t kKeepAliveMaxRequests = 10'000;
// Worker threads, each serving one open connection at a time; connections
// beyond this wait until one closes.
inline constexpr std::size_t kWorkerThreads = 64;

struct ServerOptions {
  std::filesystem::path home;         // the node's home (node.json, store, keys)
  std::string host = "127.0.0.1";     // listen address
  int port = 0;                       // 0 picks a free port
  // Overrides the certificate and key of node.json when set.
  std::filesystem::path tls_certificate;
  std::filesystem::path tls_private_key;
  std::size_t max_body_bytes = kDefaultMaxBodyBytes;
  std::chrono::seconds read_timeout = kDefaultReadTimeout;
  // First retry delay of event delivery; doubles per attempt.
  std::chrono::milliseconds outbox_initial_backoff{1000};
  bool run_outbox = true;  // deliver queued events in the background
};

struct NodeState;

class NodeServer {
 public:
  // Loads the node (node.json, token key, certificate), opens the store and
  // registers the routes. Errors: kNotFound without `trustpcf init`;
  // kInvalidInput when the certificate or key cannot be loaded; kStorage.
  static util::Result<std::unique_ptr<NodeServer>> create(const ServerOptions& options);
  ~NodeServer();  // stops the server and the outbox

  NodeServer(const NodeServer&) = delete;
  NodeServer& operator=(const NodeServer&) = delete;

  // Binds the listen address and serves on a background thread. Returns the
  // bound port. Errors: kNetwork when the address cannot be bound.
  util::Result<int> start();

  // Blocks until stop() is called from another thread or a signal handler.
  void wait();

  // Stops accepting requests, finishes running ones, flushes the audit log
  // and stops the outbox. Safe to call more than once.
  void stop();

  int port() const { return port_; }
  NodeState& state() { return *state_; }

 private:
  explicit NodeServer(std::unique_ptr<NodeState> state);

  std::unique_ptr<NodeState> state_;
  std::thread listener_;
  int port_ = 0;
  bool stopped_ = false;
};

}  // namespace trustpcf::server
