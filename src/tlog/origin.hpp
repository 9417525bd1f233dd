#pragma once

// The origin line of a new log's checkpoints when the operator names none.

#include <string>

namespace trustpcf::tlog {

// Returns "<host name>/trustpcf-log", or "localhost/trustpcf-log" when the
// host name is unavailable. The origin is fixed when the log key is created.
std::string default_log_origin();

}  // namespace trustpcf::tlog
