// Walker: a depth-first walk of the scanned roots that never follows a symbolic link, never
// enters a directory twice (bind mounts, loops), never opens FIFOs, sockets or devices, and
// reports what it cannot enter.
//
// Each directory is opened once (O_DIRECTORY|O_NOFOLLOW, relative to its parent's descriptor)
// and everything in it is looked at relative to that descriptor (fstatat, openat). Only a root
// is resolved by its full path. So a parent swapped for a symbolic link during the walk cannot
// redirect it outside the tree, and no per-file full-path lookup is paid. Entries are still
// reported by their full path as walked.
//
// Descriptors: at most kMaxOpenDirs directories of the current branch stay open; deeper trees
// close the shallowest ones and reopen them on the way back up through "..", checked by device
// and inode. So 3,000-level trees and huge directories cost a bounded number of descriptors.
//
// Not thread-safe; the pipeline calls Next() from one serial stage.
#pragma once
#include <sys/stat.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace datasweep {

struct WalkEntry {
  std::string path;   // real path on this machine
  struct stat st {};  // lstat() of the entry (st_mode tells regular/dir/link/FIFO/…)
  int error = 0;      // errno when the entry could not be read or a directory not listed
  std::string note;   // why it is not scanned ("symbolic link not followed", …)
};

class Walker {
 public:
  static constexpr size_t kMaxOpenDirs = 64;

  // `excludes`: fnmatch globs; a match on the path (or on the name for globs without '/')
  // skips the entry and, for a directory, everything below it.
  Walker(std::vector<std::string> roots, std::vector<std::string> excludes);
  ~Walker();
  Walker(const Walker&) = delete;
  Walker& operator=(const Walker&) = delete;

  // The next entry to report: regular files, plus anything that needs a record of its own
  // (links, special files, unreadable directories). False when the walk is over.
  bool Next(WalkEntry* out);
  uint64_t DirectoriesSeen() const { return dirs_seen_; }

 private:
  struct Child {
    std::string name;
    unsigned char type;  // d_type; DT_UNKNOWN when the file system does not say
  };
  struct Frame {
    std::string path;
    int fd = -1;  // -1 while closed to stay within kMaxOpenDirs
    dev_t dev = 0;
    ino_t ino = 0;
    std::vector<Child> children;  // ascending by name
    size_t next = 0;
  };
  enum class Entered { kYes, kSkipped, kNotDirectory, kFailed };

  bool Excluded(const std::string& path, std::string_view name) const;
  // Opens directory `name` relative to `parent_fd` and pushes it. `e->st` is the lstat of the
  // entry if already known (st_mode != 0). kFailed leaves the error in `e`; kNotDirectory
  // means it is not a directory (any more) and `e->st` says what it is.
  Entered Enter(int parent_fd, const char* name, WalkEntry* e);
  bool ReadChildren(int fd, std::vector<Child>* children);
  // Drops the finished top frame and makes sure the new top frame's descriptor is open.
  void Pop();
  bool NextRoot(WalkEntry* out);
  static void Classify(WalkEntry* e);

  std::vector<std::string> roots_;  // LIFO: last element is walked next
  std::vector<std::string> excludes_;
  std::vector<Frame> stack_;
  size_t first_open_ = 0;            // frames below this index have their descriptor closed
  std::unique_ptr<char[]> buffer_;   // getdents64 buffer
  std::vector<WalkEntry> deferred_;  // errors found while popping, reported next
  std::set<std::pair<dev_t, ino_t>> visited_dirs_;
  uint64_t dirs_seen_ = 0;
};

}  // namespace datasweep
