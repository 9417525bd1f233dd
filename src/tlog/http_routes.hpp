#pragma once

// The log's HTTP interface, independent of any HTTP library so that the
// server module can mount it under a prefix. Read routes follow C2SP
// tlog-tiles: GET /checkpoint, /tile/<L>/<N>[.p/<W>], /tile/entries/<N>[.p/<W>].
// For clients that do not read tiles:
//   POST /add                                   body = entry bytes; returns
//                                                {"index": N} once durable
//   GET  /proof/inclusion?index=N[&size=M]       JSON inclusion proof
//   GET  /proof/consistency?old=M&new=N          JSON consistency proof
// Proof JSON carries hashes in base64, as checkpoints do.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tlog/log.hpp"

namespace trustpcf::tlog {

// Cache lifetime of /checkpoint, which changes with every batch: clients see
// a new tree head within this many seconds.
inline constexpr int kCheckpointMaxAgeSeconds = 5;
// Cache lifetime of partial tiles and bundles, which are replaced by wider
// ones as the log grows; matches the checkpoint's.
inline constexpr int kPartialTileMaxAgeSeconds = 5;
// Full tiles and bundles never change: one year, marked immutable.
inline constexpr int kFullTileMaxAgeSeconds = 365 * 24 * 3600;

struct HttpResponse {
  int status = 200;
  std::string body;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Cache-Control
};

// Serves one log. Thread-safe, as Log is.
class LogHttpRoutes {
 public:
  explicit LogHttpRoutes(Log& log) : log_(log) {}

  // Handles a request. `target` is the path below the log's prefix with an
  // optional query ("/tile/0/x001/234.p/5", "/proof/inclusion?index=3").
  // Unknown paths give 404, other methods 405, bad parameters 400, changed
  // files 500; error bodies are one line of text.
  HttpResponse handle(std::string_view method, std::string_view target, std::string_view body);

 private:
  HttpResponse get_checkpoint();
  HttpResponse get_tile(std::string_view path);
  HttpResponse post_add(std::string_view body);
  HttpResponse get_inclusion(std::string_view query);
  HttpResponse get_consistency(std::string_view query);

  Log& log_;
};

// Maps an error class to an HTTP status (kNotFound 404, kInvalidInput 400, …).
int http_status_for(util::ErrorCode code);

}  // namespace trustpcf::tlog
