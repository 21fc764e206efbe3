// `datasweep diff --state FILE [--from SWEEP --to SWEEP] [-f FMT] [-o FILE]`: what changed
// between two sweeps stored in a state database (default: the latest complete sweep and the
// complete sweep before it of the same roots) — the DPO's "what changed since last week?".
#include <boost/program_options.hpp>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "cli/record_sink.h"
#include "scanner/state_diff.h"

namespace po = boost::program_options;

namespace datasweep {
namespace {

constexpr size_t kMaxListedPerSection = 200;

// The sections of the text report, in the order a DPO acts on them.
constexpr std::pair<const char*, const char*> kSections[] = {
    {"new-violation", "New violations"},
    {"newly-restricted", "Newly RESTRICTED"},
    {"changed-violation", "Changed violations"},
    {"class-changed", "Class changes"},
    {"resolved-violation", "Resolved violations"},
    {"new-file", "New files"},
    {"gone", "Files gone"},
    {"moved", "Moved or renamed"},
};

std::string CsvCell(std::string s) {
  // A cell Excel would run as a formula is prefixed with a quote (CSV injection).
  if (!s.empty() &&
      (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(s.begin(), '\'');
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string JsonStr(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

class DiffWriter {
 public:
  DiffWriter(std::string format, std::ostream& out) : format_(std::move(format)), out_(out) {}

  void Begin(const SweepInfo& from, const SweepInfo& to) {
    from_ = from;
    to_ = to;
    if (format_ == "csv")
      out_ << "change,path,real_path,container,from_class,to_class,rule,severity,from_severity,"
              "message,from_path\n";
  }

  void Add(const Change& c) {
    ++counts_[c.change];
    const Json j = ToJson(c);
    if (format_ == "jsonl") {
      out_ << j.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    } else if (format_ == "csv") {
      out_ << CsvCell(c.change);
      for (auto key : {"path", "real_path", "container", "from_class", "to_class", "rule",
                       "severity", "from_severity", "message", "from_path"})
        out_ << ',' << CsvCell(JsonStr(j, key));
      out_ << "\n";
    } else {
      auto& list = text_[c.change];
      if (list.size() < kMaxListedPerSection) list.push_back(TextLine(j));
    }
  }

  void End() {
    if (format_ == "jsonl") {
      Json j{{"type", "diff"},
             {"from", from_.id},
             {"to", to_.id},
             {"from_started", FormatTimestamp(from_.started)},
             {"to_started", FormatTimestamp(to_.started)},
             {"counts", Json::object()}};
      for (const auto& [k, v] : kSections) j["counts"][k] = Count(k);
      out_ << j.dump() << "\n";
    } else if (format_ == "text") {
      out_ << "datasweep diff: sweep " << from_.id << " (" << FormatTimestamp(from_.started)
           << ") -> sweep " << to_.id << " (" << FormatTimestamp(to_.started) << ")\n\n";
      for (const auto& [k, title] : kSections) out_ << "  " << title << ": " << Count(k) << "\n";
      for (const auto& [k, title] : kSections) {
        if (!Count(k)) continue;
        out_ << "\n" << title << ":\n";
        for (const auto& line : text_[k]) out_ << "  " << line << "\n";
        if (Count(k) > text_[k].size())
          out_ << "  ... and " << Count(k) - text_[k].size() << " more (use -f jsonl or csv)\n";
      }
      if (counts_.empty()) out_ << "\nNo changes.\n";
    }
  }

 private:
  size_t Count(const std::string& k) const { return counts_.count(k) ? counts_.at(k) : 0; }

  static std::string TextLine(const Json& j) {
    std::string line = JsonStr(j, "path");
    const std::string from = JsonStr(j, "from_class"), to = JsonStr(j, "to_class");
    if (!JsonStr(j, "from_path").empty()) {
      line = JsonStr(j, "from_path") + " -> " + line;
    } else if (!JsonStr(j, "rule").empty()) {
      line += "\n      " + JsonStr(j, "severity") + " " + JsonStr(j, "rule") + ": " +
              JsonStr(j, "message");
      if (!JsonStr(j, "from_severity").empty())
        line += " (was " + JsonStr(j, "from_severity") + ")";
    } else if (!from.empty() && !to.empty() && from != to) {
      line += "  " + from + " -> " + to;
    } else if (!from.empty() || !to.empty()) {
      line += "  " + (to.empty() ? from : to);
    }
    return line;
  }

  std::string format_;
  std::ostream& out_;
  SweepInfo from_, to_;
  std::map<std::string, size_t> counts_;
  std::map<std::string, std::vector<std::string>> text_;
};

// sarif, html (any format of `scan`): the later sweep's records of the files that changed,
// each with only its new or changed violations — the CI dashboard's and the DPO's "new since
// last time". Files newly RESTRICTED are included even without a new violation.
void WriteDiffRecords(StateStore& state, const SweepInfo& from, const SweepInfo& to,
                      RecordSink& sink) {
  Summary summary;
  ForEachFileChange(
      state, from.id, to.id, [&](const std::vector<Record>& a, const std::vector<Record>& b, bool) {
        std::map<std::string, const Record*> before;
        for (const auto& r : a) before[r.real_path] = &r;
        for (const auto& r : b) {
          auto it = before.find(r.real_path);
          const Record* old = it == before.end() ? nullptr : it->second;
          Record copy = r;
          copy.violations = NewViolations(old, r);
          const bool newly_restricted = r.verdict.data_class == DataClass::kRestricted &&
                                        (!old || old->verdict.data_class != DataClass::kRestricted);
          if (copy.violations.empty() && !newly_restricted) continue;
          summary.Add(copy, copy.depth == 0);
          sink.Write(copy);
        }
      });
  summary.roots = to.roots;
  summary.elapsed_s = to.elapsed_s;
  summary.started = FormatTimestamp(to.started);
  summary.finished = to.finished ? FormatTimestamp(to.finished) : "";
  sink.Finish(summary);
}

// The default pair: the latest complete sweep and the previous complete one with its roots.
bool ChooseSweeps(const std::vector<SweepInfo>& sweeps, int64_t* from, int64_t* to) {
  const SweepInfo* b = nullptr;
  for (const auto& s : sweeps)
    if (s.status == "complete" && (*to ? s.id == *to : true)) b = &s;
  if (!b) return false;
  *to = b->id;
  if (*from) return true;
  for (const auto& s : sweeps)
    if (s.id < b->id && s.status == "complete" && s.roots == b->roots) *from = s.id;
  return *from != 0;
}

}  // namespace

int RunDiffCommand(int argc, char** argv) {
  po::options_description opts(
      "Usage: datasweep diff --state FILE [--from SWEEP --to SWEEP] [-f FMT] [-o FILE]\n\n"
      "Lists what changed between two sweeps of a state database: violations new, resolved and\n"
      "changed, files newly RESTRICTED or of another class, files new and gone. By default the\n"
      "latest complete sweep is compared with the complete sweep before it of the same "
      "folders.\n\nOptions");
  std::string state_file, format = "text", output;
  int64_t from = 0, to = 0;
  opts.add_options()("help,h", "show this help")("state", po::value(&state_file),
                                                 "the state database given to `scan --state`")(
      "from", po::value(&from),
      "the earlier sweep's number (see `datasweep diff --state FILE --list`)")(
      "to", po::value(&to), "the later sweep's number")("list", po::bool_switch(),
                                                        "list the stored sweeps and exit")(
      "format,f", po::value(&format),
      "text (default), jsonl or csv: the list of changes; sarif or html: the later sweep's files "
      "with new"
      " violations or newly RESTRICTED, as `scan` would report them")(
      "output,o", po::value(&output), "write to FILE (created 0600) instead of standard output");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(opts).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "datasweep diff: " << e.what() << "\nTry `datasweep diff --help`.\n";
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return kExitOk;
  }
  const bool change_list = format == "text" || format == "jsonl" || format == "csv";
  std::ostringstream probe;
  if (state_file.empty() || (!change_list && !MakeSink(format, probe, SinkOptions{}))) {
    std::cerr << "datasweep diff: give --state FILE, and -f " << KnownFormats()
              << "\nTry `datasweep diff --help`.\n";
    return kExitError;
  }
  try {
    auto state = StateStore::Open(state_file, StateStore::Mode::kRead);
    const auto sweeps = state->Sweeps();
    if (vm["list"].as<bool>()) {
      for (const auto& s : sweeps)
        std::cout << s.id << "\t" << FormatTimestamp(s.started) << "\t" << s.status << "\t"
                  << Json(s.roots).dump() << "\n";
      return kExitOk;
    }
    if (!ChooseSweeps(sweeps, &from, &to)) {
      std::cerr << "datasweep diff: " << state_file
                << " needs two complete sweeps of the same folders to compare"
                << " (or name them with --from and --to; --list shows them)\n";
      return kExitError;
    }
    auto find = [&](int64_t id) -> const SweepInfo* {
      for (const auto& s : sweeps)
        if (s.id == id) return &s;
      return nullptr;
    };
    if (!find(from) || !find(to)) {
      std::cerr << "datasweep diff: no sweep " << (find(from) ? to : from) << " in " << state_file
                << "\n";
      return kExitError;
    }
    std::string error;
    auto out = OutputFile::Open(output, &error);
    if (!out) {
      std::cerr << "datasweep diff: " << error << "\n";
      return kExitError;
    }
    if (change_list) {
      DiffWriter writer(format, out->Stream());
      writer.Begin(*find(from), *find(to));
      DiffSweeps(*state, from, to, [&](const Change& c) { writer.Add(c); });
      writer.End();
    } else {
      auto sink = MakeSink(format, out->Stream(), SinkOptions{});
      WriteDiffRecords(*state, *find(from), *find(to), *sink);
    }
    if (!out->Commit(&error)) {
      std::cerr << "datasweep diff: " << error << "\n";
      return kExitError;
    }
  } catch (const std::exception& e) {
    std::cerr << "datasweep diff: " << e.what() << "\n";
    return kExitError;
  }
  return kExitOk;
}

}  // namespace datasweep
