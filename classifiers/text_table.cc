#include "classifiers/text_table.h"

#include <algorithm>
#include <bit>
#include <cctype>

#include "classifiers/latin_text.h"
#include "classifiers/table_headers.h"

namespace datasweep {
namespace {

// Longest line that can be a table row, and longest header cell: prose is longer.
constexpr size_t kMaxLine = 2000;
constexpr size_t kMaxHeaderCell = 40;

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// 0x80 at each byte of `word` that is a space right after a space; `carry` holds 0x80 when the
// byte before the word was a space and is updated for the next word.
uint64_t DoubleSpaces(uint64_t word, uint64_t& carry) {
  const uint64_t spaces = latin_text::BytesEqual(word, ' ');
  const uint64_t pairs = spaces & ((spaces << 8) | carry);
  carry = spaces >> 56;
  return pairs;
}

}  // namespace

bool TextTable::MayBeTableLine(std::string_view line) {
  if (line.size() > kMaxLine) return false;
  // One pass for a tab or two spaces in a row, eight bytes a step: find("  ") called memchr at
  // every single space of a prose line (4 % of a text scan).
  size_t i = 0;
  uint64_t carry = 0;  // 0x80 when the byte before this word is a space
  for (; i + 8 <= line.size(); i += 8) {
    const uint64_t w = latin_text::Word8(line, i);
    if (latin_text::BytesEqual(w, '\t') || DoubleSpaces(w, carry)) return true;
  }
  if (carry && i < line.size() && line[i] == ' ') return true;
  for (; i < line.size(); ++i) {
    if (line[i] == '\t') return true;
    if (line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ') return true;
  }
  return false;
}

size_t TextTable::PlainLinesPrefix(std::string_view text) {
  size_t end = 0;      // just past the last newline seen
  uint64_t carry = 0;  // 0x80 when the byte before this word is a space
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    const uint64_t w = latin_text::Word8(text, i);
    const uint64_t pairs = DoubleSpaces(w, carry);
    // Whether any byte is below 0x20 (a tab, a newline): exact as a yes/no, and most words of
    // prose have none, so the exact masks below are made for few of them.
    const uint64_t control = (w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull;
    if ((pairs | control) == 0) continue;
    const uint64_t stop = latin_text::BytesEqual(w, '\t') | pairs;
    uint64_t newlines = latin_text::BytesEqual(w, '\n');
    if (stop) newlines &= (stop & -stop) - 1;  // only the newlines before the first stop
    if (newlines) end = i + (63 - std::countl_zero(newlines)) / 8 + 1;
    if (stop) return end;
  }
  for (; i < text.size(); ++i) {
    if (text[i] == '\t' || (text[i] == ' ' && i > 0 && text[i - 1] == ' ')) return end;
    if (text[i] == '\n') end = i + 1;
  }
  return end;
}

std::vector<TextTable::Span> TextTable::SplitTabs(std::string_view line) {
  std::vector<Span> out;
  size_t pos = 0;
  while (true) {
    const size_t tab = std::min(line.find('\t', pos), line.size());
    size_t b = pos, e = tab;
    while (b < e && (line[b] == ' ' || line[b] == '\r')) ++b;
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\r')) --e;
    out.push_back({b, e, line.substr(b, e - b)});  // empty cells keep the column count right
    if (tab == line.size()) break;
    pos = tab + 1;
  }
  return out;
}

std::vector<TextTable::Span> TextTable::SplitSpaces(std::string_view line) {
  std::vector<Span> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\r')) ++i;
    if (i >= line.size()) break;
    size_t j = i;
    // A cell runs until two spaces in a row: one space separates words inside a cell.
    while (j < line.size() && line[j] != '\r' &&
           !(line[j] == ' ' && j + 1 < line.size() && line[j + 1] == ' '))
      ++j;
    size_t e = j;
    while (e > i && line[e - 1] == ' ') --e;
    out.push_back({i, e, line.substr(i, e - i)});
    i = j;
  }
  return out;
}

int TextTable::LooksLikeHeader(const std::vector<Span>& cells) {
  int filled = 0, known = 0, numeric = 0;
  for (const Span& c : cells) {
    if (c.text.empty()) continue;
    ++filled;
    if (c.text.size() > kMaxHeaderCell) return 0;
    if (std::isdigit(static_cast<unsigned char>(c.text[0]))) ++numeric;
    known += ClassifyHeader(c.text).has_value();
  }
  // Three columns or more, two of them recognised personal columns, and labels, not values.
  return filled >= 3 && known >= 2 && numeric * 3 < filled ? known : 0;
}

uint32_t TextTable::ColumnAt(const Span& cell) const {
  uint32_t best = 0;
  size_t best_overlap = 0, best_distance = SIZE_MAX;
  for (uint32_t i = 0; i < columns_.size(); ++i) {
    // A header column reaches to where the next one starts.
    const size_t start = columns_[i].first;
    const size_t end = i + 1 < columns_.size() ? columns_[i + 1].first : SIZE_MAX;
    const size_t lo = std::max(start, cell.start), hi = std::min(end, cell.end);
    const size_t overlap = hi > lo ? hi - lo : 0;
    const size_t distance = cell.start > start ? cell.start - start : start - cell.start;
    if (overlap > best_overlap ||
        (overlap == best_overlap && overlap == 0 && distance < best_distance)) {
      best = i;
      best_overlap = overlap;
      best_distance = distance;
    }
  }
  return best;
}

TextTable::LineKind TextTable::Feed(std::string_view line, std::vector<TextCell>& cells) {
  cells.clear();
  if (Blank(line)) return LineKind::kProse;  // a blank line neither starts nor ends a table
  if (!MayBeTableLine(line)) {
    active_ = false;
    return LineKind::kProse;
  }
  const bool has_tab = line.find('\t') != std::string_view::npos;
  const std::vector<Span> spans = has_tab ? SplitTabs(line) : SplitSpaces(line);
  // Inside a table, a row whose values happen to read as column names ("Lee | Mark | EHCP")
  // starts a new table only if it names at least as many columns as the current header.
  const int known = LooksLikeHeader(spans);
  if (known > 0 && (!active_ || known >= header_known_)) {
    active_ = true;
    header_known_ = known;
    tabs_ = has_tab;
    ++tables_;
    columns_.clear();
    for (const Span& s : spans) columns_.emplace_back(s.start, s.end);
    for (uint32_t i = 0; i < spans.size(); ++i)
      if (!spans[i].text.empty()) cells.push_back({i, std::string(spans[i].text)});
    return LineKind::kHeader;
  }
  size_t filled = 0;
  for (const Span& s : spans) filled += !s.text.empty();
  if (!active_ || has_tab != tabs_ || filled < 2) {
    active_ = false;
    return LineKind::kProse;
  }
  for (uint32_t i = 0; i < spans.size(); ++i) {
    if (spans[i].text.empty()) continue;
    cells.push_back({tabs_ ? i : ColumnAt(spans[i]), std::string(spans[i].text)});
  }
  return LineKind::kRow;
}

}  // namespace datasweep
