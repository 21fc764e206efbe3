// RecordCache: what the pipeline asks before scanning a file and tells after — the hook through
// which the state database makes a re-sweep skip unchanged files and makes a sweep resumable.
// The pipeline never depends on how records are kept.
#pragma once
#include <cstdint>
#include <vector>

#include "scanner/record.h"
#include "scanner/walker.h"

namespace datasweep {

class RecordCache {
 public:
  virtual ~RecordCache() = default;
  // Called from the parallel stage (must be thread-safe). For a regular file unchanged since
  // its records were stored (same identity, size, mtime, ctime, settings fingerprint), fills
  // `records` (members first, the file itself last) and returns true: the file is not opened.
  virtual bool Lookup(const WalkEntry& entry, std::vector<Record>* records) = 0;
  // Called from the serial stage, one top-level entry at a time, after its records were
  // written: `reused` tells whether they came from Lookup; `scan_started_ns` is the coarse
  // wall-clock time taken just before the file was opened (0 when reused).
  virtual void Done(const WalkEntry& entry, const std::vector<Record>& records, bool reused,
                    int64_t scan_started_ns) = 0;
};

}  // namespace datasweep
