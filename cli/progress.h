// Progress for `datasweep scan` (SPEC §8, issue 5): on a terminal, one status line redrawn in
// place — files, bytes, rate, the folder being walked and, once a separate cheap walk of the
// same roots has counted them, percent and ETA. Nothing on a non-terminal or with --quiet. On
// SIGUSR1 (e.g. `kill -USR1 $(pidof datasweep)` from a scheduler), one status line is printed
// whatever the mode: the handler only sets a flag that the reporter thread polls.
//
// Thread-safety: a ProgressReporter owns one drawing thread (and, when live, one counting
// thread); Start/Stop are called from the thread that owns the reporter. It only reads the
// SweepProgress counters.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "scanner/pipeline.h"

namespace datasweep {

// What a status line shows; Format is a pure function of it.
struct ProgressSnapshot {
  uint64_t files = 0;
  uint64_t bytes = 0;
  double elapsed_s = 0;
  std::string folder;
  std::optional<uint64_t> total_files;  // set once the counting walk has finished
  std::optional<uint64_t> total_bytes;
};

// "12,345 files · 1.2 GB · 45.3 MB/s · 32% · ETA 2m10s · /srv/shares/staff/" cut to `width`
// columns (the folder is shortened from the left, keeping its end).
std::string FormatProgress(const ProgressSnapshot& s, size_t width);

class ProgressReporter {
 public:
  struct Options {
    bool live = false;               // redraw a status line (stderr is a terminal and not --quiet)
    std::vector<std::string> roots;  // for the counting walk (live only)
    std::vector<std::string> excludes;
    std::chrono::milliseconds interval{250};
    size_t width = 0;  // 0: the terminal's width (80 when unknown)
  };
  ProgressReporter(const SweepProgress& counters, std::ostream& out, Options options);
  ~ProgressReporter();  // Stop()s
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;

  // Installs the SIGUSR1 handler and starts the threads.
  void Start();
  // Ends the threads, erases a live line, restores the previous SIGUSR1 disposition.
  void Stop();
  ProgressSnapshot Snapshot() const;

 private:
  void Draw();
  void Count();

  const SweepProgress& counters_;
  std::ostream& out_;
  Options options_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<bool> done_{false};
  std::atomic<bool> counted_{false};
  std::atomic<uint64_t> total_files_{0}, total_bytes_{0};
  std::mutex wake_mutex_;  // with wake_: Stop() ends the drawing thread's wait at once
  std::condition_variable wake_;
  std::thread drawer_, counter_;
  bool drawn_ = false;  // drawing thread only
  bool started_ = false;
};

}  // namespace datasweep
