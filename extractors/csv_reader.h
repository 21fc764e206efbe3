// CsvReader: a streaming RFC 4180 reader (quoted fields, doubled quotes, newlines inside
// quotes, CRLF) for CSV, TSV and semicolon-separated exports. Cells longer than kMaxCell bytes
// are cut (the rest of the cell is skipped) so one huge field cannot exhaust memory.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace datasweep {

class CsvReader {
 public:
  using CellFn = std::function<bool(uint32_t row, uint32_t col, std::string_view text)>;
  static constexpr size_t kMaxCell = 64 * 1024;

  // The delimiter ',', '\t' or ';' if `sample` (the first lines of a file) reads as a table
  // with a consistent number of fields per line; 0 if it does not look like one.
  static char SniffDelimiter(std::string_view sample);

  CsvReader(char delimiter, CellFn on_cell) : delim_(delimiter), on_cell_(std::move(on_cell)) {}
  // Feeds the next piece of text. Returns false when the callback asked to stop.
  bool Feed(std::string_view text);
  // Emits the last cell of an unterminated final line.
  bool Finish();

 private:
  bool EndCell();
  char delim_;
  CellFn on_cell_;
  std::string cell_;
  uint32_t row_ = 0, col_ = 0;
  bool in_quotes_ = false, quote_pending_ = false, line_has_content_ = false;
};

}  // namespace datasweep
