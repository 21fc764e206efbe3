#include "classifiers/content_analyzer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "classifiers/date_parse.h"
#include "classifiers/latin_text.h"
#include "classifiers/masking.h"

namespace datasweep {

std::string ColumnName(uint32_t col) {
  std::string out;
  for (int64_t c = col; c >= 0; c = c / 26 - 1)
    out.insert(out.begin(), static_cast<char>('A' + c % 26));
  return out;
}

ContentAnalyzer::ContentAnalyzer(const DetectorSet& detectors, const ClassifierSettings& settings,
                                 uint64_t max_text_bytes)
    : detectors_(detectors), settings_(settings), max_text_bytes_(max_text_bytes) {}

ContentAnalyzer::~ContentAnalyzer() {
  // The background batch refers to this analyzer: it must have run before the analyzer goes.
  if (landing_) try {
      landing_();
    } catch (...) {
    }
}

bool ContentAnalyzer::CountText(size_t n) {
  text_bytes_ += n;
  if (text_bytes_ > max_text_bytes_) text_limit_hit_ = true;
  return !text_limit_hit_;
}

void ContentAnalyzer::Record(const DetectorInfo& info, std::string value, Confidence c,
                             std::string explanation, int64_t row, const std::string& where,
                             bool identifying, int64_t offset) {
  if (landing_) Land();  // what the background batch found comes first
  const auto floor = settings_.detector_min_confidence.find(info.id);
  if (c <
      (floor == settings_.detector_min_confidence.end() ? settings_.min_confidence : floor->second))
    return;
  Finding f{&info, std::move(value), where, c, std::move(explanation), row, identifying, offset};
  // Keep a few samples per detector, preferring the most confident.
  const size_t same = std::count_if(samples_.begin(), samples_.end(),
                                    [&](const Sample& s) { return s.detector == info.id; });
  if (same < kSamplesPerDetector) {
    samples_.push_back(Sample{std::string(info.id), Mask(f.value, info.kind), where, c});
  }
  ledger_.Add(f);
}

// Prose -----------------------------------------------------------------------------------

bool ContentAnalyzer::OnText(std::string_view text, std::string_view where) {
  if (where != where_) {
    FlushProse();
    where_ = std::string(where);
    lines_before_tail_ = 0;
  }
  if (!CountText(text.size())) return false;
  std::string prose;
  ReadLines(text, prose);
  ScanProse(prose);
  return true;
}

// Longest unfinished line held back while waiting for its end; a longer one is prose anyway.
constexpr size_t kMaxPendingLine = 4096;

void ContentAnalyzer::ReadLines(std::string_view text, std::string& prose) {
  prose.reserve(text.size() + line_.size());
  while (!text.empty()) {
    if (line_.empty() && !text_table_.Active()) {
      // Whole lines that cannot start a table are prose as they stand (ReadLine would append
      // them one by one): one append, no search per line.
      const size_t plain = TextTable::PlainLinesPrefix(text);
      prose.append(text.substr(0, plain));
      text.remove_prefix(plain);
      if (text.empty()) return;
    }
    const size_t nl = text.find('\n');
    if (nl == std::string_view::npos) {
      line_.append(text);
      if (line_.size() > kMaxPendingLine) {
        text_table_.Feed("", text_cells_);  // too long for a table row
        prose.append(line_);
        line_.clear();
      }
      return;
    }
    if (line_.empty()) {
      ReadLine(text.substr(0, nl), prose);
    } else {
      line_.append(text.substr(0, nl));
      ReadLine(line_, prose);
      line_.clear();
    }
    prose.push_back('\n');
    text.remove_prefix(nl + 1);
  }
}

void ContentAnalyzer::ReadLine(std::string_view line, std::string& prose) {
  if (!text_table_.Active() && !TextTable::MayBeTableLine(line)) {
    prose.append(line);
    return;
  }
  const TextTable::LineKind kind = text_table_.Feed(line, text_cells_);
  if (kind == TextTable::LineKind::kProse) {
    prose.append(line);
    return;
  }
  // A table line becomes a row of cells (and an empty line of prose, so line numbers hold).
  FlushRow();
  if (kind == TextTable::LineKind::kHeader) {
    // Named where the header stands: a table running on to the next page keeps its columns.
    text_row_ = 0;
    text_sheet_ =
        (where_.empty() ? "" : where_ + " ") + "table " + std::to_string(text_table_.TableNumber());
  }
  row_sheet_ = text_sheet_;
  row_index_ = text_row_++;
  for (TextCell& c : text_cells_) row_cells_.push_back({c.col, std::move(c.text)});
  FlushRow();
}

void ContentAnalyzer::ScanProse(std::string_view text) {
  while (!text.empty()) {
    const std::string_view piece = text.substr(0, kWindow);
    text.remove_prefix(piece.size());
    QueueWindow(piece);
    ScanQueuedProse();
  }
}

void ContentAnalyzer::ScanQueuedProse() {
  if (!parallel_for_)
    DrainProse();
  else if (windows_.size() >= kParallelWindows || queued_prose_bytes_ >= kParallelProseBytes)
    LaunchProse();
}

void ContentAnalyzer::QueueWindow(std::string_view piece) {
  DrainRows();
  ProseWindow& w = windows_.emplace_back();
  w.text.reserve(tail_.size() + piece.size());
  w.text.append(tail_).append(piece);
  w.report_from = tail_.empty() ? 0 : tail_.size() - 1;
  w.lines_before = lines_before_tail_;
  w.offset = static_cast<int64_t>(prose_bytes_ - tail_.size());
  w.where = where_;
  prose_bytes_ += piece.size();
  queued_prose_bytes_ += w.text.size();
  const size_t keep = std::min(w.text.size(), DetectorSet::kMaxMatchLength + 56);
  lines_before_tail_ +=
      latin_text::CountByte(std::string_view(w.text).substr(0, w.text.size() - keep), '\n');
  tail_.assign(w.text, w.text.size() - keep, keep);
  // Later windows start at the tail: no later prose finding lies before it.
  w.advance_to = static_cast<int64_t>(prose_bytes_ - tail_.size());
}

void ContentAnalyzer::ScanWindow(ProseWindow& w) const {
  // Newline offsets, indexed on the first detection: counting from the window start for every
  // detection was a tenth of the scan time on prose full of names.
  std::vector<uint32_t> newlines;
  bool indexed = false;
  detectors_.Scan(w.text, w.report_from, w.final, "", [&](const Detection& d) {
    uint64_t line = 0;
    if (w.where.empty()) {
      if (!indexed) {
        for (size_t i = w.text.find('\n'); i != std::string::npos; i = w.text.find('\n', i + 1))
          newlines.push_back(static_cast<uint32_t>(i));
        indexed = true;
      }
      line = std::lower_bound(newlines.begin(), newlines.end(), d.offset) - newlines.begin();
    }
    w.found.emplace_back(d, line);
  });
}

void ContentAnalyzer::DrainProse() {
  // Only prose in flight is landed here: rows in flight stay there while more rows are read
  // (Record lands them before anything else is recorded).
  if (!flying_windows_.empty()) Land();
  if (windows_.empty()) return;
  // Shared out only past one window's worth: a small file's window and its tail are scanned
  // faster here than handed to another thread.
  if (parallel_for_ && queued_prose_bytes_ > kWindow)
    parallel_for_(windows_.size(), [this](size_t i) { ScanWindow(windows_[i]); });
  else
    for (ProseWindow& w : windows_) ScanWindow(w);
  RecordWindows(windows_);
  queued_prose_bytes_ = 0;
}

void ContentAnalyzer::LaunchProse() {
  Land();
  if (!background_) return DrainProse();
  flying_windows_.swap(windows_);
  windows_.clear();
  queued_prose_bytes_ = 0;
  landing_ =
      background_(flying_windows_.size(), [this](size_t i) { ScanWindow(flying_windows_[i]); });
}

void ContentAnalyzer::Land() {
  if (!landing_) return;
  const std::function<void()> wait = std::move(landing_);
  landing_ = nullptr;
  try {
    wait();
  } catch (...) {
    flying_windows_.clear();
    flying_rows_.clear();
    throw;
  }
  RecordWindows(flying_windows_);
  RecordRows(flying_rows_);
}

void ContentAnalyzer::RecordWindows(std::vector<ProseWindow>& windows) {
  for (ProseWindow& w : windows) {
    for (auto& [d, line] : w.found) {
      const std::string at =
          w.where.empty() ? "line " + std::to_string(w.lines_before + 1 + line) : w.where;
      Record(d.detector->Info(), std::move(d.validated.value), d.validated.confidence,
             std::move(d.validated.note), -1, at, d.validated.identifying,
             w.offset + static_cast<int64_t>(d.offset));
    }
    ledger_.AdvanceProse(w.advance_to);
  }
  windows.clear();
}

void ContentAnalyzer::FlushProse() {
  if (!line_.empty()) {
    std::string prose;
    ReadLine(line_, prose);
    line_.clear();
    ScanProse(prose);
  }
  if (tail_.empty()) return;
  // The tail, scanned to its end: a window of its own, so a document's parts (a PDF's pages)
  // are scanned together like the windows of one long text.
  QueueWindow("");
  ProseWindow& w = windows_.back();
  w.report_from = w.text.size() - 1;
  w.advance_to = static_cast<int64_t>(prose_bytes_);
  w.final = true;
  tail_.clear();
  ScanQueuedProse();
}

// Tables ----------------------------------------------------------------------------------

bool ContentAnalyzer::OnCell(const CellRef& cell, std::string_view text) {
  if (!CountText(text.size() + 1)) return false;
  if (cell.sheet != row_sheet_ || static_cast<int64_t>(cell.row) != row_index_) {
    FlushRow();
    row_sheet_ = std::string(cell.sheet);
    row_index_ = cell.row;
  }
  if (!text.empty()) row_cells_.push_back({cell.col, std::string(text.substr(0, 4096))});
  return true;
}

void ContentAnalyzer::FlushRow() {
  if (row_index_ < 0) return;
  DrainProse();  // the prose before this row is recorded first
  auto it = sheets_.find(row_sheet_);
  if (it == sheets_.end()) {
    SheetState s;
    s.index = static_cast<int64_t>(sheets_.size());
    it = sheets_.emplace(row_sheet_, std::move(s)).first;
  }
  SheetState& sheet = it->second;
  const uint32_t row = static_cast<uint32_t>(row_index_);
  std::vector<PendingCell> cells;
  cells.swap(row_cells_);
  row_index_ = -1;
  if (cells.empty()) return;
  ++sheet.rows_seen;
  if (sheet.header_found && parallel_for_) {
    for (const PendingCell& c : cells) queued_row_bytes_ += c.text.size();
    rows_.push_back({&sheet, row_sheet_, row, std::move(cells), {}});
    if (rows_.size() >= kParallelRows || queued_row_bytes_ >= kParallelRowBytes) LaunchRows();
    return;
  }
  DrainRows();
  if (!sheet.header_found && FormField(sheet, row, cells)) return;
  // The header is the first row (within the first few) naming at least two personal columns.
  if (!sheet.header_found && sheet.rows_seen <= 10) {
    int known = 0;
    bool numeric = false;
    for (const auto& c : cells) {
      known += ClassifyHeader(c.text).has_value();
      numeric |= !c.text.empty() &&
                 (std::isdigit(static_cast<unsigned char>(c.text[0])) || c.text.size() > 60);
    }
    // Two recognised column names make a header; one will do in the first wide row of labels.
    const bool first_wide_row = cells.size() >= 3 && !sheet.wide_row_seen;
    if (cells.size() >= 3) sheet.wide_row_seen = true;
    if (known >= 2 || (known == 1 && first_wide_row && !numeric)) {
      sheet.header_found = true;
      const uint32_t width = cells.back().col + 1;
      sheet.headers.assign(width, "");
      sheet.columns.assign(width, std::nullopt);
      for (const auto& c : cells) {
        sheet.headers[c.col] = c.text;
        sheet.columns[c.col] = ClassifyHeader(c.text);
      }
      return;
    }
  }
  ProcessDataRow(sheet, row, cells);
}

bool ContentAnalyzer::FormField(SheetState& sheet, uint32_t row,
                                const std::vector<PendingCell>& cells) {
  // A form laid out as a table ("Name | Amara Nowak", "Date of birth | 03/02/2015"): a label
  // cell and its value, row after row, all about one person.
  if (cells.size() != 2 || cells[1].col != cells[0].col + 1 || cells[0].text.size() > 40)
    return false;
  std::optional<ColumnInfo> label = ClassifyHeader(cells[0].text);
  if (!label && sheet.form_fields == 0) return false;
  if (!label) {  // a further field of the same form ("Area of need | Autism"): same person
    ++sheet.form_fields;
    ProcessCell(sheet, row, cells[1], kFormRow);
    return true;
  }
  // "Name | DOB" is the header of a two-column list, not a field; a value with a digit in it
  // ("Address | 12 Albion Street") or a form already under way settles it.
  const bool digit = std::any_of(cells[1].text.begin(), cells[1].text.end(), [](char ch) {
    return std::isdigit(static_cast<unsigned char>(ch));
  });
  if (ClassifyHeader(cells[1].text) && !digit && sheet.form_fields == 0) return false;
  ++sheet.form_fields;
  SheetState field;
  field.index = sheet.index;
  field.headers.assign(cells[1].col + 1, "");
  field.columns.assign(cells[1].col + 1, std::nullopt);
  field.headers[cells[1].col] = cells[0].text;
  field.columns[cells[1].col] = label;
  ProcessCell(field, row, cells[1], kFormRow);
  return true;
}

void ContentAnalyzer::ProcessDataRow(SheetState& sheet, uint32_t row,
                                     const std::vector<PendingCell>& cells) {
  for (const auto& c : cells) ProcessCell(sheet, row, c);
}

void ContentAnalyzer::DrainRows() {
  if (!flying_rows_.empty()) Land();  // prose in flight stays there while more prose is read
  if (rows_.empty()) return;
  parallel_for_(rows_.size(), [this](size_t i) { ScanRow(rows_[i]); });
  RecordRows(rows_);
  queued_row_bytes_ = 0;
}

void ContentAnalyzer::LaunchRows() {
  Land();
  if (!background_) return DrainRows();
  flying_rows_.swap(rows_);
  rows_.clear();
  queued_row_bytes_ = 0;
  landing_ = background_(flying_rows_.size(), [this](size_t i) { ScanRow(flying_rows_[i]); });
}

void ContentAnalyzer::ScanRow(QueuedRow& r) const {
  r.found.resize(r.cells.size());
  for (size_t k = 0; k < r.cells.size(); ++k) ScanCell(*r.sheet, r.cells[k], r.found[k]);
}

void ContentAnalyzer::RecordRows(std::vector<QueuedRow>& rows) {
  for (QueuedRow& r : rows)
    for (size_t k = 0; k < r.cells.size(); ++k)
      RecordCell(*r.sheet, r.sheet_name, r.row, r.cells[k], -1, r.found[k]);
  rows.clear();
}

void ContentAnalyzer::ProcessCell(SheetState& sheet, uint32_t row, const PendingCell& cell,
                                  int64_t subject_row) {
  ScanCell(sheet, cell, cell_found_);
  RecordCell(sheet, row_sheet_, row, cell, subject_row, cell_found_);
}

void ContentAnalyzer::ScanCell(const SheetState& sheet, const PendingCell& cell,
                               std::vector<Detection>& found) const {
  found.clear();
  const std::string_view header = cell.col < sheet.headers.size()
                                      ? std::string_view(sheet.headers[cell.col])
                                      : std::string_view();
  detectors_.Scan(cell.text, 0, true, header, [&](const Detection& d) { found.push_back(d); });
}

void ContentAnalyzer::RecordCell(const SheetState& sheet, const std::string& sheet_name,
                                 uint32_t row, const PendingCell& cell, int64_t subject_row,
                                 std::vector<Detection>& found) {
  const int64_t row_key = (sheet.index << 32) | (subject_row >= 0 ? subject_row : row);
  // "Sheet1!B2", built only for a cell that records a finding (most cells record none).
  std::string where_text;
  auto where = [&]() -> const std::string& {
    if (where_text.empty())
      where_text = (sheet_name.empty() ? "" : sheet_name + "!") + ColumnName(cell.col) +
                   std::to_string(row + 1);
    return where_text;
  };
  const bool has_column = cell.col < sheet.columns.size() && sheet.columns[cell.col].has_value();
  const std::string_view header = cell.col < sheet.headers.size()
                                      ? std::string_view(sheet.headers[cell.col])
                                      : std::string_view();
  bool typed_by_pattern = false;
  for (Detection& d : found) {
    if (has_column && d.detector->Info().id == sheet.columns[cell.col]->detector_id)
      typed_by_pattern = true;
    Record(d.detector->Info(), std::move(d.validated.value), d.validated.confidence,
           std::move(d.validated.note), row_key, where(), d.validated.identifying);
  }
  if (!has_column || typed_by_pattern) return;
  const ColumnInfo& col = *sheet.columns[cell.col];
  if (col.detector_id == "date_of_birth") {
    // Spreadsheets store dates as serial numbers; the DOB column says what they are.
    double serial = 0;
    const auto r = std::from_chars(cell.text.data(), cell.text.data() + cell.text.size(), serial);
    if (r.ec == std::errc() && r.ptr == cell.text.data() + cell.text.size()) {
      if (const auto date = FromSpreadsheetSerial(serial); date && date->year >= 1900) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date->year, date->month, date->day);
        if (const Detector* dob = detectors_.Find("date_of_birth"))
          Record(dob->Info(), buf, Confidence::kHigh,
                 "date serial in column '" + std::string(header) + "'", row_key, where());
      }
    }
    return;
  }
  if (col.needs_validation || NegativeFlag(cell.text)) return;
  // Name, address, special-category, pay and bank columns: the header types the cell.
  const bool plausible_name =
      col.kind != DetailKind::kName || std::any_of(cell.text.begin(), cell.text.end(), [](char ch) {
        return std::isalpha(static_cast<unsigned char>(ch));
      });
  if (!plausible_name) return;
  Record(HeaderDetectorInfo(col.detector_id), cell.text, Confidence::kHigh,
         "column '" + std::string(header) + "'", row_key, where());
}

void ContentAnalyzer::OnAttribute(std::string_view key, std::string_view value) {
  attributes_[std::string(key)] = std::string(value);
}

Verdict ContentAnalyzer::Finish() {
  FlushProse();
  FlushRow();
  DrainRows();
  DrainProse();
  Land();
  Verdict v = ledger_.Conclude(settings_);
  v.samples = std::move(samples_);
  return v;
}

}  // namespace datasweep
