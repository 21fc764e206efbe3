// ContentAnalyzer: the TextSink every extractor writes into. It runs the detector set over
// prose (in overlapping windows, so a match straddling two chunks is still found once) and
// over table cells (typed by their column headers), feeds the findings to a SubjectLedger and
// keeps a few masked samples. Not thread-safe; one per file being scanned.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "classifiers/classifier.h"
#include "classifiers/detector_set.h"
#include "classifiers/table_headers.h"
#include "classifiers/text_table.h"
#include "extractors/extractor.h"

namespace datasweep {

class ContentAnalyzer final : public TextSink {
 public:
  // `max_text_bytes`: text inspected before the analyzer stops extraction (TextLimitHit()).
  ContentAnalyzer(const DetectorSet& detectors, const ClassifierSettings& settings,
                  uint64_t max_text_bytes);

  // Runs body(0) … body(count - 1), possibly at once on several threads, and returns when all
  // have run. Given one, the analyzer scans up to kParallelWindows prose windows, or
  // kParallelRows table rows under a settled header, at a time (one large text or CSV file then
  // keeps every core busy); the findings are recorded in text order afterwards, so the verdict
  // is the same as scanning window by window and cell by cell.
  using ParallelFor = std::function<void(size_t count, const std::function<void(size_t)>& body)>;
  void SetParallelFor(ParallelFor parallel_for) { parallel_for_ = std::move(parallel_for); }
  // Starts body(0) … body(count - 1) on whichever threads are free and returns at once; the
  // function it returns waits until all have run (running those no thread has taken) and
  // rethrows what a body threw. Given one, a full batch of windows or rows is scanned in the
  // background while the caller reads and splits the next one (otherwise the reading, line
  // splitting and recording of one large file leave the other cores idle); batches are still
  // recorded in text order.
  using Background =
      std::function<std::function<void()>(size_t count, std::function<void(size_t)> body)>;
  void SetBackground(Background background) { background_ = std::move(background); }
  ~ContentAnalyzer() override;

  bool OnText(std::string_view utf8, std::string_view where) override;
  bool OnCell(const CellRef& cell, std::string_view utf8) override;
  void OnAttribute(std::string_view key, std::string_view value) override;

  // Flushes what is pending and returns the verdict with samples. Call once, at the end.
  Verdict Finish();

  const std::map<std::string, std::string>& Attributes() const { return attributes_; }
  bool TextLimitHit() const { return text_limit_hit_; }
  uint64_t TextBytes() const { return text_bytes_; }
  // What the ledger holds now: bounded, whatever the size of the file (see SubjectLedger).
  size_t LedgerBytes() const { return ledger_.ApproxBytes(); }

  // Window size for prose; matches are found across window boundaries.
  static constexpr size_t kWindow = 64 * 1024;
  static constexpr size_t kSamplesPerDetector = 3;
  // Prose windows queued before they are scanned together (with a ParallelFor): this many, or
  // fewer when they hold kParallelProseBytes (eight full windows; a PDF's pages are windows of
  // a few KiB each, so a batch spans many pages).
  static constexpr size_t kParallelWindows = 64;
  static constexpr size_t kParallelProseBytes = 512 << 10;
  static constexpr size_t kParallelRows = 256;
  // … or fewer when their cells hold this much text (a row may be thousands of wide cells).
  static constexpr size_t kParallelRowBytes = 4 << 20;

 private:
  struct SheetState {
    int64_t index = 0;
    bool header_found = false;
    bool wide_row_seen = false;
    uint32_t rows_seen = 0;
    uint32_t form_fields = 0;  // label | value rows read as one person's form
    std::vector<std::string> headers;
    std::vector<std::optional<ColumnInfo>> columns;
  };
  struct PendingCell {
    uint32_t col;
    std::string text;
  };

  // One window of prose as the detectors see it, with what recording its findings needs.
  struct ProseWindow {
    std::string text;       // the tail of the previous window, then this window's prose
    size_t report_from;     // findings ending in the tail were reported with the previous window
    uint64_t lines_before;  // lines of prose before text[0]
    int64_t offset;         // prose stream offset of text[0]
    int64_t advance_to;     // the ledger's prose horizon once this window is recorded
    std::string where;      // the part ("page 3"); "" when findings say their line instead
    bool final = false;     // the last of its part: matches may touch its end
    std::vector<std::pair<Detection, uint64_t>> found;  // detections and their line (0-based)
  };

  // A table row queued under a settled header.
  struct QueuedRow {
    const SheetState* sheet;  // its header is settled: the sheet no longer changes it
    std::string sheet_name;
    uint32_t row;
    std::vector<PendingCell> cells;
    std::vector<std::vector<Detection>> found;  // per cell
  };

  bool CountText(size_t n);
  // Splits prose into lines so tables laid out in text become rows of cells; the rest is
  // scanned as prose.
  void ReadLines(std::string_view text, std::string& prose);
  void ReadLine(std::string_view line, std::string& prose);
  // Queues `text` as windows; scans and records them when a batch is full (kParallelWindows
  // or kParallelProseBytes), or at once without a ParallelFor.
  void ScanProse(std::string_view text);
  void QueueWindow(std::string_view piece);
  // Scans the queued windows now without a ParallelFor, or starts them when a batch is full.
  void ScanQueuedProse();
  void ScanWindow(ProseWindow& w) const;  // thread-safe: reads only the detectors and `w`
  // Scans and records every queued window, in order (after the background batch). Called
  // before anything else is recorded, so findings reach the ledger and the samples in text
  // order.
  void DrainProse();
  // The same for table rows queued under a settled header. Rows and windows are never queued
  // at the same time: queuing one kind records the other first.
  void DrainRows();
  // A full queue: records the background batch, then starts scanning the queue in the
  // background (or drains it, without a Background).
  void LaunchProse();
  void LaunchRows();
  // Waits for the background batch, if any, and records it.
  void Land();
  void ScanRow(QueuedRow& r) const;  // thread-safe: reads the detectors and its sheet
  void RecordWindows(std::vector<ProseWindow>& windows);
  void RecordRows(std::vector<QueuedRow>& rows);
  void FlushProse();
  void FlushRow();
  void ProcessDataRow(SheetState& sheet, uint32_t row, const std::vector<PendingCell>& cells);
  // True when the row is a form's "label | value" pair; its value is then recorded.
  bool FormField(SheetState& sheet, uint32_t row, const std::vector<PendingCell>& cells);
  // `subject_row`: the row that stands for the person (all of a form's fields share one).
  void ProcessCell(SheetState& sheet, uint32_t row, const PendingCell& cell,
                   int64_t subject_row = -1);
  // ProcessCell's halves: the cell's detections (thread-safe; `found` is cleared first), then
  // recording them and what the column header says. `sheet_name` as in row_sheet_.
  void ScanCell(const SheetState& sheet, const PendingCell& cell,
                std::vector<Detection>& found) const;
  void RecordCell(const SheetState& sheet, const std::string& sheet_name, uint32_t row,
                  const PendingCell& cell, int64_t subject_row, std::vector<Detection>& found);
  static constexpr int64_t kFormRow = 0xFFFFFFF;
  void Record(const DetectorInfo& info, std::string value, Confidence c, std::string explanation,
              int64_t row, const std::string& where, bool identifying = false, int64_t offset = -1);

  const DetectorSet& detectors_;
  ClassifierSettings settings_;
  uint64_t max_text_bytes_;
  uint64_t text_bytes_ = 0;
  bool text_limit_hit_ = false;

  ParallelFor parallel_for_;
  std::vector<ProseWindow> windows_;  // queued, not yet scanned
  size_t queued_prose_bytes_ = 0;     // their text
  std::vector<QueuedRow> rows_;       // queued, not yet scanned
  size_t queued_row_bytes_ = 0;       // the text of their cells
  Background background_;
  std::function<void()> landing_;            // waits for the background batch; empty if none
  std::vector<ProseWindow> flying_windows_;  // the background batch: windows …
  std::vector<QueuedRow> flying_rows_;       // … or rows
  std::vector<Detection> cell_found_;        // ProcessCell's detections, reused cell after cell

  // Prose state: the tail of the previous window and where it came from.
  std::string tail_;
  std::string where_;
  uint64_t lines_before_tail_ = 0;
  uint64_t prose_bytes_ = 0;  // prose bytes received so far (the stream offset)
  std::string line_;          // the unfinished last line of the text received so far
  TextTable text_table_;
  std::vector<TextCell> text_cells_;
  uint32_t text_row_ = 0;   // row index within the current text table
  std::string text_sheet_;  // its name: "page 3 table 1"

  // Table state: cells of the row being read, per-sheet headers.
  std::map<std::string, SheetState, std::less<>> sheets_;
  std::string row_sheet_;
  int64_t row_index_ = -1;
  std::vector<PendingCell> row_cells_;

  SubjectLedger ledger_;
  std::vector<Sample> samples_;
  std::map<std::string, std::string> attributes_;
};

// "A", "B", …, "Z", "AA": a spreadsheet column name for a 0-based index.
std::string ColumnName(uint32_t col);

}  // namespace datasweep
