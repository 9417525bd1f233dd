// Readers of activity data files. The CSV reader is written by hand: Debian 12
// packages no maintained C++ CSV library, and RFC 4180 needs only quoting.

#include "crypto/jcs.hpp"
#include "proof/evidence.hpp"

namespace trustpcf::proof {
namespace {

using util::ErrorCode;
using util::make_error;

// Splits RFC 4180 text into rows of cells. Quoted cells may contain commas,
// doubled quotes and line breaks; CRLF and LF both end a row.
util::Result<std::vector<std::vector<std::string>>> split_csv(std::string_view text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  bool cell_started = false;
  std::size_t line = 1;

  auto end_cell = [&] {
    row.push_back(std::move(cell));
    cell.clear();
    cell_started = false;
  };
  auto end_row = [&] {
    end_cell();
    bool blank = row.size() == 1 && row[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row.clear();
  };

  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell.push_back(c);
      }
      continue;
    }
    if (c == '"' && !cell_started && cell.empty()) {
      quoted = true;
      cell_started = true;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    } else if (c == '\n') {
      end_row();
      ++line;
    } else {
      cell.push_back(c);
      cell_started = true;
    }
  }
  if (quoted) {
    return make_error(ErrorCode::kInvalidInput, "CSV line {}: a quoted cell is not closed", line);
  }
  if (!cell.empty() || !row.empty()) end_row();
  return rows;
}

}  // namespace

util::Result<std::vector<nlohmann::json>> parse_activity_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // byte order mark
  TRUSTPCF_ASSIGN_OR_RETURN(auto rows, split_csv(text));
  if (rows.empty()) {
    return util::Error(ErrorCode::kInvalidInput, "the CSV file has no header row");
  }
  const std::vector<std::string>& header = rows[0];
  std::vector<nlohmann::json> records;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != header.size()) {
      return make_error(ErrorCode::kInvalidInput,
                        "CSV row {} has {} cells but the header has {} columns", r + 1,
                        rows[r].size(), header.size());
    }
    nlohmann::json record = nlohmann::json::object();
    for (std::size_t c = 0; c < header.size(); ++c) {
      if (rows[r][c].empty()) continue;
      record[header[c]] = rows[r][c];
    }
    records.push_back(std::move(record));
  }
  return records;
}

util::Result<std::vector<nlohmann::json>> parse_activity_json(std::string_view text) {
  TRUSTPCF_ASSIGN_OR_RETURN(nlohmann::json document, crypto::parse_json_strict(text));
  const nlohmann::json* list = &document;
  if (document.is_object() && document.contains("records")) list = &document["records"];
  if (!list->is_array()) {
    return util::Error(ErrorCode::kInvalidInput,
                       "activity data JSON must be an array of records or {\"records\": [...]}");
  }
  std::vector<nlohmann::json> records;
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].is_object()) {
      return make_error(ErrorCode::kInvalidInput, "activity data record {} is not an object", i);
    }
    records.push_back((*list)[i]);
  }
  return records;
}

}  // namespace trustpcf::proof
