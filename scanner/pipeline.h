// Pipeline: the parallel sweep. A TBB pipeline with a fixed number of files in flight —
// walk (serial) → scan (parallel: type, extract, detect, classify, rules) → emit (serial) — so
// memory does not grow with the tree; `jobs` threads in a task arena.
#pragma once
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "scanner/file_scanner.h"
#include "scanner/record_cache.h"

namespace datasweep {

struct SweepOptions {
  std::vector<std::string> roots;     // absolute paths
  std::vector<std::string> excludes;  // fnmatch globs (policy + command line)
  int jobs = 2;
  RecordCache* cache = nullptr;  // optional (the state database): reuse and remember records
};

// Live counters for a progress line; read from another thread.
struct SweepProgress {
  std::atomic<uint64_t> files{0};
  std::atomic<uint64_t> bytes{0};
  std::atomic<uint64_t> reused{0};  // top-level files whose records came from the cache
  std::atomic<bool> stop{false};    // set (e.g. by SIGINT) to end the sweep early, cleanly

  // The folder the walk is in (set by the walk stage when it changes; any thread may read).
  void SetFolder(std::string_view folder) {
    std::lock_guard<std::mutex> lock(folder_mutex_);
    folder_.assign(folder);
  }
  std::string Folder() const {
    std::lock_guard<std::mutex> lock(folder_mutex_);
    return folder_;
  }

 private:
  mutable std::mutex folder_mutex_;
  std::string folder_;
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
