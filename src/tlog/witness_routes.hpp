#pragma once

// A witness's HTTP interface, C2SP tlog-witness style: POST /add-checkpoint
// with the body
//   old <size>\n
//   <base64 consistency proof hash>\n   (one line per hash, none for size 0)
//   \n
//   <signed checkpoint>
// returns 200 with the cosignature line, 409 with the witness's recorded
// size (content type text/x.tlog.size) when <size> is not it, 409 with a
// text message for a different root at the recorded size (a fork), 404 for
// a log the witness does not know, 403 for a bad log signature, 422 for a
// failed proof and 400 for a malformed body or an old size above the
// checkpoint's. Independent of any HTTP library, like LogHttpRoutes.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "tlog/cosignature.hpp"
#include "tlog/http_routes.hpp"

namespace trustpcf::tlog {

class WitnessHttpRoutes {
 public:
  // `logs` are the verifier keys of the logs this witness cosigns; `clock`
  // returns the POSIX time for cosignature timestamps.
  WitnessHttpRoutes(Witness& witness, std::vector<NoteVerifier> logs,
                    std::function<uint64_t()> clock);

  // Handles a request whose path is below the witness's prefix.
  HttpResponse handle(std::string_view method, std::string_view target, std::string_view body);

 private:
  HttpResponse add_checkpoint(std::string_view body);

  Witness& witness_;
  std::vector<NoteVerifier> logs_;
  std::function<uint64_t()> clock_;
};

}  // namespace trustpcf::tlog
