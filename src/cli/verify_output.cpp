#include "cli/verify_output.hpp"

namespace trustpcf::cli {

void print_links(std::ostream& out, const proof::VerifyReport& report, const std::string& indent) {
  for (const proof::LinkResult& link : report.links) {
    out << indent << (link.passed ? "PASS  " : "FAIL  ") << proof::link_name(link.link);
    if (!link.passed) out << ": " << link.reason;
    out << "\n";
    for (const std::string& detail : link.details) out << indent << "        " << detail << "\n";
  }
}

}  // namespace trustpcf::cli
