#include "tlog/witness_routes.hpp"

#include <charconv>

#include <spdlog/spdlog.h>

namespace trustpcf::tlog {

namespace {

constexpr const char* kTextType = "text/plain; charset=utf-8";
// Content type of a 409 body, which is the recorded tree size in decimal.
constexpr const char* kSizeType = "text/x.tlog.size";

HttpResponse text_response(int status, std::string body, const char* type = kTextType) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.content_type = type;
  response.headers.push_back({"Cache-Control", "no-store"});
  return response;
}

// C2SP tlog-witness allows at most 63 proof lines, enough for any tree
// size below 2^64.
constexpr size_t kMaxConsistencyProofLines = 63;

struct AddCheckpointRequest {
  uint64_t old_size = 0;
  std::vector<Hash> proof;
  std::string_view checkpoint;
};

util::Result<AddCheckpointRequest> parse_request(std::string_view body) {
  AddCheckpointRequest request;
  auto next_line = [&body](std::string_view& line) {
    const size_t end = body.find('\n');
    if (end == std::string_view::npos) return false;
    line = body.substr(0, end);
    body.remove_prefix(end + 1);
    return true;
  };

  std::string_view line;
  if (!next_line(line) || !line.starts_with("old ")) {
    return util::Error(util::ErrorCode::kInvalidInput,
                       "add-checkpoint body does not start with 'old <size>'");
  }
  std::string_view size = line.substr(4);
  auto [end, ec] = std::from_chars(size.data(), size.data() + size.size(), request.old_size);
  if (ec != std::errc() || end != size.data() + size.size()) {
    return util::make_error(util::ErrorCode::kInvalidInput, "old size '{}' is not a decimal",
                            size);
  }
  while (true) {
    if (!next_line(line)) {
      return util::Error(util::ErrorCode::kInvalidInput,
                         "add-checkpoint body has no blank line before the checkpoint");
    }
    if (line.empty()) break;
    if (request.proof.size() == kMaxConsistencyProofLines) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "add-checkpoint body has more than {} consistency proof lines",
                              kMaxConsistencyProofLines);
    }
    TRUSTPCF_ASSIGN_OR_RETURN(Hash hash, decode_base64_hash(line, "consistency proof hash"));
    request.proof.push_back(hash);
  }
  request.checkpoint = body;
  return request;
}

}  // namespace

WitnessHttpRoutes::WitnessHttpRoutes(Witness& witness, std::vector<NoteVerifier> logs,
                                     std::function<uint64_t()> clock)
    : witness_(witness), logs_(std::move(logs)), clock_(std::move(clock)) {}

HttpResponse WitnessHttpRoutes::handle(std::string_view method, std::string_view target,
                                       std::string_view body) {
  if (target != "/add-checkpoint") return text_response(404, "no witness resource here\n");
  if (method != "POST") return text_response(405, "use POST /add-checkpoint\n");
  return add_checkpoint(body);
}

HttpResponse WitnessHttpRoutes::add_checkpoint(std::string_view body) {
  util::Result<AddCheckpointRequest> request = parse_request(body);
  if (!request.ok()) return text_response(400, request.error().message() + "\n");

  const std::string_view origin = request->checkpoint.substr(0, request->checkpoint.find('\n'));
  const NoteVerifier* log_key = nullptr;
  for (const NoteVerifier& key : logs_) {
    if (key.name() == origin) log_key = &key;
  }
  if (!log_key) return text_response(404, fmt::format("log '{}' is not known to this witness\n", origin));

  util::Result<OpenedCheckpoint> opened = open_checkpoint(request->checkpoint, *log_key);
  if (!opened.ok()) {
    const int status = opened.error().code() == util::ErrorCode::kVerification ? 403 : 400;
    return text_response(status, opened.error().message() + "\n");
  }

  util::Result<NoteSignature> line = witness_.add_checkpoint(
      *log_key, request->old_size, request->proof, request->checkpoint, clock_());
  if (!line.ok()) {
    if (line.error().code() == util::ErrorCode::kInvalidInput) {
      // The note parsed above, so the only invalid input left is a stale old size.
      util::Result<std::optional<Checkpoint>> latest = witness_.latest(std::string(origin));
      const uint64_t recorded = latest.ok() && latest->has_value() ? (*latest)->size : 0;
      return text_response(409, std::to_string(recorded) + "\n", kSizeType);
    }
    if (line.error().code() == util::ErrorCode::kUsage) {
      return text_response(400, line.error().message() + "\n");
    }
    // At the recorded size with an empty proof, the only failed check left
    // is a root that differs from the cosigned one: a fork, 409 per the spec.
    const bool fork = line.error().code() == util::ErrorCode::kVerification &&
                      request->old_size == opened->checkpoint.size && request->proof.empty();
    if (fork) return text_response(409, line.error().message() + "\n");
    const int status = line.error().code() == util::ErrorCode::kVerification ? 422 : 500;
    if (status == 500) spdlog::error("witness add-checkpoint failed error={}", line.error().message());
    return text_response(status, line.error().message() + "\n");
  }

  SignedNote only_line{opened->note.text, {*line}};
  const std::string note = format_note(only_line);
  return text_response(200, note.substr(note.find("\n\n") + 2));
}

}  // namespace trustpcf::tlog
