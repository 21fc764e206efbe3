// FileScanner: scans one walked entry — open read-only, type by content, extract (recursing
// into containers through the ExtractContext it implements), detect, classify, apply the
// location rules — and emits one Record per file and per container member, members first.
// One FileScanner per thread (it owns a libmagic handle); the Policy, DetectorSet and
// LocationTable it reads are shared and immutable.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "classifiers/content_analyzer.h"
#include "classifiers/detector_set.h"
#include "extractors/extractor_registry.h"
#include "extractors/type_sniffer.h"
#include "policy/location.h"
#include "policy/policy.h"
#include "scanner/record.h"
#include "scanner/walker.h"

namespace datasweep {

struct ScanBudget;
class IsolatedExtraction;

// What every FileScanner shares: built once per sweep, never modified during it.
struct ScanEnvironment {
  const Policy* policy = nullptr;
  const DetectorSet* detectors = nullptr;
  const ExtractorRegistry* extractors = nullptr;
  const LocationTable* locations = nullptr;
  LocationRules rules;
  int64_t now = 0;  // the sweep's reference time (stale-email)
  // Process isolation (scanner/isolation.h): when set, top-level files of risky types are
  // extracted in a worker process instead of in this one. Thread-safe; null = all in-process.
  const IsolatedExtraction* isolation = nullptr;
  // Test builds of a sweep: a file starting with the crash-test magic gets the crash-test
  // media type (scanner/crash_test_extractor.h). Off unless DATASWEEP_TEST_CRASH_EXTRACTOR=1.
  bool crash_test_type = false;
  // Called just before an extractor runs on `rec` (the worker reports it, so a crash inside a
  // member is attributed to the member's extractor). Returning false skips the extractor: the
  // hook has set rec.outcome (a worker retrying a file without the member that crashed it).
  // Optional.
  std::function<bool(Record& rec, std::string_view extractor)> on_extract;
  // The sweep's thread pool, for the prose windows of one large file (ContentAnalyzer). Unset
  // (isolation workers, tests): each file is scanned on the thread that reads it.
  ContentAnalyzer::ParallelFor parallel_for;
  // Where that file's next batch is scanned while its thread reads on (ContentAnalyzer).
  ContentAnalyzer::Background background;
};

class FileScanner {
 public:
  using Emit = std::function<void(Record&&)>;
  explicit FileScanner(const ScanEnvironment& env) : env_(env) {}

  // Scans `entry` and emits its records (members first, the file itself last).
  void Scan(const WalkEntry& entry, const Emit& emit);

  // Extracts and classifies the file at rec.real_path whose media type is already in rec.mime
  // (sniffed by the caller), emitting members; location rules are not applied. The entry
  // point of an isolation worker (scanner/isolation_worker.h).
  void ScanTyped(Record& rec, const Emit& emit);

  // Scans bytes already in memory as if they were a file at `display_path` (tests, stdin).
  Record ScanBytes(std::string data, const std::string& display_path, const Emit& emit_members);

 private:
  friend class ScanLayer;
  // Types, extracts and classifies `src` into `rec` (members emitted through `emit`).
  void ScanSource(const ByteSource& src, Record& rec, ScanBudget& budget, const Emit& emit);
  // The two halves of ScanSource. SniffType sets rec.mime (false: unreadable, rec is error).
  bool SniffType(const ByteSource& src, Record& rec);
  void ExtractTyped(const ByteSource& src, Record& rec, ScanBudget& budget, const Emit& emit);
  // Location rules for a top-level record.
  void ApplyRules(Record& rec);
  const ScanEnvironment& env_;
  TypeSniffer sniffer_;
  std::map<uid_t, std::string> owners_;
  std::string OwnerName(uid_t uid);
};

}  // namespace datasweep
