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
#include "cli/progress.h"
#include "cli/record_sink.h"
#include "policy/mount_table.h"
#include "scanner/isolation.h"
#include "scanner/pipeline.h"
#include "scanner/state_store.h"

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

// Loads the policy; `text` keeps its YAML for the parser workers, which parse it themselves.
bool LoadPolicy(const std::string& path, Policy* policy, std::string* text_out) {
  if (path.empty()) {
    *policy = Policy::Default();
    *text_out = std::string(Policy::DefaultText());
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
  *text_out = text.str();
  if (Policy::Parse(*text_out, policy, &errors)) return true;
  for (const auto& e : errors) std::cerr << path << ":" << e.line << ": " << e.message << "\n";
  std::cerr << "datasweep: the policy has errors; check it with `datasweep policy check " << path
            << "`\n";
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
  drive=C: shows paths below PATH as C:\... in every report. On Linux, removable media and
  whether they are encrypted (dm-crypt/LUKS, BitLocker) are detected from the mount table;
  --location and the policy's locations override what is detected.

Progress: on a terminal, one live status line on stderr (none with -q or when redirected);
`kill -USR1 <pid>` prints a status line at any time.

Options)";

// Opens the state database and starts (or resumes) its sweep; false after printing why not.
bool OpenState(const std::string& file, const SweepOptions& sweep, const ScanEnvironment& env,
               bool quiet, std::unique_ptr<StateStore>* state) {
  try {
    *state = StateStore::Open(file, StateStore::Mode::kSweep);
    bool resumed = false;
    const SweepInfo info = (*state)->BeginSweep(sweep.roots, StateStore::SettingsFingerprint(env),
                                                env.now, &resumed, env.locations);
    if (resumed && !quiet)
      std::cerr << "datasweep: resuming interrupted sweep " << info.id << " (run " << info.runs
                << "); files it already scanned are not read again\n";
    return true;
  } catch (const StateError& e) {
    std::cerr << "datasweep scan: " << e.what() << "\n";
    return false;
  }
}

}  // namespace

int RunScanCommand(int argc, char** argv) {
  po::options_description opts(kScanHelp);
  int jobs = 0;
  std::string format = "text", output, policy_file, fail_on = "high", isolation = "auto",
              state_file;
  std::vector<std::string> paths, locations, excludes;
  opts.add_options()("help,h", "show this help")("jobs,j", po::value(&jobs),
                                                 "worker threads (default: number of cores)")(
      "format,f", po::value(&format), "output format: text (default), jsonl, csv, sarif, html")(
      "output,o", po::value(&output),
      "write the report to FILE (created 0600) instead of standard output")(
      "location", po::value(&locations)->composing(),
      "PATH=KIND[,flags]: where PATH is (repeatable)")(
      "policy", po::value(&policy_file),
      "policy file (default: built in; see `datasweep policy show`)")(
      "fail-on", po::value(&fail_on),
      "exit 1 when a violation is at least this severe: low, medium, high (default), critical, or "
      "never")("exclude", po::value(&excludes)->composing(),
               "skip paths matching GLOB (repeatable)")(
      "state", po::value(&state_file),
      "state database FILE: re-sweeps read only changed files, an interrupted sweep resumes, "
      "`datasweep diff` compares sweeps")(
      "isolation", po::value(&isolation),
      "auto (default): parse risky formats (PDF, Office, archives, e-mail) in "
      "supervised worker processes, so a parser crash or hang costs one file; off: parse "
      "everything in process")("quiet,q", po::bool_switch(),
                               "print nothing but the report and errors")(
      "verbose,v", po::bool_switch(), "text format: list every file, not only those to act on");
  // Test hooks: a fake mount table and sysfs for the automatic removable/encrypted detection.
  std::string mountinfo = "/proc/self/mountinfo", sys_root = "/sys";
  po::options_description hidden;
  hidden.add_options()("path", po::value(&paths)->composing())("mountinfo", po::value(&mountinfo))(
      "sysfs", po::value(&sys_root));
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

  const auto isolation_mode = IsolationModeFromString(isolation);
  if (!isolation_mode) {
    std::cerr << "datasweep scan: --isolation takes auto or off\n";
    return kExitError;
  }
  Policy policy;
  std::string policy_text;
  if (!LoadPolicy(policy_file, &policy, &policy_text)) return kExitError;
  // Detected first, so the policy and the command line override them (same prefix: the later
  // Add wins; a deeper declared prefix wins by the longest-prefix rule).
  LocationTable table;
  MountTable mounts(mountinfo, sys_root);
  std::string mount_error;
  if (mounts.Load(&mount_error))
    for (const Location& l : mounts.DetectedLocations()) table.Add(l);
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
  if (!quiet)
    for (const auto& root : sweep.roots) {
      const Location& l = table.Find(root);
      if (l.origin.starts_with("detected"))
        std::cerr << "datasweep: " << root << " is on "
                  << (l.encrypted ? "encrypted" : "unencrypted") << " removable media at "
                  << l.prefix << ", " << l.origin << "; override with --location\n";
    }
  sweep.excludes = policy.exclude;
  sweep.excludes.insert(sweep.excludes.end(), excludes.begin(), excludes.end());
  sweep.jobs = jobs > 0 ? jobs : std::max(1u, std::thread::hardware_concurrency());

  std::unique_ptr<DetectorSet> detectors;
  try {
    detectors = std::make_unique<DetectorSet>(policy.MakeDetectors(), policy.disabled_detectors);
  } catch (const std::exception& e) {
    std::cerr << "datasweep scan: " << e.what() << "\n";
    return kExitError;
  }
  ScanEnvironment env{&policy,
                      detectors.get(),
                      &SweepExtractors(),
                      &table,
                      LocationRules(policy.rules),
                      static_cast<int64_t>(std::time(nullptr))};
  env.crash_test_type = CrashTestEnabled();
  std::unique_ptr<IsolatedExtraction> isolated;
  if (*isolation_mode == IsolationMode::kAuto) {
    WorkerConfig wc;
    wc.policy_yaml = policy_text;
    wc.now = env.now;
    wc.memory_limit = policy.limits.max_worker_memory;
    wc.max_seconds = policy.limits.max_seconds;
    wc.threads = static_cast<uint32_t>(sweep.jobs);
    isolated = std::make_unique<IsolatedExtraction>(*env.extractors, wc, sweep.jobs);
    env.isolation = isolated.get();
  }

  std::string error;
  auto out = OutputFile::Open(output, &error);
  if (!out) {
    std::cerr << "datasweep scan: " << error << "\n";
    return kExitError;
  }
  SinkOptions sink_options;
  sink_options.color =
      output.empty() && format == "text" && isatty(STDOUT_FILENO) && getenv("NO_COLOR") == nullptr;
  sink_options.verbose = vm["verbose"].as<bool>();
  auto sink = MakeSink(format, out->Stream(), sink_options);
  if (!sink) {
    std::cerr << "datasweep scan: unknown format '" << format << "' (use " << KnownFormats()
              << ")\n";
    return kExitError;
  }

  std::unique_ptr<StateStore> state;
  if (!state_file.empty() && !OpenState(state_file, sweep, env, quiet, &state)) return kExitError;
  sweep.cache = state.get();
  std::unique_ptr<TracingCache> trace;  // test aid: which files were read, which reused
  if (state && getenv("DATASWEEP_TRACE_STATE")) {
    trace = std::make_unique<TracingCache>(state.get(), getenv("DATASWEEP_TRACE_STATE"));
    sweep.cache = trace.get();
  }

  SweepProgress progress;
  g_stop = &progress.stop;
  std::signal(SIGINT, OnInterrupt);
  std::signal(SIGTERM, OnInterrupt);
  Severity worst = Severity::kNone;
  ProgressReporter::Options progress_options;
  // A live line only where a person watches it, and never into the report on a terminal.
  progress_options.live = !quiet && isatty(STDERR_FILENO) && getenv("TERM") != nullptr &&
                          std::string_view(getenv("TERM")) != "dumb" &&
                          !(output.empty() && format != "text" && isatty(STDOUT_FILENO));
  progress_options.roots = sweep.roots;
  progress_options.excludes = sweep.excludes;
  ProgressReporter reporter(progress, std::cerr, progress_options);
  reporter.Start();
  Pipeline pipeline(env);
  Summary summary;
  try {
    summary = pipeline.Run(
        sweep,
        [&](const Record& r) {
          for (const auto& v : r.violations) worst = std::max(worst, v.severity);
          sink->Write(r);
        },
        &progress);
    if (state) state->FinishSweep(!progress.stop.load(), summary.elapsed_s);
  } catch (const StateError& e) {
    reporter.Stop();
    std::cerr << "datasweep scan: " << e.what() << "\n";
    return kExitError;
  }
  reporter.Stop();
  env.isolation = nullptr;
  isolated.reset();  // the workers exit now, before the report is committed
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
              << (summary.by_class.count("RESTRICTED") ? summary.by_class.at("RESTRICTED") : 0)
              << " RESTRICTED, "
              << (summary.by_class.count("PROTECTED") ? summary.by_class.at("PROTECTED") : 0)
              << " PROTECTED, " << violations << " violations -> " << output;
    if (state)
      std::cerr << " (" << progress.reused.load() << " unchanged files taken from the state)";
    std::cerr << "\n";
  }
  return threshold && worst >= *threshold ? kExitViolations : kExitOk;
}

}  // namespace datasweep
