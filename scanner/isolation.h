// IsolatedExtraction: which files are extracted out of process, and what a worker's failure
// means for the file's record. FileScanner::Scan asks ShouldIsolate() after sniffing the type;
// if yes, Scan() runs the whole recursive scan of that top-level file (members included) in a
// worker from the WorkerPool, so a parser crash, hang or runaway allocation costs that one file:
//   crash (signal / unexpected exit) → retried once alone in a fresh worker, then `error`
//                                      "parser crashed (signal 11: SIGSEGV) in PdfExtractor"
//   out of memory (RLIMIT_AS)        → retried once likewise (a leak in a reused worker could
//                                      be to blame), then `error` "out of memory (limit N MiB)…"
//   wall-clock budget spent          → `error` "timed out after N s in …" (not retried as is: a
//                                      hang would cost the budget twice)
// When the failure (after that retry) happened inside a member, the file is scanned once more
// in a fresh worker with that member skipped: the member is `error` with the reason, the
// container `partial` ("1 of N members not inspected (…)") with every other finding kept.
// Otherwise members a failed worker had already sent are dropped and the file is one `error`.
// Plain text and CSV (our own TextExtractor, no third-party parser) stay in process.
// Thread-safe; shared by all scan threads through ScanEnvironment::isolation.
#pragma once
#include <memory>
#include <optional>
#include <string_view>

#include "extractors/extractor_registry.h"
#include "scanner/file_scanner.h"
#include "scanner/worker_pool.h"

namespace datasweep {

enum class IsolationMode { kAuto, kOff };
std::optional<IsolationMode> IsolationModeFromString(std::string_view s);  // "auto" | "off"

// The extractors of a sweep (parent and workers alike): every registered extractor, plus the
// crash-test extractor when the environment has DATASWEEP_TEST_CRASH_EXTRACTOR=1.
const ExtractorRegistry& SweepExtractors();
bool CrashTestEnabled();

class IsolatedExtraction {
 public:
  IsolatedExtraction(const ExtractorRegistry& extractors, WorkerConfig config, int workers);

  // True when a file of `media_type` has an extractor that is not one of the in-process ones.
  // (A type without an extractor is `unsupported` without parsing anything.)
  bool ShouldIsolate(std::string_view media_type) const;

  // Scans the sniffed top-level record `rec` in a worker: on success `rec` is the worker's
  // record and the members are emitted first; on failure `rec` is `error` with the reason.
  // Location rules are left to the caller.
  void Scan(Record& rec, const FileScanner::Emit& emit) const;

  WorkerPool& Pool() const { return *pool_; }

 private:
  std::string Reason(const WorkerResult& r, const Record& rec) const;
  const ExtractorRegistry& extractors_;
  std::unique_ptr<WorkerPool> pool_;
};

}  // namespace datasweep
