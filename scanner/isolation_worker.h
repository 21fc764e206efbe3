// The worker side of process isolation: `datasweep __worker FD PPID` (never typed by users).
// It reads the init frame from socket FD (policy YAML, reference time, memory limit), builds
// its own detectors and extractors, applies its rlimits (RLIMIT_AS from the policy,
// RLIMIT_CORE 0, RLIMIT_CPU re-armed per file as a backstop to the parent's wall-clock kill),
// then serves job frames one at a time until EOF: each job is one top-level file, opened
// read-only by path and scanned through the same FileScanner code as in-process.
#pragma once

namespace datasweep {

// The worker's socket descriptor (the pool puts it there; stdout goes to stderr).
inline constexpr int kWorkerSocketFd = 3;

// Exit statuses the parent recognises.
inline constexpr int kWorkerExitOutOfMemory = 86;  // operator new failed under RLIMIT_AS
inline constexpr int kWorkerExitBadStart = 87;     // bad arguments or init frame

// argv[0] is "__worker"; returns the process exit status.
int RunWorker(int argc, char** argv);

}  // namespace datasweep
