#include "scanner/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace datasweep {
namespace {

constexpr size_t kBufferSize = 64 * 1024;
constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// O_NOATIME keeps the walk from touching directory atimes; it is only permitted on directories
// the caller owns (or with CAP_FOWNER), so EPERM falls back to a plain open.
int OpenDir(int parent_fd, const char* name) {
  const int fd = ::openat(parent_fd, name, kDirFlags | O_NOATIME);
  if (fd >= 0 || errno != EPERM) return fd;
  return ::openat(parent_fd, name, kDirFlags);
}

std::string Join(const std::string& dir, std::string_view name) {
  std::string path;
  path.reserve(dir.size() + 1 + name.size());
  path += dir;
  if (dir != "/") path += '/';
  path += name;
  return path;
}

}  // namespace

Walker::Walker(std::vector<std::string> roots, std::vector<std::string> excludes)
    : roots_(roots.rbegin(), roots.rend()),  // reversed so that the first root is walked first
      excludes_(std::move(excludes)),
      buffer_(new char[kBufferSize]) {}

Walker::~Walker() {
  for (const Frame& f : stack_)
    if (f.fd >= 0) ::close(f.fd);
}

bool Walker::Excluded(const std::string& path, std::string_view name) const {
  if (excludes_.empty()) return false;
  const std::string base(name);
  for (const auto& g : excludes_) {
    if (fnmatch(g.c_str(), path.c_str(), 0) == 0) return true;
    if (g.find('/') == std::string::npos && fnmatch(g.c_str(), base.c_str(), 0) == 0) return true;
  }
  return false;
}

bool Walker::ReadChildren(int fd, std::vector<Child>* children) {
  for (;;) {
    const ssize_t n = ::getdents64(fd, buffer_.get(), kBufferSize);
    if (n < 0) return false;
    if (n == 0) break;
    for (ssize_t off = 0; off < n;) {
      const auto* d = reinterpret_cast<const struct dirent64*>(buffer_.get() + off);
      off += d->d_reclen;
      const std::string_view name = d->d_name;
      if (name == "." || name == "..") continue;
      children->push_back({std::string(name), d->d_type});
    }
  }
  // Ascending by bytes, as the names are walked front to back.
  std::sort(children->begin(), children->end(),
            [](const Child& a, const Child& b) { return a.name < b.name; });
  return true;
}

Walker::Entered Walker::Enter(int parent_fd, const char* name, WalkEntry* e) {
  const int fd = OpenDir(parent_fd, name);
  if (fd < 0) {
    const int err = errno;
    if (e->st.st_mode == 0 && ::fstatat(parent_fd, name, &e->st, AT_SYMLINK_NOFOLLOW) != 0) {
      e->error = errno;
      return Entered::kFailed;
    }
    // d_type said directory but it was swapped for a link or file since: report what it is.
    if (!S_ISDIR(e->st.st_mode)) return Entered::kNotDirectory;
    e->error = err;
    return Entered::kFailed;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    e->error = errno;
    ::close(fd);
    return Entered::kFailed;
  }
  if (!visited_dirs_.insert({st.st_dev, st.st_ino}).second) {  // loop or bind mount
    ::close(fd);
    return Entered::kSkipped;
  }
  ++dirs_seen_;
  Frame f;
  f.fd = fd;
  f.dev = st.st_dev;
  f.ino = st.st_ino;
  if (!ReadChildren(fd, &f.children)) {
    e->error = errno;
    e->st = st;
    ::close(fd);
    return Entered::kFailed;
  }
  f.path = std::move(e->path);
  stack_.push_back(std::move(f));
  // Keep the descriptors of the deepest kMaxOpenDirs frames; the rest reopen in Pop().
  if (stack_.size() - first_open_ > kMaxOpenDirs) {
    ::close(stack_[first_open_].fd);
    stack_[first_open_].fd = -1;
    ++first_open_;
  }
  return Entered::kYes;
}

void Walker::Pop() {
  const int child_fd = stack_.back().fd;
  stack_.pop_back();
  if (!stack_.empty() && stack_.back().fd < 0) {
    Frame& top = stack_.back();
    // ".." of the finished child is its parent unless the child was moved meanwhile; the
    // device and inode check refuses anything else, and the full path is the fallback.
    int fd = ::openat(child_fd, "..", kDirFlags);
    struct stat st {};
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (fd >= 0 && ::fstat(fd, &st) == 0 && st.st_dev == top.dev && st.st_ino == top.ino) break;
      if (fd >= 0) ::close(fd);
      fd = attempt == 0 ? OpenDir(AT_FDCWD, top.path.c_str()) : -1;
    }
    if (fd >= 0) {
      top.fd = fd;
      first_open_ = stack_.size() - 1;
    } else {
      // The folder was moved away during the walk: what is left of it is not walked.
      WalkEntry e;
      e.path = top.path;
      e.st.st_mode = S_IFDIR;
      e.st.st_dev = top.dev;
      e.st.st_ino = top.ino;
      e.error = ESTALE;
      deferred_.push_back(std::move(e));
      top.next = top.children.size();
    }
  }
  if (child_fd >= 0) ::close(child_fd);
  if (stack_.empty()) first_open_ = 0;
}

void Walker::Classify(WalkEntry* e) {
  const mode_t m = e->st.st_mode;
  if (S_ISLNK(m))
    e->note = "symbolic link not followed";
  else if (S_ISFIFO(m))
    e->note = "named pipe (FIFO) not opened";
  else if (S_ISSOCK(m))
    e->note = "socket not opened";
  else if (S_ISCHR(m) || S_ISBLK(m))
    e->note = "device not opened";
  else if (!S_ISREG(m))
    e->note = "not a regular file";
}

// Roots are the only paths resolved as a whole (the caller named them).
bool Walker::NextRoot(WalkEntry* out) {
  while (!roots_.empty() && stack_.empty()) {
    WalkEntry e;
    e.path = std::move(roots_.back());
    roots_.pop_back();
    const size_t slash = e.path.rfind('/');
    if (Excluded(e.path,
                 slash == std::string::npos ? e.path : std::string_view(e.path).substr(slash + 1)))
      continue;
    if (::lstat(e.path.c_str(), &e.st) != 0) {
      e.error = errno;
      *out = std::move(e);
      return true;
    }
    if (S_ISDIR(e.st.st_mode)) {
      const std::string path = e.path;  // Enter() moves e.path into the frame on success
      const Entered r = Enter(AT_FDCWD, path.c_str(), &e);
      if (r == Entered::kYes || r == Entered::kSkipped) continue;
      if (r == Entered::kFailed) {
        *out = std::move(e);  // an unreadable folder gets a record of its own
        return true;
      }
    }
    Classify(&e);
    *out = std::move(e);
    return true;
  }
  return false;
}

bool Walker::Next(WalkEntry* out) {
  for (;;) {
    if (!deferred_.empty()) {
      *out = std::move(deferred_.back());
      deferred_.pop_back();
      return true;
    }
    if (stack_.empty()) {
      if (NextRoot(out)) return true;
      if (stack_.empty()) return false;
      continue;
    }
    Frame& f = stack_.back();
    if (f.next == f.children.size()) {
      Pop();
      continue;
    }
    const Child& c = f.children[f.next++];
    const int dir_fd = f.fd;
    WalkEntry e;
    e.path = Join(f.path, c.name);
    if (Excluded(e.path, c.name)) continue;
    // The names stay in place while deeper frames are pushed (the vector's buffer moves
    // with the frame), but `f` itself may not.
    const std::string& name = c.name;
    bool is_dir = c.type == DT_DIR;
    if (!is_dir) {
      if (::fstatat(dir_fd, name.c_str(), &e.st, AT_SYMLINK_NOFOLLOW) != 0) {
        e.error = errno;  // vanished since the listing
        *out = std::move(e);
        return true;
      }
      is_dir = S_ISDIR(e.st.st_mode);
    }
    if (is_dir) {
      const Entered r = Enter(dir_fd, name.c_str(), &e);  // e.path is kept unless it is kYes
      if (r == Entered::kYes || r == Entered::kSkipped) continue;
      if (r == Entered::kFailed) {
        *out = std::move(e);  // an unreadable folder gets a record of its own
        return true;
      }
    }
    Classify(&e);
    *out = std::move(e);
    return true;
  }
}

}  // namespace datasweep
