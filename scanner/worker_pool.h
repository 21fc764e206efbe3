// WorkerPool: long-lived parser worker processes, one file in flight per worker (Tika Pipes'
// forked-child model). A worker is the datasweep binary itself exec'd in its hidden mode
// (`datasweep __worker FD PPID`, see scanner/isolation_worker.h) through posix_spawn — never a
// bare fork, because the sweep already runs TBB threads. It gets the policy once, then scans
// one top-level file per request (members included) under rlimits, and streams its records
// back (scanner/worker_protocol.h). The parent enforces the wall-clock budget with SIGKILL.
//
// Thread-safety: Run() may be called from any number of threads; at most `size` workers exist,
// and a caller waits for a free one. Workers are spawned from one long-lived thread the pool
// owns, so PR_SET_PDEATHSIG (which fires when the spawning *thread* ends) kills them only when
// the pool — or the whole process — goes away.
#pragma once
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "scanner/record.h"

namespace datasweep {

struct WorkerConfig {
  std::string executable = "/proc/self/exe";  // a binary that understands `__worker`
  std::string policy_yaml;                    // the sweep's policy text (parsed by the worker)
  int64_t now = 0;                            // the sweep's reference time
  uint64_t memory_limit = 2ull << 30;         // RLIMIT_AS of a worker, bytes
  uint32_t max_seconds = 120;                 // per-file budget (policy limits.max_seconds)
  uint32_t grace_seconds = 5;                 // extra time before the SIGKILL
  uint32_t recycle_after = 5000;              // files per worker before a fresh one (leaks)
  // Threads a worker may scan one large file's text on while its parser runs (the sweep's -j):
  // a batch of windows or rows is scanned by the others while the parser reads the next.
  uint32_t threads = 1;
};

// What happened to one request.
struct WorkerResult {
  enum class Kind {
    kOk,           // `self` and `members` hold the records
    kCrashed,      // killed by a signal or exited mid-file; `detail` says how
    kTimedOut,     // killed by the parent (wall clock) or by RLIMIT_CPU
    kOutOfMemory,  // the worker ran out of address space (RLIMIT_AS)
    kNoWorker,     // no worker could be started; `detail` says why
  };
  Kind kind = Kind::kOk;
  std::string detail;     // "signal 11: SIGSEGV", "exited with status 3", …
  std::string extractor;  // the extractor running when it failed ("" = the top-level one)
  std::string member;     // the member being extracted then ("" = the file itself)
  double seconds = 0;
  Record self;
  std::vector<Record> members;  // in emission order (members first, as in-process)
};

class WorkerPool {
 public:
  WorkerPool(WorkerConfig config, int size);
  ~WorkerPool();  // ends every worker (EOF, then SIGKILL after a short wait) and reaps it
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Scans the top-level file `request` (path, real_path, mime, location, … already set) in a
  // worker. `fresh` runs it in a newly started worker (the retry of a crashed file). Members
  // whose path is a key of `skip` are not extracted: their records are `error` with the
  // mapped reason (the retry of a file without the member that crashed it). Blocks until a
  // worker is free and the file is done or its budget is spent.
  using SkipList = std::map<std::string, std::string>;
  WorkerResult Run(const Record& request, bool fresh, const SkipList& skip = {});

  const WorkerConfig& Config() const { return config_; }
  // Workers started so far (for tests and the bench: reuse keeps this near `size`).
  uint64_t Spawned() const;

 private:
  struct Worker;
  class Spawner;
  std::unique_ptr<Worker> Acquire(bool fresh);
  void Release(std::unique_ptr<Worker> w, bool healthy);
  std::unique_ptr<Worker> StartWorker(std::string* error);
  WorkerResult Exchange(Worker& w, const Record& request, const SkipList& skip, bool* healthy);

  const WorkerConfig config_;
  const int size_;
  std::unique_ptr<Spawner> spawner_;
  mutable std::mutex mu_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Worker>> idle_;
  int live_ = 0;
  uint64_t spawned_ = 0;
};

// Ends `pid`: waits up to `wait` for it to exit by itself, then SIGKILLs it; returns the wait
// status. (Used for workers that closed their socket or were told to stop.)
int ReapWorker(pid_t pid, std::chrono::milliseconds wait);

// The environment a worker starts with: `parent` (null-terminated, like `environ`) plus a
// glibc tunable that enlarges malloc's per-thread cache, merged into a GLIBC_TUNABLES the user
// set; a tcache_count the user chose is left alone.
std::vector<std::string> WorkerEnvironment(const char* const* parent);

}  // namespace datasweep
