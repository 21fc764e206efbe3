// Pipeline: the parallel sweep. A TBB pipeline with a fixed number of files in flight —
// walk (serial) → scan (parallel: type, extract, detect, classify, rules) → emit (serial) — so
// memory does not grow with the tree; `jobs` threads in a task arena.
#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "scanner/file_scanner.h"

namespace datasweep {

struct SweepOptions {
  std::vector<std::string> roots;     // absolute paths
  std::vector<std::string> excludes;  // fnmatch globs (policy + command line)
  int jobs = 2;
};

// Live counters for a progress line; read from another thread.
struct SweepProgress {
  std::atomic<uint64_t> files{0};
  std::atomic<uint64_t> bytes{0};
  std::atomic<bool> stop{false};  // set (e.g. by SIGINT) to end the sweep early, cleanly
};

class Pipeline {
 public:
  explicit Pipeline(const ScanEnvironment& env) : env_(env) {}
  // Runs the sweep, calling `write` for every record from one thread at a time. Returns the
  // summary (counts, bytes, elapsed time).
  Summary Run(const SweepOptions& options, const std::function<void(const Record&)>& write,
              SweepProgress* progress = nullptr);

 private:
  const ScanEnvironment& env_;
};

}  // namespace datasweep
