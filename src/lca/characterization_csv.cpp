#include "lca/characterization_csv.hpp"

namespace trustpcf::lca {

int CsvTable::column_index(std::string_view column) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == column) return static_cast<int>(i);
  }
  return -1;
}

util::Result<CsvTable> parse_csv(std::string_view text, std::string_view table_name) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> fields;
  std::string field;
  bool in_quotes = false;
  bool field_was_quoted = false;
  int line = 1;
  int record_line = 1;

  auto end_record = [&] {
    fields.push_back(std::move(field));
    field.clear();
    bool blank = fields.size() == 1 && fields[0].empty() && !field_was_quoted;
    if (!blank) records.push_back(std::move(fields));
    fields.clear();
    field_was_quoted = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }

    if (c == '"' && field.empty()) {
      in_quotes = true;
      field_was_quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
      // Dropped so that files with CRLF line ends read the same.
    } else if (c == '\n') {
      end_record();
      ++line;
      record_line = line;
    } else {
      field.push_back(c);
    }
  }
  if (in_quotes) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "table {}: the quoted field that starts on line {} is not closed; "
                            "add the closing double quote",
                            table_name, record_line);
  }
  if (!field.empty() || !fields.empty()) end_record();

  if (records.empty()) {
    return util::make_error(util::ErrorCode::kInvalidInput,
                            "table {} is empty; it needs a header row", table_name);
  }

  CsvTable table;
  table.columns = std::move(records.front());
  for (size_t r = 1; r < records.size(); ++r) {
    if (records[r].size() != table.columns.size()) {
      return util::make_error(util::ErrorCode::kInvalidInput,
                              "table {}: data row {} has {} fields but the header has {}; "
                              "quote fields that contain commas",
                              table_name, r, records[r].size(), table.columns.size());
    }
    table.rows.push_back(std::move(records[r]));
  }
  return table;
}

}  // namespace trustpcf::lca
