// `datasweep scan`: the sweep. Options are a contract (SPEC §8): extend, never rename.
#include <unistd.h>

#include <boost/program_options.hpp>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "classifiers/detector_set.h"
#include "cli/commands.h"
#include "cli/output_file.h"
#include "cli/record_sink.h"
#include "scanner/pipeline.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace datasweep {
namespace {

std::atomic<bool>* g_stop = nullptr;  // the one thing a signal handler may touch

void OnInterrupt(int) {
  if (g_stop) g_stop->store(true);
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
}

std::string Absolute(const std::string& p) {
  std::error_code ec;
  fs::path abs = fs::weakly_canonical(fs::absolute(p), ec);
  if (ec) abs = fs::absolute(p).lexically_normal();
  std::string s = abs.string();
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

bool LoadPolicy(const std::string& path, Policy* policy) {
  if (path.empty()) {
    *policy = Policy::Default();
    return true;
  }
  std::ifstream in(path);
  if (!in) {
    std::cerr << "datasweep: cannot read policy file " << path << "\n";
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  std::vector<PolicyError> errors;
  if (Policy::Parse(text.str(), policy, &errors)) return true;
  for (const auto& e : errors) std::cerr << path << ":" << e.line << ": " << e.message << "\n";
  std::cerr << "datasweep: the policy has errors; check it with `datasweep policy check " << path << "`\n";
  return false;
}

const char* kScanHelp = R"(Usage: datasweep scan PATH... [options]

Scans files, folders, drives and mounted shares; classifies every file UNRESTRICTED /
PROTECTED / RESTRICTED and reports files in the wrong place. Never modifies what it scans.

Examples:
  datasweep scan /mnt/laptop --location /mnt/laptop=local,drive=C:
  datasweep scan /media/usb --location /media/usb=removable -f html -o usb-report.html
  datasweep scan /srv/shares -f jsonl -o sweep.jsonl --fail-on critical

Locations (--location PATH=KIND[,encrypted][,secure][,pupil-accessible][,drive=X:]):
  KIND is local, removable, share or email-store; the longest matching PATH wins.
  drive=C: shows paths below PATH as C:\... in every report.

Options)";

}  // namespace

int RunScanCommand(int argc, char** argv) {
  po::options_description opts(kScanHelp);
  int jobs = 0;
  std::string format = "text", output, policy_file, fail_on = "high";
  std::vector<std::string> paths, locations, excludes;
  opts.add_options()
      ("help,h", "show this help")
      ("jobs,j", po::value(&jobs), "worker threads (default: number of cores)")
      ("format,f", po::value(&format), "output format: text (default), jsonl, csv, sarif, html")
      ("output,o", po::value(&output), "write the report to FILE (created 0600) instead of standard output")
      ("location", po::value(&locations)->composing(), "PATH=KIND[,flags]: where PATH is (repeatable)")
      ("policy", po::value(&policy_file), "policy file (default: built in; see `datasweep policy show`)")
      ("fail-on", po::value(&fail_on), "exit 1 when a violation is at least this severe: low, medium, high (default), critical, or never")
      ("exclude", po::value(&excludes)->composing(), "skip paths matching GLOB (repeatable)")
      ("quiet,q", po::bool_switch(), "print nothing but the report and errors")
      ("verbose,v", po::bool_switch(), "text format: list every file, not only those to act on");
  po::options_description hidden;
  hidden.add_options()("path", po::value(&paths)->composing());
  po::options_description all;
  all.add(opts).add(hidden);
  po::positional_options_description pos;
  pos.add("path", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "datasweep scan: " << e.what() << "\nTry `datasweep scan --help`.\n";
    return kExitError;
  }
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return kExitOk;
  }
  if (paths.empty()) {
    std::cerr << "datasweep scan: name at least one PATH to scan\nTry `datasweep scan --help`.\n";
    return kExitError;
  }
  const bool quiet = vm["quiet"].as<bool>();
  std::optional<Severity> threshold;
  if (fail_on != "never" && fail_on != "none") {
    threshold = SeverityFromString(fail_on);
    if (!threshold) {
      std::cerr << "datasweep scan: --fail-on takes low, medium, high, critical or never\n";
      return kExitError;
    }
  }

  Policy policy;
  if (!LoadPolicy(policy_file, &policy)) return kExitError;
  LocationTable table;
  for (Location l : policy.locations) {
    l.prefix = Absolute(l.prefix);
    table.Add(l);
  }
  for (const auto& arg : locations) {
    std::string error;
    auto l = ParseLocationArg(arg, &error);
    if (!l) {
      std::cerr << "datasweep scan: --location " << error << "\n";
      return kExitError;
    }
    l->prefix = Absolute(l->prefix);
    table.Add(*l);
  }
  SweepOptions sweep;
  for (const auto& p : paths) {
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(p, ec))) {
      std::cerr << "datasweep scan: " << p << ": no such file or folder\n";
      return kExitError;
    }
    sweep.roots.push_back(Absolute(p));
  }
  sweep.excludes = policy.exclude;
  sweep.excludes.insert(sweep.excludes.end(), excludes.begin(), excludes.end());
  sweep.jobs = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());

  std::unique_ptr<DetectorSet> detectors;
  try {
    detectors = std::make_unique<DetectorSet>(DetectorSet::AllDetectors(), policy.disabled_detectors);
  } catch (const std::exception& e) {
    std::cerr << "datasweep scan: " << e.what() << "\n";
    return kExitError;
  }
  ScanEnvironment env{&policy, detectors.get(), &ExtractorRegistry::Default(), &table,
                      LocationRules(policy.rules), static_cast<int64_t>(std::time(nullptr))};

  std::string error;
  auto out = OutputFile::Open(output, &error);
  if (!out) {
    std::cerr << "datasweep scan: " << error << "\n";
    return kExitError;
  }
  SinkOptions sink_options;
  sink_options.color = output.empty() && format == "text" && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == nullptr;
  sink_options.verbose = vm["verbose"].as<bool>();
  auto sink = MakeSink(format, out->Stream(), sink_options);
  if (!sink) {
    std::cerr << "datasweep scan: unknown format '" << format << "' (use " << KnownFormats() << ")\n";
    return kExitError;
  }

  SweepProgress progress;
  g_stop = &progress.stop;
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  Severity worst = Severity::kNone;
  Pipeline pipeline(env);
  const Summary summary = pipeline.Run(sweep, [&](const Record& r) {
    for (const auto& v : r.violations) worst = std::max(worst, v.severity);
    sink->Write(r);
  }, &progress);
  sink->Finish(summary);
  g_stop = nullptr;
  if (!out->Commit(&error)) {
    std::cerr << "datasweep scan: " << error << "\n";
    return kExitError;
  }
  if (progress.stop.load()) {
    std::cerr << "datasweep scan: interrupted; the report covers the files scanned so far\n";
    return kExitError;
  }
  if (!quiet && !output.empty()) {
    uint64_t violations = 0;
    for (const auto& [k, v] : summary.violations) violations += v;
    std::cerr << "datasweep: " << summary.files << " files, "
              << (summary.by_class.count("RESTRICTED") ? summary.by_class.at("RESTRICTED") : 0) << " RESTRICTED, "
              << (summary.by_class.count("PROTECTED") ? summary.by_class.at("PROTECTED") : 0) << " PROTECTED, "
              << violations << " violations -> " << output << "\n";
  }
  return threshold && worst >= *threshold ? kExitViolations : kExitOk;
}

}  // namespace datasweep
