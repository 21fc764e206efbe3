// RecordCache: what the pipeline asks before scanning a file and tells after — the hook through
// which the state database makes a re-sweep skip unchanged files and makes a sweep resumable.
// The pipeline never depends on how records are kept.
#pragma once
#include <cstdint>
#include <fstream>
#include <string>
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
  // It may set `*hint` (initially 0), which is handed back to Done for the same entry: what it
  // found, so Done need not search again.
  virtual bool Lookup(const WalkEntry& entry, std::vector<Record>* records, uintptr_t* hint) = 0;
  // Called from the serial stage, one top-level entry at a time, after its records were
  // written: `reused` tells whether they came from Lookup; `scan_started_ns` is the coarse
  // wall-clock time taken just before the file was opened (0 when reused); `hint` what Lookup
  // set (0 when Lookup was not called).
  virtual void Done(const WalkEntry& entry, const std::vector<Record>& records, bool reused,
                    int64_t scan_started_ns, uintptr_t hint) = 0;
};

// A RecordCache that forwards to another and logs, per top-level entry, "reused\tPATH" or
// "scanned\tPATH" to a file: how tests prove that a re-sweep or a resumed sweep did not open a
// file (`datasweep scan` enables it when DATASWEEP_TRACE_STATE names a file).
class TracingCache final : public RecordCache {
 public:
  TracingCache(RecordCache* inner, const std::string& log_path)
      : inner_(inner), log_(log_path, std::ios::app) {}
  bool Lookup(const WalkEntry& entry, std::vector<Record>* records, uintptr_t* hint) override {
    return inner_->Lookup(entry, records, hint);
  }
  void Done(const WalkEntry& entry, const std::vector<Record>& records, bool reused,
            int64_t scan_started_ns, uintptr_t hint) override {
    inner_->Done(entry, records, reused, scan_started_ns, hint);
    // Flushed per line: a test that SIGKILLs the sweep reads what it had done up to then.
    log_ << (reused ? "reused\t" : "scanned\t") << entry.path << std::endl;
  }

 private:
  RecordCache* inner_;
  std::ofstream log_;
};

}  // namespace datasweep
