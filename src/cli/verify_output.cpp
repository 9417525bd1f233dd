#include "cli/verify_output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace trustpcf::cli {

void print_links(std::ostream& out, const proof::VerifyReport& report, const std::string& indent) {
  for (const proof::LinkResult& link : report.links) {
    out << indent << (link.passed ? "PASS  " : "FAIL  ") << proof::link_name(link.link);
    if (!link.passed) out << ": " << link.reason;
    out << "\n";
    for (const std::string& detail : link.details) out << indent << "        " << detail << "\n";
  }
  if (!report.withheld.empty()) {
    out << indent << "withheld: " << fmt::format("{}", fmt::join(report.withheld, ", "))
        << " (hidden behind salted digests)\n";
  }
}

}  // namespace trustpcf::cli
