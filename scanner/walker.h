// Walker: a depth-first walk of the scanned roots that never follows a symbolic link, never
// enters a directory twice (bind mounts, loops), never opens FIFOs, sockets or devices, and
// reports what it cannot enter. Only one directory handle is open at a time, so 3,000-level
// trees and huge directories cost no descriptors. Not thread-safe; the pipeline calls Next()
// from one serial stage.
#pragma once
#include <sys/stat.h>

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace datasweep {

struct WalkEntry {
  std::string path;       // real path on this machine
  struct stat st {};      // lstat() of the entry (st_mode tells regular/dir/link/FIFO/…)
  int error = 0;          // errno when the entry could not be read or a directory not listed
  std::string note;       // why it is not scanned ("symbolic link not followed", …)
};

class Walker {
 public:
  // `excludes`: fnmatch globs; a match on the path (or on the name for globs without '/')
  // skips the entry and, for a directory, everything below it.
  Walker(std::vector<std::string> roots, std::vector<std::string> excludes);
  // The next entry to report: regular files, plus anything that needs a record of its own
  // (links, special files, unreadable directories). False when the walk is over.
  bool Next(WalkEntry* out);
  uint64_t DirectoriesSeen() const { return dirs_seen_; }

 private:
  bool Excluded(const std::string& path) const;
  void ListDirectory(const std::string& path, WalkEntry* failure);

  std::vector<std::string> excludes_;
  std::vector<std::string> pending_;          // LIFO: depth-first, bounded by tree breadth
  std::set<std::pair<dev_t, ino_t>> visited_dirs_;
  uint64_t dirs_seen_ = 0;
};

}  // namespace datasweep
