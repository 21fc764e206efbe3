// CSV for Excel (research/ecosystem.md §2): UTF-8 with a BOM so Excel reads it as UTF-8 on a
// double-click, CRLF, comma-separated, RFC 4180 quoting, ISO 8601 times, and the OWASP
// formula-injection guard, because file names and reasons are attacker-controlled text.
#include <string>
#include <string_view>
#include <vector>

#include "cli/sinks/report_sinks.h"
#include "cli/sinks/sink_text.h"

namespace datasweep {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::string_view kColumns[] = {
    "path",          "real_path",      "container",      "size",       "mtime",    "mime",
    "status",        "status_reason",  "class",          "subjects",   "reasons",  "detections",
    "location_kind", "location_drive", "location_flags", "violations", "severity", "owner"};

// A cell as RFC 4180 wants it, after the formula guard: a leading = + - @ TAB or CR makes
// Excel evaluate the cell, so such cells get a leading apostrophe (shown as text, not data).
std::string Cell(std::string_view raw) {
  std::string text = sinks::ValidUtf8(raw);
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
    text.insert(text.begin(), '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

class CsvSink : public RecordSink {
 public:
  explicit CsvSink(std::ostream& out) : out_(out) {
    out_ << kBom;
    std::vector<std::string> header(std::begin(kColumns), std::end(kColumns));
    WriteRow(header);
  }

  void Write(const Record& r) override {
    const Severity worst = sinks::WorstSeverity(r.violations);
    WriteRow({r.path, r.real_path, r.container.value_or(""), std::to_string(r.size),
              FormatTimestamp(r.mtime), r.mime, std::string(ToString(r.outcome.status)),
              r.outcome.reason, std::string(ToString(r.verdict.data_class)),
              std::to_string(r.verdict.subjects), sinks::Join(r.verdict.reasons, "; "),
              sinks::JoinDetections(r.verdict.detections), std::string(ToString(r.location.kind)),
              r.location.drive, sinks::LocationFlags(r.location),
              sinks::JoinViolations(r.violations),
              worst == Severity::kNone ? "" : std::string(ToString(worst)), r.owner});
  }

  void Finish(const Summary&) override { out_.flush(); }

 private:
  void WriteRow(const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) line += ',';
      line += Cell(cells[i]);
    }
    line += "\r\n";
    out_ << line;
  }

  std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordSink> MakeCsvSink(std::ostream& out, const SinkOptions&) {
  return std::make_unique<CsvSink>(out);
}

}  // namespace datasweep
