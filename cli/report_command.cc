// `datasweep report (IN.jsonl | --state FILE [--sweep N]) -f FMT -o FILE`: re-renders a sweep —
// its JSON Lines, or a sweep stored in a state database — in any format.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/output_file.h"
#include "cli/record_sink.h"
#include "scanner/state_store.h"

namespace po = boost::program_options;

namespace datasweep {
namespace {

// Renders sweep `sweep_id` (0: the latest complete one, else the latest) of a state database.
int ReportFromState(const std::string& state_file, int64_t sweep_id, RecordSink& sink) {
  try {
    auto state = StateStore::Open(state_file, StateStore::Mode::kRead);
    const auto sweeps = state->Sweeps();
    const SweepInfo* chosen = nullptr;
    for (const auto& s : sweeps)
      if (sweep_id ? s.id == sweep_id : s.status == "complete") chosen = &s;
    if (!chosen && !sweep_id && !sweeps.empty()) chosen = &sweeps.back();
    if (!chosen) {
      std::cerr << "datasweep report: " << state_file << " has no sweep";
      if (sweep_id) std::cerr << " " << sweep_id;
      std::cerr << "\n";
      return kExitError;
    }
    if (chosen->status != "complete")
      std::cerr << "datasweep report: sweep " << chosen->id << " is " << chosen->status
                << ": the report covers the files it had scanned\n";
    state->ForEachRecord(chosen->id, [&](const Record& r) { sink.Write(r); });
    sink.Finish(state->SummaryOf(*chosen));
    return kExitOk;
  } catch (const std::exception& e) {
    std::cerr << "datasweep report: " << e.what() << "\n";
    return kExitError;
  }
}

}  // namespace

int RunReportCommand(int argc, char** argv) {
  po::options_description opts(
      "Usage: datasweep report IN.jsonl -f FMT -o FILE\n       datasweep report --state FILE "
      "[--sweep N] -f FMT -o FILE\n\nOptions");
  std::string input, format = "text", output, state_file;
  int64_t sweep_id = 0;
  opts.add_options()("help,h", "show this help")("format,f", po::value(&format),
                                                 "text, jsonl, csv, sarif or html")(
      "output,o", po::value(&output), "report file (created 0600); default standard output")(
      "state", po::value(&state_file),
      "render a sweep stored in this state database (see `scan --state`)")(
      "sweep", po::value(&sweep_id),
      "with --state: the sweep number (default: the latest complete one)");
  po::options_description all;
  all.add(opts).add_options()("input", po::value(&input));
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "datasweep report: " << e.what() << "\n";
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return kExitOk;
  }
  std::ifstream in;
  if (state_file.empty()) in.open(input);
  if (state_file.empty() && (input.empty() || !in)) {
    std::cerr << "datasweep report: cannot read '" << input
              << "' (give a JSON Lines file from `scan -f jsonl`)\n";
    return kExitError;
  }
  std::string error;
  auto out = OutputFile::Open(output, &error);
  if (!out) {
    std::cerr << "datasweep report: " << error << "\n";
    return kExitError;
  }
  auto sink = MakeSink(format, out->Stream(), SinkOptions{});
  if (!sink) {
    std::cerr << "datasweep report: unknown format '" << format << "' (use " << KnownFormats()
              << ")\n";
    return kExitError;
  }
  if (!state_file.empty()) {
    const int rc = ReportFromState(state_file, sweep_id, *sink);
    if (rc != kExitOk) return rc;
    if (!out->Commit(&error)) {
      std::cerr << "datasweep report: " << error << "\n";
      return kExitError;
    }
    return kExitOk;
  }
  std::string line;
  size_t lineno = 0;
  bool have_summary = false;
  Summary summary;
  while (std::getline(in, line)) {
    ++lineno;
    if (line.empty()) continue;
    try {
      const Json j = Json::parse(line);
      if (j.value("type", "") == "summary") {
        summary = SummaryFromJson(j);
        have_summary = true;
      } else {
        sink->Write(RecordFromJson(j));
      }
    } catch (const std::exception& e) {
      std::cerr << "datasweep report: " << input << ":" << lineno << ": not a datasweep record ("
                << e.what() << ")\n";
      return kExitError;
    }
  }
  if (!have_summary) {
    std::cerr << "datasweep report: " << input
              << " has no summary line: the sweep did not finish\n";
    return kExitError;
  }
  sink->Finish(summary);
  if (!out->Commit(&error)) {
    std::cerr << "datasweep report: " << error << "\n";
    return kExitError;
  }
  return kExitOk;
}

}  // namespace datasweep
