// WalkAhead: runs a Walker on its own thread, up to `capacity` entries ahead of the consumer.
// The walk is a serial chain of getdents and fstatat calls; on its own thread it overlaps with
// everything else — the state database loading its index at the start of a re-sweep, and the
// per-file work of the pipeline — instead of being one of the pipeline's serial stages. The
// queue is bounded, so memory stays flat however large the tree.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

#include "scanner/walker.h"

namespace datasweep {

class WalkAhead {
 public:
  // Starts walking at once. `walker` must outlive this object.
  WalkAhead(Walker& walker, size_t capacity);
  ~WalkAhead();  // stops the walk and joins the thread
  WalkAhead(const WalkAhead&) = delete;
  WalkAhead& operator=(const WalkAhead&) = delete;

  // The next entry in walk order; nullptr when the walk is over. Rethrows what the walker
  // threw. Call from one thread at a time.
  std::unique_ptr<WalkEntry> Next();

 private:
  using Clock = std::chrono::steady_clock;
  static constexpr size_t kBatch = 64;  // entries per hand-over
  static constexpr std::chrono::milliseconds kMaxDelay{5};

  void Run();

  Walker& walker_;
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<std::unique_ptr<WalkEntry>> queue_;
  bool done_ = false;     // the walker has no more entries (or threw)
  bool stopped_ = false;  // the consumer wants no more
  std::exception_ptr error_;
  std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace datasweep
