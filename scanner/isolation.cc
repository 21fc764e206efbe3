#include "scanner/isolation.h"

#include <cmath>
#include <cstdlib>
#include <cstring>

#include "scanner/crash_test_extractor.h"

namespace datasweep {
namespace {

// Extractors that are our own code over plain bytes (text, CSV) or parse nothing at all (PST
// is only recognised): cheap and safe in process. Everything else — third-party parsers
// (Poppler, libzip, libarchive, libxml2, libgsf) and our own binary-format and MIME code, which
// recurses into members of any type — runs in workers.
constexpr std::string_view kInProcessExtractors[] = {"TextExtractor", "PstExtractor"};

}  // namespace

std::optional<IsolationMode> IsolationModeFromString(std::string_view s) {
  if (s == "auto") return IsolationMode::kAuto;
  if (s == "off") return IsolationMode::kOff;
  return std::nullopt;
}

bool CrashTestEnabled() {
  const char* v = std::getenv("DATASWEEP_TEST_CRASH_EXTRACTOR");
  return v && std::strcmp(v, "1") == 0;
}

const ExtractorRegistry& SweepExtractors() {
  if (!CrashTestEnabled()) return ExtractorRegistry::Default();
  static const ExtractorRegistry with_crash_test = [] {
    auto all = ExtractorRegistry::MakeAll();
    all.push_back(MakeCrashTestExtractor());
    return ExtractorRegistry(std::move(all));
  }();
  return with_crash_test;
}

IsolatedExtraction::IsolatedExtraction(const ExtractorRegistry& extractors, WorkerConfig config,
                                       int workers)
    : extractors_(extractors), pool_(std::make_unique<WorkerPool>(std::move(config), workers)) {}

bool IsolatedExtraction::ShouldIsolate(std::string_view media_type) const {
  const Extractor* e = extractors_.Find(media_type);
  if (!e) return false;
  for (std::string_view name : kInProcessExtractors)
    if (e->Name() == name) return false;
  return true;
}

std::string IsolatedExtraction::Reason(const WorkerResult& r, const Record& rec) const {
  using Kind = WorkerResult::Kind;
  std::string where;
  if (r.kind != Kind::kNoWorker) {
    const Extractor* top = extractors_.Find(rec.mime);
    const std::string name = !r.extractor.empty() ? r.extractor
                             : top                ? std::string(top->Name())
                                                  : "the parser";
    where = " in " + name;
    if (!r.member.empty()) {
      const bool nested = r.member.starts_with(rec.path + "!/");
      where += " (member " + (nested ? r.member.substr(rec.path.size() + 2) : r.member) + ")";
    }
  }
  const WorkerConfig& c = pool_->Config();
  switch (r.kind) {
    case Kind::kCrashed:
      return "parser crashed (" + r.detail + ")" + where;
    case Kind::kTimedOut:
      return "timed out after " + std::to_string(static_cast<int64_t>(std::lround(r.seconds))) +
             " s" + (r.detail.empty() ? "" : " (" + r.detail + ")") + where;
    case Kind::kOutOfMemory:
      return "out of memory (limit " + std::to_string(c.memory_limit >> 20) + " MiB)" + where;
    case Kind::kNoWorker:
      return "not inspected: no parser worker (" + r.detail + ")";
    case Kind::kOk:
      break;
  }
  return {};
}

void IsolatedExtraction::Scan(Record& rec, const FileScanner::Emit& emit) const {
  using Kind = WorkerResult::Kind;
  WorkerResult r = pool_->Run(rec, /*fresh=*/false);
  if (r.kind == Kind::kCrashed || r.kind == Kind::kOutOfMemory) r = pool_->Run(rec, /*fresh=*/true);
  if (r.kind != Kind::kOk && r.kind != Kind::kNoWorker && !r.member.empty()) {
    // A member broke the parser (even when retried alone): scan the file once more without
    // it, so the container and its other members keep their findings; that member is `error`.
    WorkerResult at_member = r;
    at_member.member.clear();
    WorkerResult again = pool_->Run(rec, /*fresh=*/true, {{r.member, Reason(at_member, rec)}});
    if (again.kind == Kind::kOk) r = std::move(again);
  }
  if (r.kind == Kind::kOk) {
    for (Record& m : r.members) emit(std::move(m));
    rec = std::move(r.self);
    return;
  }
  rec.outcome = {ScanStatus::kError, Reason(r, rec)};
  rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
}

}  // namespace datasweep
