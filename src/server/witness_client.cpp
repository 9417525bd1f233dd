#include "server/witness_client.hpp"

#include <cassert>
#include <charconv>

#include <httplib.h>
#include <spdlog/spdlog.h>

#include "space/pact_client.hpp"

namespace trustpcf::server {

namespace {

// Content type of a 409 reply that carries the witness's recorded size.
constexpr const char* kSizeType = "text/x.tlog.size";

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

util::Result<std::string> request_body(tlog::LogAccess& log, const tlog::SignedCheckpoint& checkpoint,
                                       uint64_t old_size) {
  std::string body = "old " + std::to_string(old_size) + "\n";
  if (old_size > 0) {
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::ConsistencyProof proof,
                              log.prove_consistency(old_size, checkpoint.checkpoint.size));
    for (const tlog::Hash& hash : proof.hashes) body += tlog::encode_base64(hash) + "\n";
  }
  return body + "\n" + checkpoint.note;
}

util::Error reply_error(const std::string& url, const httplib::Result& result) {
  const std::string message = trimmed(result->body);
  switch (result->status) {
    case 403:
      return util::make_error(util::ErrorCode::kDenied,
                              "witness {} does not trust this log's key (HTTP 403): {}", url, message);
    case 404:
      return util::make_error(util::ErrorCode::kNotFound,
                              "witness {} does not witness this log (HTTP 404); its owner adds it "
                              "with `trustpcf witness add LOG-KEY`: {}",
                              url, message);
    case 409:
      return util::make_error(util::ErrorCode::kVerification,
                              "witness {} rejected the checkpoint as a fork of one it cosigned "
                              "(HTTP 409): {}",
                              url, message);
    case 422:
      return util::make_error(util::ErrorCode::kVerification,
                              "witness {} rejected the consistency proof (HTTP 422): {}", url, message);
    default:
      return util::make_error(util::ErrorCode::kNetwork, "witness {} returned HTTP {}: {}", url,
                              result->status, message);
  }
}

}  // namespace

util::Result<Cosigned> request_cosignature(tlog::LogAccess& log, const tlog::SignedCheckpoint& checkpoint,
                                           const WitnessTarget& target) {
  TRUSTPCF_ASSIGN_OR_RETURN(space::HttpsUrl url, space::parse_https_url(target.url));
  std::string path = url.path;
  while (!path.empty() && path.back() == '/') path.pop_back();
  path += "/add-checkpoint";

  httplib::SSLClient http(url.host, url.port);
  http.enable_server_certificate_verification(true);
  if (!target.ca_file.empty()) http.set_ca_cert_path(target.ca_file.c_str());
  http.set_connection_timeout(kWitnessConnectTimeoutSeconds, 0);
  http.set_read_timeout(kWitnessReadTimeoutSeconds, 0);
  http.set_keep_alive(true);

  uint64_t old_size = 0;
  for (int attempt = 0; attempt < 2; ++attempt) {
    TRUSTPCF_ASSIGN_OR_RETURN(std::string body, request_body(log, checkpoint, old_size));
    httplib::Result result = http.Post(path, body, "text/plain; charset=utf-8");
    if (!result) {
      return util::make_error(util::ErrorCode::kNetwork, "witness {} cannot be reached: {}", target.url,
                              httplib::to_string(result.error()));
    }

    const bool size_reply = result->status == 409 && result->get_header_value("Content-Type") == kSizeType;
    if (size_reply && attempt > 0) {
      return util::make_error(util::ErrorCode::kNetwork,
                              "witness {} returned 409 twice with a new size; another client is "
                              "submitting this log, try again",
                              target.url);
    }
    if (size_reply) {
      const std::string text = trimmed(result->body);
      uint64_t recorded = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), recorded);
      if (ec != std::errc() || end != text.data() + text.size()) {
        return util::make_error(util::ErrorCode::kNetwork, "witness {} sent size '{}', not a decimal",
                                target.url, text);
      }
      if (recorded > checkpoint.checkpoint.size) {
        return util::make_error(util::ErrorCode::kVerification,
                                "witness {} has cosigned size {} of this log, above the checkpoint's "
                                "size {}; send a newer checkpoint",
                                target.url, recorded, checkpoint.checkpoint.size);
      }
      spdlog::info("witness retry url={} old_size={}", target.url, recorded);
      old_size = recorded;
      continue;
    }
    if (result->status != 200) return reply_error(target.url, result);

    // The reply is signature lines; parse them as the signatures of the note.
    TRUSTPCF_ASSIGN_OR_RETURN(tlog::SignedNote own, tlog::parse_note(checkpoint.note));
    util::Result<tlog::SignedNote> note = tlog::parse_note(own.text + "\n" + result->body);
    if (!note.ok()) {
      return util::make_error(util::ErrorCode::kNetwork, "witness {} sent malformed signature lines: {}",
                              target.url, note.error().message());
    }
    Cosigned cosigned;
    cosigned.old_size = old_size;
    for (const tlog::NoteSignature& line : note->signatures) {
      if (!target.key) {
        cosigned.lines.push_back(line);
      } else if (tlog::verify_cosignature(*target.key, note->text, line).ok()) {
        cosigned.lines.push_back(line);
      }
    }
    if (cosigned.lines.empty()) {
      return util::make_error(util::ErrorCode::kVerification,
                              "witness {} returned no cosignature that verifies with key {}", target.url,
                              target.key ? target.key->text() : "(none given)");
    }
    spdlog::info("witness cosigned url={} size={} lines={}", target.url, checkpoint.checkpoint.size,
                 cosigned.lines.size());
    return cosigned;
  }
  assert(false && "the second attempt always returns");
  return util::Error(util::ErrorCode::kInternal, "witness request loop ended without a reply");
}

}  // namespace trustpcf::server
