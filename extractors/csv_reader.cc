#include "extractors/csv_reader.h"

#include <algorithm>
#include <array>
#include <vector>

namespace datasweep {

namespace {

constexpr std::array<char, 4> kDelimiters = {',', '\t', ';', '|'};

// The index of `c` in kDelimiters, or -1: one test for the common case of a byte that is none.
int DelimiterIndex(char c) {
  if (c != ',' && c != '\t' && c != ';' && c != '|') return -1;
  return c == ',' ? 0 : c == '\t' ? 1 : c == ';' ? 2 : 3;
}

}  // namespace

char CsvReader::SniffDelimiter(std::string_view sample) {
  constexpr size_t kLines = 20;
  // Per delimiter and line, the delimiters outside quotes: one pass over each line for all four
  // (this runs on every text file's head).
  std::array<std::array<size_t, kLines>, kDelimiters.size()> counts{};
  size_t lines = 0;
  size_t pos = 0;
  while (pos < sample.size() && lines < kLines) {
    size_t end = sample.find('\n', pos);
    if (end == std::string_view::npos) break;  // ignore a line cut off by the sample's end
    std::string_view line = sample.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) {
      bool q = false;
      for (char c : line) {
        if (c == '"') {
          q = !q;
        } else if (!q) {
          if (const int k = DelimiterIndex(c); k >= 0) ++counts[k][lines];
        }
      }
      ++lines;
    }
    pos = end + 1;
  }
  if (lines < 2) return 0;
  // Exports often start with a title or a blank line: the table starts at the first line that
  // holds the delimiter, and most lines from there on must agree on the field count.
  // Of the delimiters that fit, the one giving the most fields wins: a TSV whose name column
  // reads "Surname, Forename" has one comma per line too, but four tabs.
  char best = 0;
  size_t best_fields = 0;
  for (size_t k = 0; k < kDelimiters.size(); ++k) {
    // Most lines must agree on the count, and have at least one.
    const auto begin = counts[k].begin(), end = counts[k].begin() + lines;
    size_t start = 0;
    while (start < lines && begin[start] == 0 && start < 5) ++start;
    if (start >= lines || begin[start] == 0 || lines - start < 2) continue;
    const size_t first = begin[start];
    const size_t agree = std::count(begin + start, end, first);
    if (agree * 10 >= (lines - start) * 8 && first > best_fields) {
      best = kDelimiters[k];
      best_fields = first;
    }
  }
  return best;
}

bool CsvReader::EndCell() {
  const bool keep_going = on_cell_(row_, col_, cell_);
  cell_.clear();
  ++col_;
  return keep_going;
}

bool CsvReader::Feed(std::string_view text) {
  for (char c : text) {
    if (quote_pending_) {  // the previous char was a quote inside a quoted field
      quote_pending_ = false;
      if (c == '"') {
        if (cell_.size() < kMaxCell) cell_.push_back('"');
        continue;
      }
      in_quotes_ = false;  // it closed the field; fall through to handle c
    }
    if (in_quotes_) {
      if (c == '"')
        quote_pending_ = true;
      else if (cell_.size() < kMaxCell)
        cell_.push_back(c);
      continue;
    }
    if (c == '"' && cell_.empty()) {
      in_quotes_ = true;
      line_has_content_ = true;
    } else if (c == delim_) {
      line_has_content_ = true;
      if (!EndCell()) return false;
    } else if (c == '\n') {
      if (line_has_content_ || !cell_.empty()) {
        if (!cell_.empty() && cell_.back() == '\r') cell_.pop_back();
        if (!EndCell()) return false;
        ++row_;
      }
      col_ = 0;
      line_has_content_ = false;
    } else {
      line_has_content_ = true;
      if (cell_.size() < kMaxCell) cell_.push_back(c);
    }
  }
  return true;
}

bool CsvReader::Finish() {
  if (line_has_content_ || !cell_.empty()) {
    if (!cell_.empty() && cell_.back() == '\r') cell_.pop_back();
    return EndCell();
  }
  return true;
}

}  // namespace datasweep
