#include "tlog/origin.hpp"

#include <unistd.h>

namespace trustpcf::tlog {

std::string default_log_origin() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0 || host[0] == '\0') return "localhost/trustpcf-log";
  return std::string(host) + "/trustpcf-log";
}

}  // namespace trustpcf::tlog
