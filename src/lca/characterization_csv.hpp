#pragma once

// A reader for the small CSV tables of data/lcia (RFC 4180: comma-separated,
// fields optionally in double quotes, "" for a quote inside quotes). Written
// by hand because none of the project's libraries reads CSV.

#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace trustpcf::lca {

// One table: the header's column names and the data rows, each with exactly
// as many fields as the header.
struct CsvTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  // Returns the position of `column`, or -1 when the header lacks it.
  int column_index(std::string_view column) const;
};

// Parses `text`; blank lines are skipped. Errors: kInvalidInput naming
// `table_name`, the line and the fault (unterminated quote, wrong field count,
// empty header).
util::Result<CsvTable> parse_csv(std::string_view text, std::string_view table_name);

}  // namespace trustpcf::lca
