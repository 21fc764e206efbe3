#include "scanner/isolation_worker.h"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <map>
#include <new>

#include "classifiers/detector_set.h"
#include "scanner/file_scanner.h"
#include "scanner/isolation.h"
#include "scanner/sanitizer_build.h"
#include "scanner/scan_threads.h"
#include "scanner/worker_protocol.h"

namespace datasweep {
namespace {

void SetLimit(int resource, rlim_t soft) {
  rlimit l{};
  ::getrlimit(resource, &l);
  l.rlim_cur = l.rlim_max == RLIM_INFINITY ? soft : std::min(soft, l.rlim_max);
  ::setrlimit(resource, &l);
}

// RLIMIT_CPU counts the worker's whole life, so it is re-armed before each file: this file
// may use `seconds` of CPU more than the worker has used so far.
void ArmCpuLimit(uint32_t seconds) {
  rusage u{};
  ::getrusage(RUSAGE_SELF, &u);
  SetLimit(RLIMIT_CPU, static_cast<rlim_t>(u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1 + seconds));
}

[[noreturn]] void OutOfMemory() { ::_exit(kWorkerExitOutOfMemory); }

// AddressSanitizer reserves terabytes of shadow address space at start-up, so an RLIMIT_AS
// would make every later mapping fail; sanitizer builds run their workers without it (ASan's
// own allocator limits still stop runaway allocations, as a crash).
constexpr bool kAddressSpaceLimit = !kSanitizerBuild;

// From this size a file's text and pages may be scanned on more than one thread.
constexpr uint64_t kLargeFileBytes = 2 << 20;

}  // namespace

int RunWorker(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "datasweep: __worker is started by `datasweep scan`, not by hand\n";
    return kWorkerExitBadStart;
  }
  const int fd = std::atoi(argv[1]);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // no orphan if the sweep dies
  if (::getppid() != static_cast<pid_t>(std::atoll(argv[2]))) return 0;  // it died already
  ::signal(SIGINT, SIG_IGN);  // Ctrl-C reaches the whole process group: the sweep decides
  ::signal(SIGTERM, SIG_IGN);
  SetLimit(RLIMIT_CORE, 0);

  FrameReader reader;
  std::optional<Json> init;
  try {
    init = ReadFrame(fd, reader);
  } catch (const std::exception&) {
  }
  if (!init || init->value("t", "") != "init") return kWorkerExitBadStart;
  Policy policy;
  std::vector<PolicyError> errors;
  if (!Policy::Parse(init->value("policy", ""), &policy, &errors)) {
    std::cerr << "datasweep worker: the policy does not parse\n";
    return kWorkerExitBadStart;
  }
  std::unique_ptr<DetectorSet> detectors;
  try {
    detectors =
        std::make_unique<DetectorSet>(DetectorSet::AllDetectors(), policy.disabled_detectors);
  } catch (const std::exception& e) {
    std::cerr << "datasweep worker: " << e.what() << "\n";
    return kWorkerExitBadStart;
  }
  const uint32_t budget = init->value("max_seconds", 120u) + init->value("grace_seconds", 5u);
  LocationTable no_locations;  // rules and locations are the parent's business
  ScanEnvironment env{&policy,
                      detectors.get(),
                      &SweepExtractors(),
                      &no_locations,
                      LocationRules(policy.rules),
                      init->value("now", int64_t{0})};
  env.crash_test_type = CrashTestEnabled();
  // A large file's text batches and a PDF's pages are scanned on up to the sweep's -j threads.
  // Only a large file's: a worker's spare thread competes with the other workers' parsers, and
  // for the many small files of a sweep its wake-ups cost more than they give (corpus (b) at -j2
  // went from 39 to 52 s with threads for every file, docs/performance.md).
  const uint32_t threads = std::clamp(init->value("threads", 1u), 1u, 256u);
  tbb::task_arena arena(static_cast<int>(threads));
  const ContentAnalyzer::ParallelFor parallel_for = ArenaParallelFor();
  const ContentAnalyzer::Background background = ArenaBackground();
  std::map<std::string, std::string> skip;  // member path → why it is not extracted (this job)
  env.on_extract = [fd, &skip](Record& rec, std::string_view extractor) {
    if (rec.depth == 0) return true;
    if (auto it = skip.find(rec.path); it != skip.end()) {
      rec.outcome = {ScanStatus::kError, it->second};
      return false;
    }
    if (!WriteFrame(fd, {{"t", "at"}, {"x", extractor}, {"p", rec.path}})) ::_exit(0);
    return true;
  };
  FileScanner scanner(env);

  // From here on memory is limited; running out ends the worker with a status the parent names.
  if (kAddressSpaceLimit) SetLimit(RLIMIT_AS, init->value("memory", uint64_t{2} << 30));
  std::set_new_handler(OutOfMemory);
  if (!WriteFrame(fd, {{"t", "ready"}})) return 0;
  for (;;) {
    std::optional<Json> job;
    try {
      job = ReadFrame(fd, reader);
    } catch (const std::exception&) {
      return kWorkerExitBadStart;
    }
    if (!job) return 0;  // EOF: the sweep is over
    Record rec = RecordFromWire(job->at("rec"));
    skip = job->value("skip", std::map<std::string, std::string>{});
    // `scanner` reads env per file: a small file is scanned on this thread alone.
    const bool large_file = threads > 1 && rec.size >= kLargeFileBytes;
    env.parallel_for = large_file ? parallel_for : nullptr;
    env.background = large_file ? background : nullptr;
    ArmCpuLimit(budget * (large_file ? threads : 1));  // CPU seconds: threads spend them together
    arena.execute([&] {
      scanner.ScanTyped(rec, [fd](Record&& member) {
        if (!WriteFrame(fd, {{"t", "member"}, {"rec", RecordToWire(member)}})) ::_exit(0);
      });
    });
    if (!WriteFrame(fd, {{"t", "done"}, {"rec", RecordToWire(rec)}})) return 0;
  }
}

}  // namespace datasweep
