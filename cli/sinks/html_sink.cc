// One self-contained HTML report for the data protection officer (SPEC §5, research/ecosystem.md
// §5): inline CSS, charts as inline SVG drawn here, no script and no external request (a strict
// Content-Security-Policy says so to the browser), readable on paper. Every piece of text from a
// record is HTML-escaped. Memory stays bounded: counts are aggregated as records arrive, and
// only records that need a line of their own (violations, files that could not be inspected)
// are kept, each list up to a cap with the overflow counted.
#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cli/sinks/report_sinks.h"
#include "cli/sinks/sink_text.h"

#ifndef DATASWEEP_VERSION
#define DATASWEEP_VERSION "0.0.0"
#endif

namespace datasweep {
namespace {

using sinks::HtmlEscape;

constexpr size_t kMaxViolationRows = 20000;  // about 10 MB of HTML; the CSV lists the rest
constexpr size_t kMaxUninspectedRows = 5000;
constexpr size_t kMaxSamplesShown = 3;
constexpr size_t kTopRows = 30;  // worst folders, worst owners

constexpr std::string_view kCss = R"(
:root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--bg:#f5f7fa;--restricted:#b42318;
--protected:#b54708;--unrestricted:#2f7d4f;--critical:#7a1010;--high:#b42318;--medium:#b54708;
--low:#175cd3}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
color:var(--ink);margin:0;background:#fff}
main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:20px 0 6px}
p.meta{color:var(--muted);margin:0 0 16px}
.headline{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:150px;background:var(--bg)}
.card b{display:block;font-size:24px}
.card span{color:var(--muted);font-size:13px}
.card.bad{border-color:var(--restricted);background:#fef3f2}
.card.good{border-color:var(--unrestricted);background:#ecfdf3}
nav ol{columns:2;margin:0;padding-left:20px}
nav a{color:#175cd3}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13.5px}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{background:var(--bg);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.path{word-break:break-all;font-family:ui-monospace,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
tbody tr:nth-child(even){background:#fbfcfd}
.sev,.cls{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;white-space:nowrap}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}
.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}
.cls-RESTRICTED{background:var(--restricted)}.cls-PROTECTED{background:var(--protected)}
.cls-UNRESTRICTED{background:var(--unrestricted)}
.small{color:var(--muted);font-size:12.5px}
code{font-family:ui-monospace,Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
.chart{flex:1 1 520px}
.owner{border:1px solid var(--line);border-radius:8px;padding:4px 14px 8px;margin:12px 0;break-inside:avoid}
.note{background:var(--bg);border-left:4px solid var(--line);padding:8px 12px}
footer{margin-top:40px;color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);padding-top:8px}
@media print{
 @page{margin:14mm}
 body{font-size:11pt}
 main{max-width:none;padding:0}
 nav{display:none}
 h2{break-after:avoid}
 tr,.card,svg{break-inside:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

std::string_view ClassColor(DataClass c) {
  switch (c) {
    case DataClass::kRestricted:
      return "#b42318";
    case DataClass::kProtected:
      return "#b54708";
    case DataClass::kUnrestricted:
      break;
  }
  return "#2f7d4f";
}

std::string_view SeverityColor(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "#7a1010";
    case Severity::kHigh:
      return "#b42318";
    case Severity::kMedium:
      return "#b54708";
    case Severity::kLow:
      return "#175cd3";
    case Severity::kNone:
      break;
  }
  return "#52606d";
}

std::string Num(uint64_t n) {  // 1234567 → "1,234,567"
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Plural(uint64_t n, std::string_view one, std::string_view many) {
  return Num(n) + " " + std::string(n == 1 ? one : many);
}

std::string Shorten(std::string_view s, size_t max_bytes) {  // on a UTF-8 boundary
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";
}

struct Bar {
  std::string label;
  uint64_t value = 0;
  std::string color;
};

// A horizontal bar chart as inline SVG, with a <title> for screen readers; the same numbers are
// always in a table next to it, so the chart is a picture of the table, not its only copy.
std::string BarChart(std::string_view title, const std::vector<Bar>& bars) {
  constexpr int kBarW = 300, kRowH = 26, kTop = 30;
  size_t longest = 4;
  for (const Bar& b : bars) longest = std::max(longest, std::min<size_t>(b.label.size(), 36));
  const int kLabelW = static_cast<int>(longest) * 8 + 12;  // about 8 px a character at 13 px
  const int width = kLabelW + kBarW + 80;
  const int height = kTop + kRowH * static_cast<int>(std::max<size_t>(bars.size(), 1)) + 6;
  uint64_t max = 1;
  for (const Bar& b : bars) max = std::max(max, b.value);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"" +
                    std::to_string(width) + "\" height=\"" + std::to_string(height) +
                    "\" viewBox=\"0 0 " + std::to_string(width) + " " + std::to_string(height) +
                    "\" style=\"max-width:100%;height:auto\" font-family=\"system-ui,sans-serif\" "
                    "font-size=\"13\"><title>" +
                    HtmlEscape(title) + "</title>";
  svg += "<text x=\"0\" y=\"18\" font-weight=\"600\" fill=\"#1f2933\">" + HtmlEscape(title) +
         "</text>";
  if (bars.empty())
    svg += "<text x=\"0\" y=\"" + std::to_string(kTop + 17) + "\" fill=\"#52606d\">none</text>";
  int y = kTop;
  for (const Bar& b : bars) {
    const int w = b.value == 0 ? 0 : std::max<int>(2, static_cast<int>(kBarW * b.value / max));
    svg += "<g><title>" + HtmlEscape(b.label) + ": " + Num(b.value) + "</title>";
    svg += "<text x=\"" + std::to_string(kLabelW - 8) + "\" y=\"" + std::to_string(y + 17) +
           "\" text-anchor=\"end\" fill=\"#1f2933\">" + HtmlEscape(Shorten(b.label, 36)) +
           "</text>";
    svg += "<rect x=\"" + std::to_string(kLabelW) + "\" y=\"" + std::to_string(y + 4) +
           "\" width=\"" + std::to_string(w) + "\" height=\"" + std::to_string(kRowH - 8) +
           "\" rx=\"3\" fill=\"" + b.color + "\"/>";
    svg += "<text x=\"" + std::to_string(kLabelW + w + 6) + "\" y=\"" + std::to_string(y + 17) +
           "\" fill=\"#1f2933\">" + Num(b.value) + "</text></g>";
    y += kRowH;
  }
  return svg + "</svg>";
}

// What an owner must do with a file before a laptop is handed back (the laptop-return list).
enum class Action { kMove, kDelete, kCheck };

Action ActionFor(std::string_view rule) {
  if (rule == "written-password" || rule == "unapproved-software" || rule == "stale-email")
    return Action::kDelete;
  if (rule == "uninspectable") return Action::kCheck;
  return Action::kMove;
}

std::string_view ActionTitle(Action a) {
  switch (a) {
    case Action::kMove:
      return "Move to the home drive (then delete the local copy)";
    case Action::kDelete:
      return "Delete";
    case Action::kCheck:
      return "Could not be inspected: open with the owner, then move or delete";
  }
  return "";
}

// A record that needs its own line in the report.
struct Item {
  std::string path, outer, owner, location, reason, detections;
  std::vector<std::string> reasons, samples;
  std::vector<Violation> violations;
  LocationKind kind = LocationKind::kUnknown;
  DataClass data_class = DataClass::kUnrestricted;
  ScanStatus status = ScanStatus::kComplete;
  int subjects = 0;
};

struct Tally {  // per folder, owner or location
  uint64_t files = 0, protected_files = 0, restricted = 0, violations = 0;
  bool Flagged() const { return protected_files || restricted || violations; }
};

// Violations first (they need action), then how much personal data sits there.
bool WorseTally(const std::pair<std::string, Tally>& a, const std::pair<std::string, Tally>& b) {
  if (a.second.violations != b.second.violations) return a.second.violations > b.second.violations;
  if (a.second.restricted != b.second.restricted) return a.second.restricted > b.second.restricted;
  if (a.second.protected_files != b.second.protected_files)
    return a.second.protected_files > b.second.protected_files;
  return a.first < b.first;
}

bool Uninspected(ScanStatus s) {
  return s == ScanStatus::kPartial || s == ScanStatus::kUnsupported ||
         s == ScanStatus::kEncrypted || s == ScanStatus::kError;
}

class HtmlSink : public RecordSink {
 public:
  explicit HtmlSink(std::ostream& out) : out_(out) {}

  void Write(const Record& r) override {
    const bool top = !r.container || r.container->empty();
    ++records_;
    if (!top) ++members_;
    ++by_status_[std::string(ToString(r.outcome.status))];
    if (top) ++by_class_[static_cast<int>(r.verdict.data_class)];
    for (const Violation& v : r.violations) {
      ++by_rule_[v.rule];
      ++by_severity_[static_cast<int>(v.severity)];
      auto& worst = rule_severity_[v.rule];
      worst = std::max(worst, v.severity);
    }
    CountInto(location_tally_[sinks::LocationLabel(r.location)], r, top);
    const bool flagged = r.verdict.data_class != DataClass::kUnrestricted || !r.violations.empty();
    if (flagged) {
      CountInto(folder_tally_[std::string(sinks::ParentFolder(sinks::OuterPath(r)))], r, top);
      CountInto(owner_tally_[r.owner.empty() ? "(unknown)" : r.owner], r, top);
    }
    if (!r.violations.empty()) Keep(r, violation_items_, kMaxViolationRows, violations_dropped_);
    if (Uninspected(r.outcome.status))
      Keep(r, uninspected_items_, kMaxUninspectedRows, uninspected_dropped_);
  }

  void Finish(const Summary& s) override {
    SortItems();
    WriteHead(s);
    WriteOverview(s);
    WriteTotals();
    WriteViolationChart();
    WriteRemediation();
    WriteWorst("worst-folders", "Worst folders", "Folder", folder_tally_);
    WriteWorst("worst-owners", "Worst owners", "Owner", owner_tally_);
    WriteViolations();
    WriteUninspected();
    WriteFoot();
    out_.flush();
  }

 private:
  static void CountInto(Tally& t, const Record& r, bool top) {
    if (top) {
      ++t.files;
      if (r.verdict.data_class == DataClass::kProtected) ++t.protected_files;
      if (r.verdict.data_class == DataClass::kRestricted) ++t.restricted;
    }
    t.violations += r.violations.size();
  }

  static void Keep(const Record& r, std::vector<Item>& items, size_t cap, uint64_t& dropped) {
    if (items.size() >= cap) {
      ++dropped;
      return;
    }
    Item it;
    it.path = r.path;
    it.outer = std::string(sinks::OuterPath(r));
    it.owner = r.owner.empty() ? "(unknown)" : r.owner;
    it.location = sinks::LocationLabel(r.location);
    it.kind = r.location.kind;
    it.reason = r.outcome.reason;
    it.status = r.outcome.status;
    it.data_class = r.verdict.data_class;
    it.subjects = r.verdict.subjects;
    it.reasons = r.verdict.reasons;
    it.detections = sinks::JoinDetections(r.verdict.detections);
    it.violations = r.violations;
    for (size_t i = 0; i < r.verdict.samples.size() && i < kMaxSamplesShown; ++i)
      it.samples.push_back(
          r.verdict.samples[i].detector + " " + r.verdict.samples[i].masked +
          (r.verdict.samples[i].where.empty() ? "" : " (" + r.verdict.samples[i].where + ")"));
    items.push_back(std::move(it));
  }

  void SortItems() {
    std::stable_sort(violation_items_.begin(), violation_items_.end(),
                     [](const Item& a, const Item& b) {
                       const Severity sa = sinks::WorstSeverity(a.violations);
                       const Severity sb = sinks::WorstSeverity(b.violations);
                       if (sa != sb) return sa > sb;
                       if (a.data_class != b.data_class) return a.data_class > b.data_class;
                       return a.path < b.path;
                     });
    std::stable_sort(uninspected_items_.begin(), uninspected_items_.end(),
                     [](const Item& a, const Item& b) {
                       if (a.status != b.status) return a.status > b.status;
                       return a.path < b.path;
                     });
  }

  uint64_t TotalViolations() const {
    uint64_t n = 0;
    for (const auto& [rule, count] : by_rule_) n += count;
    return n;
  }

  void WriteHead(const Summary& s) {
    std::string when = s.finished.empty() ? s.started : s.finished;
    out_ << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
         << "<meta name=\"referrer\" content=\"no-referrer\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<meta name=\"generator\" content=\"datasweep " << DATASWEEP_VERSION << "\">\n"
         << "<title>datasweep report" << (when.empty() ? "" : " " + HtmlEscape(when))
         << "</title>\n<style>" << kCss << "</style>\n</head>\n<body>\n<main>\n";
  }

  void WriteOverview(const Summary& s) {
    out_ << "<h1>Data protection sweep report</h1>\n<p class=\"meta\">";
    if (!s.roots.empty()) {
      std::vector<std::string> roots;
      for (const auto& r : s.roots) roots.push_back("<code>" + HtmlEscape(r) + "</code>");
      out_ << "Scanned " << sinks::Join(roots, ", ") << ". ";
    }
    if (!s.started.empty()) out_ << "Started " << HtmlEscape(s.started) << ". ";
    if (!s.finished.empty()) out_ << "Finished " << HtmlEscape(s.finished) << ". ";
    if (s.elapsed_s > 0) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f", s.elapsed_s);
      out_ << "Took " << buf << " s. ";
    }
    out_ << "</p>\n";
    const uint64_t violations = TotalViolations();
    const uint64_t uninspected = uninspected_items_.size() + uninspected_dropped_;
    out_ << "<div class=\"headline\">";
    Card(violations ? "card bad" : "card good", Num(violations),
         violations == 1 ? "policy violation" : "policy violations");
    Card("card", Num(by_class_[2]), "RESTRICTED files");
    Card("card", Num(by_class_[1]), "PROTECTED files");
    Card("card", Num(by_class_[0] + by_class_[1] + by_class_[2]),
         "files scanned, and " + Plural(members_, "archive member", "archive members"));
    Card("card", HumanBytes(s.bytes), "read");
    Card(uninspected ? "card bad" : "card", Num(uninspected), "could not be fully inspected");
    out_ << "</div>\n";
    if (violations) {
      out_ << "<p>By severity: ";
      static constexpr Severity kOrder[] = {Severity::kCritical, Severity::kHigh, Severity::kMedium,
                                            Severity::kLow};
      for (Severity sev : kOrder) {
        const uint64_t n = by_severity_[static_cast<int>(sev)];
        if (n) out_ << SeverityBadge(sev) << " " << Num(n) << " &nbsp; ";
      }
      out_ << "</p>\n";
    }
    out_ << "<nav><h3>Contents</h3><ol><li><a href=\"#totals\">Totals</a></li>"
            "<li><a href=\"#by-rule\">Violations by rule</a></li>"
            "<li><a href=\"#remediation\">Laptop-return remediation</a></li>"
            "<li><a href=\"#worst-folders\">Worst folders</a></li>"
            "<li><a href=\"#worst-owners\">Worst owners</a></li>"
            "<li><a href=\"#violations\">Every violation</a></li>"
            "<li><a href=\"#uninspected\">Could not be inspected</a></li></ol></nav>\n";
  }

  static std::string HumanBytes(uint64_t b) { return sinks::HumanBytes(b); }

  void Card(std::string_view cls, const std::string& value, const std::string& label) {
    out_ << "<div class=\"" << cls << "\"><b>" << HtmlEscape(value) << "</b><span>"
         << HtmlEscape(label) << "</span></div>";
  }

  static std::string SeverityBadge(Severity s) {
    const std::string name(ToString(s));
    return "<span class=\"sev sev-" + name + "\">" + name + "</span>";
  }

  static std::string ClassBadge(DataClass c) {
    const std::string name(ToString(c));
    return "<span class=\"cls cls-" + name + "\">" + name + "</span>";
  }

  void WriteTotals() {
    out_ << "<h2 id=\"totals\">Totals</h2>\n<div class=\"charts\"><div class=\"chart\">";
    std::vector<Bar> bars;
    static constexpr DataClass kClasses[] = {DataClass::kRestricted, DataClass::kProtected,
                                             DataClass::kUnrestricted};
    for (DataClass c : kClasses)
      bars.push_back(
          {std::string(ToString(c)), by_class_[static_cast<int>(c)], std::string(ClassColor(c))});
    out_ << BarChart("Files by class", bars) << "</div><div class=\"chart\">";
    out_ << "<h3>Files by inspection status</h3><table><thead><tr><th>Status</th>"
            "<th class=\"num\">Files and members</th></tr></thead><tbody>";
    for (const auto& [status, n] : by_status_)
      out_ << "<tr><td>" << HtmlEscape(status) << "</td><td class=\"num\">" << Num(n)
           << "</td></tr>";
    out_ << "</tbody></table></div></div>\n";
    out_ << "<h3>By location</h3><table><thead><tr><th>Location</th><th class=\"num\">Files</th>"
            "<th class=\"num\">RESTRICTED</th><th class=\"num\">PROTECTED</th>"
            "<th class=\"num\">Violations</th></tr></thead><tbody>";
    for (const auto& [label, t] : location_tally_) TallyRow(label, t, false);
    out_ << "</tbody></table>\n";
  }

  void TallyRow(const std::string& label, const Tally& t, bool path) {
    out_ << "<tr><td" << (path ? " class=\"path\"" : "") << ">" << HtmlEscape(label)
         << "</td><td class=\"num\">" << Num(t.files) << "</td><td class=\"num\">"
         << Num(t.restricted) << "</td><td class=\"num\">" << Num(t.protected_files)
         << "</td><td class=\"num\">" << Num(t.violations) << "</td></tr>";
  }

  void WriteViolationChart() {
    out_ << "<h2 id=\"by-rule\">Violations by rule</h2>\n";
    std::vector<std::pair<std::string, uint64_t>> rules(by_rule_.begin(), by_rule_.end());
    std::stable_sort(rules.begin(), rules.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<Bar> bars;
    for (const auto& [rule, n] : rules)
      bars.push_back({rule, n, std::string(SeverityColor(rule_severity_[rule]))});
    out_ << "<div class=\"chart\">" << BarChart("Violations by rule", bars) << "</div>\n";
    out_ << "<table><thead><tr><th>Rule</th><th>Fires when</th><th>Policy clause</th>"
            "<th>Default severity</th><th class=\"num\">Violations</th></tr></thead><tbody>";
    for (const auto& rule : LocationRules::Catalogue()) {
      const auto it = by_rule_.find(std::string(rule.id));
      out_ << "<tr><td><code>" << HtmlEscape(rule.id) << "</code></td><td>"
           << HtmlEscape(rule.description) << "</td><td>" << HtmlEscape(rule.source) << "</td><td>"
           << SeverityBadge(rule.default_severity) << "</td><td class=\"num\">"
           << Num(it == by_rule_.end() ? 0 : it->second) << "</td></tr>";
    }
    out_ << "</tbody></table>\n";
  }

  // Per owner, what must happen to each file on a local drive or removable medium before the
  // device is handed back or re-imaged.
  void WriteRemediation() {
    out_ << "<h2 id=\"remediation\">Laptop-return remediation</h2>\n"
            "<p class=\"small\">Files on local drives and removable media that break the policy, "
            "by owner: what to move to the home drive and what to delete before the device is "
            "returned or re-imaged.</p>\n";
    // owner → outer file → what to do; one action per file, from its most severe violation
    // (moving wins a tie: it keeps the data, and the owner can still delete it).
    struct Todo {
      Action action = Action::kMove;
      Severity severity = Severity::kNone;
      std::set<std::string> rules;
    };
    std::map<std::string, std::map<std::string, Todo>> todo;
    for (const Item& it : violation_items_) {
      if (it.kind != LocationKind::kLocal && it.kind != LocationKind::kRemovable) continue;
      for (const Violation& v : it.violations) {
        Todo& t = todo[it.owner][it.outer];
        const Action a = ActionFor(v.rule);
        if (v.severity > t.severity || (v.severity == t.severity && a < t.action)) {
          t.severity = v.severity;
          t.action = a;
        }
        t.rules.insert(v.rule);
      }
    }
    // owner → action → outer file → rules
    std::map<std::string, std::map<Action, std::map<std::string, std::set<std::string>>>> plan;
    for (const auto& [owner, files] : todo)
      for (const auto& [file, t] : files) plan[owner][t.action][file] = t.rules;
    if (plan.empty()) {
      out_ << "<p class=\"note\">Nothing to do: no violations on local drives or removable "
              "media.</p>\n";
      return;
    }
    for (const auto& [owner, actions] : plan) {
      size_t files = 0;
      for (const auto& [action, list] : actions) files += list.size();
      out_ << "<div class=\"owner\"><h3>" << HtmlEscape(owner) << " <span class=\"small\">("
           << Plural(files, "file", "files") << ")</span></h3>";
      for (const auto& [action, list] : actions) {
        out_ << "<p><b>" << HtmlEscape(ActionTitle(action)) << "</b></p><table><tbody>";
        for (const auto& [file, rules] : list) {
          std::vector<std::string> names(rules.begin(), rules.end());
          out_ << "<tr><td class=\"path\">" << HtmlEscape(file) << "</td><td class=\"small\">"
               << HtmlEscape(sinks::Join(names, ", ")) << "</td></tr>";
        }
        out_ << "</tbody></table>";
      }
      out_ << "</div>\n";
    }
  }

  void WriteWorst(std::string_view id, std::string_view title, std::string_view what,
                  const std::map<std::string, Tally>& tallies) {
    out_ << "<h2 id=\"" << id << "\">" << HtmlEscape(title) << "</h2>\n";
    std::vector<std::pair<std::string, Tally>> rows;
    for (const auto& entry : tallies)
      if (entry.second.Flagged()) rows.push_back(entry);
    if (rows.empty()) {
      out_ << "<p class=\"note\">No PROTECTED or RESTRICTED files and no violations.</p>\n";
      return;
    }
    const size_t shown = std::min(rows.size(), kTopRows);
    std::partial_sort(rows.begin(), rows.begin() + shown, rows.end(), WorseTally);
    out_ << "<table><thead><tr><th>" << HtmlEscape(what) << "</th>"
         << "<th class=\"num\">Flagged files</th><th class=\"num\">RESTRICTED</th>"
            "<th class=\"num\">PROTECTED</th><th class=\"num\">Violations</th></tr></thead>"
            "<tbody>";
    for (size_t i = 0; i < shown; ++i) TallyRow(rows[i].first, rows[i].second, what == "Folder");
    out_ << "</tbody></table>\n";
    if (rows.size() > shown)
      out_ << "<p class=\"small\">The " << Num(shown) << " worst of " << Num(rows.size())
           << " are shown.</p>\n";
  }

  void WriteViolations() {
    out_ << "<h2 id=\"violations\">Every violation</h2>\n";
    if (violation_items_.empty()) {
      out_ << "<p class=\"note\">No policy violations.</p>\n";
      return;
    }
    out_ << "<table><thead><tr><th>Severity</th><th>Rule and clause</th><th>File</th>"
            "<th>Why</th><th>What to do</th></tr></thead><tbody>\n";
    for (const Item& it : violation_items_)
      for (const Violation& v : it.violations) ViolationRow(it, v);
    out_ << "</tbody></table>\n";
    if (violations_dropped_)
      out_ << "<p class=\"note\">" << Plural(violations_dropped_, "more file", "more files")
           << " with violations are not listed here (the report keeps the first "
           << Num(kMaxViolationRows) << "); the CSV and JSON Lines outputs list them all.</p>\n";
  }

  void ViolationRow(const Item& it, const Violation& v) {
    out_ << "<tr><td>" << SeverityBadge(v.severity) << "</td><td><code>" << HtmlEscape(v.rule)
         << "</code><br><span class=\"small\">" << HtmlEscape(v.source) << "</span></td>"
         << "<td class=\"path\">" << HtmlEscape(it.path) << "<br><span class=\"small\">"
         << HtmlEscape(it.owner) << " · " << HtmlEscape(it.location) << "</span></td><td>"
         << ClassBadge(it.data_class);
    if (it.subjects) out_ << " " << Plural(it.subjects, "person", "people");
    for (const auto& reason : it.reasons) out_ << "<br>" << HtmlEscape(reason);
    if (!it.detections.empty())
      out_ << "<br><span class=\"small\">" << HtmlEscape(it.detections) << "</span>";
    if (!it.samples.empty()) {
      out_ << "<br><span class=\"small\">e.g. ";
      for (size_t i = 0; i < it.samples.size(); ++i)
        out_ << (i ? ", " : "") << "<code>" << HtmlEscape(it.samples[i]) << "</code>";
      out_ << "</span>";
    }
    out_ << "</td><td>" << HtmlEscape(v.message) << "</td></tr>\n";
  }

  void WriteUninspected() {
    out_ << "<h2 id=\"uninspected\">Could not be inspected</h2>\n"
            "<p class=\"small\">Encrypted, unreadable, unsupported or partly read files: "
            "datasweep cannot vouch for what they hold.</p>\n";
    if (uninspected_items_.empty()) {
      out_ << "<p class=\"note\">Every file was inspected completely.</p>\n";
      return;
    }
    out_ << "<table><thead><tr><th>Status</th><th>File</th><th>Reason</th><th>Owner</th>"
            "</tr></thead><tbody>\n";
    for (const Item& it : uninspected_items_)
      out_ << "<tr><td>" << HtmlEscape(ToString(it.status)) << "</td><td class=\"path\">"
           << HtmlEscape(it.path) << "</td><td>" << HtmlEscape(it.reason) << "</td><td>"
           << HtmlEscape(it.owner) << "</td></tr>\n";
    out_ << "</tbody></table>\n";
    if (uninspected_dropped_)
      out_ << "<p class=\"note\">" << Plural(uninspected_dropped_, "more file", "more files")
           << " are not listed here; the CSV and JSON Lines outputs list them all.</p>\n";
  }

  void WriteFoot() {
    out_ << "<footer>Generated by datasweep " << DATASWEEP_VERSION
         << ". Detected values are never shown: examples are masked. This report names files "
            "and users, so keep it where only the data protection team can read it.</footer>\n"
            "</main>\n</body>\n</html>\n";
  }

  std::ostream& out_;
  uint64_t records_ = 0, members_ = 0;
  std::array<uint64_t, 3> by_class_{};     // top-level files by DataClass
  std::array<uint64_t, 5> by_severity_{};  // violations by Severity
  std::map<std::string, uint64_t> by_status_;
  std::map<std::string, uint64_t> by_rule_;
  std::map<std::string, Severity> rule_severity_;
  std::map<std::string, Tally> location_tally_, folder_tally_, owner_tally_;
  std::vector<Item> violation_items_, uninspected_items_;
  uint64_t violations_dropped_ = 0, uninspected_dropped_ = 0;
};

}  // namespace

std::unique_ptr<RecordSink> MakeHtmlSink(std::ostream& out, const SinkOptions&) {
  return std::make_unique<HtmlSink>(out);
}

}  // namespace datasweep
