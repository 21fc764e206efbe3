#include "scanner/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace datasweep {

Walker::Walker(std::vector<std::string> roots, std::vector<std::string> excludes)
    : excludes_(std::move(excludes)) {
  // Reverse so that the first root is walked first.
  pending_.assign(roots.rbegin(), roots.rend());
}

bool Walker::Excluded(const std::string& path) const {
  const size_t slash = path.rfind('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  for (const auto& g : excludes_) {
    if (fnmatch(g.c_str(), path.c_str(), 0) == 0) return true;
    if (g.find('/') == std::string::npos && fnmatch(g.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

void Walker::ListDirectory(const std::string& path, WalkEntry* failure) {
  // O_NOFOLLOW|O_DIRECTORY: a directory swapped for a link between lstat and open is refused.
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_NOATIME);
  const int dfd = fd >= 0 ? fd : ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dfd < 0) {
    failure->error = errno;
    return;
  }
  DIR* dir = ::fdopendir(dfd);
  if (!dir) {
    failure->error = errno;
    ::close(dfd);
    return;
  }
  std::vector<std::string> children;
  errno = 0;
  while (const dirent* e = ::readdir(dir)) {
    const std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    children.push_back(path == "/" ? "/" + std::string(name) : path + "/" + std::string(name));
  }
  ::closedir(dir);
  // Sorted descending so that popping from the back visits names in ascending order.
  std::sort(children.begin(), children.end(), std::greater<>());
  pending_.insert(pending_.end(), std::make_move_iterator(children.begin()),
                  std::make_move_iterator(children.end()));
}

bool Walker::Next(WalkEntry* out) {
  while (!pending_.empty()) {
    std::string path = std::move(pending_.back());
    pending_.pop_back();
    if (Excluded(path)) continue;
    WalkEntry e;
    e.path = std::move(path);
    if (::lstat(e.path.c_str(), &e.st) != 0) {
      e.error = errno;  // vanished, permission denied on the parent, name too long
      *out = std::move(e);
      return true;
    }
    if (S_ISDIR(e.st.st_mode)) {
      if (!visited_dirs_.insert({e.st.st_dev, e.st.st_ino}).second) continue;  // loop or bind mount
      ++dirs_seen_;
      ListDirectory(e.path, &e);
      if (e.error) {
        *out = std::move(e);  // an unreadable folder gets a record of its own
        return true;
      }
      continue;
    }
    if (S_ISLNK(e.st.st_mode)) e.note = "symbolic link not followed";
    else if (S_ISFIFO(e.st.st_mode)) e.note = "named pipe (FIFO) not opened";
    else if (S_ISSOCK(e.st.st_mode)) e.note = "socket not opened";
    else if (S_ISCHR(e.st.st_mode) || S_ISBLK(e.st.st_mode)) e.note = "device not opened";
    else if (!S_ISREG(e.st.st_mode)) e.note = "not a regular file";
    *out = std::move(e);
    return true;
  }
  return false;
}

}  // namespace datasweep
