// The console report (`-f text`, the default): totals, violations by rule, and the files to
// act on, worst first — what a technician at a returned laptop needs to read.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "cli/record_sink.h"
#include "cli/sinks/remediation.h"

namespace datasweep {
namespace {

constexpr size_t kMaxListed = 100;
constexpr size_t kMaxPerOwner = 12;  // the laptop-return list stays short; the html has all

std::string Bytes(uint64_t b) {
  char buf[32];
  const char* units[] = {"B", "KB", "MB", "GB", "TB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1000 && u < 4) v /= 1000, ++u;
  std::snprintf(buf, sizeof buf, u ? "%.1f %s" : "%.0f %s", v, units[u]);
  return buf;
}

class ConsoleSink final : public RecordSink {
 public:
  ConsoleSink(std::ostream& out, const SinkOptions& o) : out_(out), options_(o) {}

  void Write(const Record& r) override {
    const bool uninspected = r.outcome.status == ScanStatus::kEncrypted ||
                             r.outcome.status == ScanStatus::kError ||
                             r.outcome.status == ScanStatus::kUnsupported;
    if (uninspected && r.depth == 0) ++uninspected_;
    planner_.Add(r);
    if (r.violations.empty() && !(options_.verbose && r.depth == 0)) return;
    Severity worst = Severity::kNone;
    for (const auto& v : r.violations) worst = std::max(worst, v.severity);
    Item item{worst,
              r.verdict.data_class,
              r.path,
              r.verdict.reasons.empty() ? "" : r.verdict.reasons.front(),
              {}};
    for (const auto& v : r.violations)
      item.actions.push_back(v.message + "  [" + v.rule + ", " + v.source + "]");
    if (!r.outcome.reason.empty())
      item.actions.push_back(std::string(ToString(r.outcome.status)) + ": " + r.outcome.reason);
    items_.push_back(std::move(item));
    // Keep memory flat on huge sweeps: only the worst kMaxListed files are listed.
    if (items_.size() > 2 * kMaxListed) Trim();
  }

  void Finish(const Summary& s) override {
    Trim();
    out_ << Bold("datasweep") << ": scanned " << s.files << " files and members (" << Bytes(s.bytes)
         << ") in ";
    char t[32];
    std::snprintf(t, sizeof t, "%.1f s", s.elapsed_s);
    out_ << t << "\n\n";
    for (auto c : {"RESTRICTED", "PROTECTED", "UNRESTRICTED"}) {
      char line[64];
      std::snprintf(line, sizeof line, "  %-14s %8llu\n", c,
                    static_cast<unsigned long long>(s.by_class.count(c) ? s.by_class.at(c) : 0));
      out_ << Colour(c, line);
    }
    std::string statuses;
    for (const auto& [k, v] : s.by_status)
      if (k != "complete") statuses += (statuses.empty() ? "" : ", ") + k + " " + std::to_string(v);
    if (!statuses.empty()) out_ << "  not fully inspected: " << statuses << "\n";
    uint64_t total = 0;
    for (const auto& [k, v] : s.violations) total += v;
    out_ << "\n" << Bold("Violations") << ": " << total << "\n";
    for (const auto& info : LocationRules::Catalogue()) {
      auto it = s.violations.find(std::string(info.id));
      if (it == s.violations.end()) continue;
      char line[160];
      std::snprintf(line, sizeof line, "  %-32s %6llu   %s\n", std::string(info.id).c_str(),
                    static_cast<unsigned long long>(it->second), std::string(info.source).c_str());
      out_ << line;
    }
    if (!items_.empty()) {
      out_ << "\n"
           << Bold("Files to act on") << " (worst first"
           << (dropped_ ? ", " + std::to_string(dropped_) + " more in the full report"
                        : std::string())
           << "):\n";
      for (const auto& i : items_) {
        char head[48];
        std::snprintf(head, sizeof head, "  %-8s %-12s ", Upper(ToString(i.severity)).c_str(),
                      std::string(ToString(i.data_class)).c_str());
        out_ << Colour(std::string(ToString(i.data_class)), head) << i.path << "\n";
        if (!i.reason.empty()) out_ << "                          " << i.reason << "\n";
        for (const auto& a : i.actions) out_ << "                          -> " << a << "\n";
      }
    }
    WriteRemediation();
    if (total == 0) out_ << "\nNo violations: the policy holds for what was scanned.\n";
  }

 private:
  // Laptop-return mode: per owner, what to delete and what to move off local drives and
  // removable media before the device is handed back.
  void WriteRemediation() {
    const auto plan = planner_.Plan();
    if (plan.empty()) return;
    out_ << "\n"
         << Bold("Laptop-return list") << " (local drives and removable media, by owner):\n";
    for (const auto& owner : plan) {
      out_ << "  " << owner.owner << " (" << owner.items.size()
           << (owner.items.size() == 1 ? " file" : " files") << ")\n";
      size_t shown = 0;
      for (size_t i = 0; i < owner.items.size() && shown < kMaxPerOwner; ++i, ++shown) {
        const auto& item = owner.items[i];
        if (i == 0 || owner.items[i - 1].action != item.action)
          out_ << "    " << sinks::RemediationTitle(item.action) << ":\n";
        out_ << "      " << item.file << "  (" << item.why << ")\n";
      }
      if (owner.items.size() > shown)
        out_ << "    … and " << owner.items.size() - shown << " more in the html report\n";
    }
    if (planner_.Dropped()) out_ << "  … and " << planner_.Dropped() << " more files\n";
  }

  struct Item {
    Severity severity;
    DataClass data_class;
    std::string path, reason;
    std::vector<std::string> actions;
  };

  void Trim() {
    std::stable_sort(items_.begin(), items_.end(), [](const Item& a, const Item& b) {
      return a.severity != b.severity ? a.severity > b.severity : a.data_class > b.data_class;
    });
    if (items_.size() > kMaxListed) {
      dropped_ += items_.size() - kMaxListed;
      items_.resize(kMaxListed);
    }
  }
  static std::string Upper(std::string_view s) {
    std::string u(s);
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
  }
  std::string Bold(const std::string& s) const {
    return options_.color ? "\x1b[1m" + s + "\x1b[0m" : s;
  }
  std::string Colour(const std::string& cls, const std::string& s) const {
    if (!options_.color) return s;
    const char* code = cls == "RESTRICTED"  ? "\x1b[31m"
                       : cls == "PROTECTED" ? "\x1b[33m"
                                            : "\x1b[32m";
    return code + s + "\x1b[0m";
  }

  std::ostream& out_;
  SinkOptions options_;
  std::vector<Item> items_;
  size_t dropped_ = 0;
  uint64_t uninspected_ = 0;
  sinks::RemediationPlanner planner_;
};

}  // namespace

std::unique_ptr<RecordSink> MakeConsoleSink(std::ostream& out, const SinkOptions& o) {
  return std::make_unique<ConsoleSink>(out, o);
}

}  // namespace datasweep
