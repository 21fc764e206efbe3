// TextTable: finds tables laid out in running text — tab-separated columns (a TSV pasted into a
// .txt, an RTF tab table, an HTML table, a PDF page whose column gaps the extractor turned into
// tabs) or columns aligned with runs of spaces (a fixed-width report) — by their header row,
// and splits the lines below it into cells, so the column header can type every cell (SPEC §2
// "tables are first-class") whatever format the table arrived in.
// Not thread-safe; one per file being scanned.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace datasweep {

struct TextCell {
  uint32_t col;
  std::string text;
};

class TextTable {
 public:
  enum class LineKind { kProse, kHeader, kRow };

  // Reads one line (without its line break). A header line starts a table; the lines that
  // follow it and still split into columns are its rows; any other non-blank line ends it.
  // For kHeader and kRow, `cells` holds the line's non-empty cells with their column index.
  LineKind Feed(std::string_view line, std::vector<TextCell>& cells);

  // 1-based number of the current (or last) table; 0 before the first.
  int TableNumber() const { return tables_; }
  // True when a table is open (the next line may be one of its rows).
  bool Active() const { return active_; }

  // Cheap test: can `line` be part of a text table at all (it holds a tab or two spaces)?
  static bool MayBeTableLine(std::string_view line);
  // The length of the whole lines ('\n'-terminated) at the start of `text` that come before the
  // first line holding a tab or two spaces in a row: lines none of which MayBeTableLine, found
  // eight bytes a step, so running prose is passed on in one piece.
  static size_t PlainLinesPrefix(std::string_view text);

 private:
  struct Span {
    size_t start, end;
    std::string_view text;
  };
  static std::vector<Span> SplitTabs(std::string_view line);
  static std::vector<Span> SplitSpaces(std::string_view line);
  // The number of recognised column names when `cells` reads as a header row, else 0.
  static int LooksLikeHeader(const std::vector<Span>& cells);
  // The header column a space-aligned cell belongs to: the one it overlaps most.
  uint32_t ColumnAt(const Span& cell) const;

  bool active_ = false;
  bool tabs_ = false;                               // this table's columns are tab-separated
  std::vector<std::pair<size_t, size_t>> columns_;  // header columns' [start, end) (space mode)
  int header_known_ = 0;                            // recognised columns in the current header
  int tables_ = 0;
};

}  // namespace datasweep
