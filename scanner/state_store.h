// StateStore: the state database behind `--state FILE` (SPEC §6) — SQLite in WAL mode holding
// every sweep and, per file and sweep, the records it produced, so that
//  * a re-sweep does not open a file whose identity (device+inode, path), size, mtime and ctime
//    are unchanged under the same settings fingerprint: its records come from the state;
//  * a sweep stopped by SIGINT, SIGTERM, SIGKILL or power loss resumes: each file's records and
//    its "done" mark commit in one transaction, and the next run with the same roots and
//    settings continues the same sweep, re-reading nothing already committed;
//  * `datasweep diff` and `datasweep report --state` read any stored sweep.
// The state holds records only — masked samples, never raw values — and is created 0600.
// One process sweeps a state at a time: an flock on "<FILE>.lock", released by the kernel if the
// process dies; a second sweep is refused with StateLocked. Readers (report, diff) take no lock.
//
// Thread-safety: Lookup() may be called from any number of threads at once (it reads an index
// built at BeginSweep and per-thread read connections); every other method from one thread.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "scanner/file_scanner.h"
#include "scanner/record_cache.h"
#include "scanner/sqlite_db.h"

namespace datasweep {

// Another process holds the state's lock.
class StateLocked : public StateError {
 public:
  using StateError::StateError;
};

struct SweepInfo {
  int64_t id = 0;
  int64_t started = 0;   // seconds since the epoch
  int64_t finished = 0;  // 0 while not complete
  std::vector<std::string> roots;
  std::string fingerprint;
  std::string status;    // "running", "complete" or "interrupted"
  double elapsed_s = 0;  // summed over the runs of a resumed sweep
  int64_t runs = 1;      // 1 + the number of times it was resumed
};

class StateStore final : public RecordCache {
 public:
  enum class Mode { kSweep, kRead };
  static constexpr int kSchemaVersion = 2;

  // kSweep: creates (0600) or migrates the state and takes the exclusive lock (throws
  // StateLocked when another process holds it). kRead: opens an existing state read-only.
  // Throws StateError on any failure, with a message for the user.
  static std::unique_ptr<StateStore> Open(const std::string& path, Mode mode);
  ~StateStore() override;

  // The fingerprint of everything a record depends on besides the file and where it is: the
  // policy, the enabled detectors and the scanner binary itself. Locations are not part of it:
  // they are checked per file (see BeginSweep), so declaring a new location re-scans only the
  // files below it.
  static std::string SettingsFingerprint(const ScanEnvironment& env);

  // Starts a sweep, or resumes the latest one when it did not complete and has the same roots
  // and fingerprint (`*resumed` tells which). `now` (seconds) decides whether stored records
  // with a time-dependent verdict (stale e-mail) may still be reused. When `locations` is given
  // (it must outlive the sweep), stored records are reused only if the file still maps to the
  // same location and display path.
  SweepInfo BeginSweep(const std::vector<std::string>& roots, const std::string& fingerprint,
                       int64_t now, bool* resumed, const LocationTable* locations = nullptr);
  bool Lookup(const WalkEntry& entry, std::vector<Record>* records, uintptr_t* hint) override;
  void Done(const WalkEntry& entry, const std::vector<Record>& records, bool reused,
            int64_t scan_started_ns, uintptr_t hint) override;
  // Commits what is pending and closes the current sweep: complete (files under its roots not
  // seen are marked gone) or interrupted (resumable).
  void FinishSweep(bool complete, double elapsed_s);

  // Reading.
  std::vector<SweepInfo> Sweeps();  // oldest first
  // Records of sweep `id` ordered by path, each file's members before the file itself.
  void ForEachRecord(int64_t sweep, const std::function<void(const Record&)>& fn);
  // For each file whose stored result differs between sweeps `a` and `b` (absent from one
  // counts as different): its records in a and in b (empty when absent), ordered by path.
  // Files whose id is in `skip` are left out.
  using FilePairFn = std::function<void(std::vector<Record>&&, std::vector<Record>&&)>;
  void ForEachChangedFile(int64_t a, int64_t b, const FilePairFn& fn,
                          const std::vector<int64_t>& skip = {});
  // Files moved or renamed between sweeps `a` and `b`: a path only in `a` and a path only in
  // `b` with the same identity (device, inode, size and mtime — a rename keeps them). Calls
  // `fn` with the records at the old and the new path; returns the file ids of both sides.
  std::vector<int64_t> ForEachMovedFile(int64_t a, int64_t b, const FilePairFn& fn);
  // The summary of a stored sweep, recomputed from its records.
  Summary SummaryOf(const SweepInfo& sweep);

 private:
  struct Known;  // a file as the last sweep left it
  class KnownIndex;
  struct Reader;
  StateStore(const std::string& path, Mode mode);
  void LoadIndex(const std::string& fingerprint);  // on its own thread and connection
  void WaitIndex();                                // until LoadIndex is done
  void CommitIfDue(bool force);
  void InsertDoneMarks();  // of the files done since the last call
  void ReleaseReaders();   // ends the per-thread read transactions (after the pipeline)
  int64_t FileId(const std::string& path, const Known* known);

  std::string path_;
  Mode mode_;
  int lock_fd_ = -1;
  std::unique_ptr<SqliteDb> db_;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Decodes the stored form of a file's records (a JSON array of SPEC §5 objects).
std::vector<Record> DecodeRecords(std::string_view stored);

}  // namespace datasweep
