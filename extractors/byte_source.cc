#include "extractors/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace datasweep {

bool ByteSource::ReadPrefix(std::string& out, uint64_t max) const {
  const uint64_t want = std::min<uint64_t>(max, Size());
  out.resize(want);
  uint64_t got = 0;
  while (got < want) {
    const int64_t n = ReadAt(got, out.data() + got, want - got);
    if (n < 0) return false;
    if (n == 0) break;  // the file shrank while being read
    got += n;
  }
  out.resize(got);
  return true;
}

std::unique_ptr<FileByteSource> FileByteSource::Open(const std::string& path) {
  const int base = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
  // O_NOATIME is refused (EPERM) on files we do not own unless we hold CAP_FOWNER.
  int fd = ::open(path.c_str(), base | O_NOATIME);
  if (fd < 0 && errno == EPERM) fd = ::open(path.c_str(), base);
  if (fd < 0) return nullptr;
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    const int e = errno;
    ::close(fd);
    errno = e;
    return nullptr;
  }
  if (!S_ISREG(st.st_mode)) {  // raced into a FIFO or device: never read it
    ::close(fd);
    errno = EINVAL;
    return nullptr;
  }
  // Regular files never block; clear O_NONBLOCK so reads behave normally.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<FileByteSource>(new FileByteSource(fd, st.st_size));
}

FileByteSource::~FileByteSource() { ::close(fd_); }

int64_t FileByteSource::ReadAt(uint64_t offset, char* buf, size_t n) const {
  for (;;) {
    const ssize_t r = ::pread(fd_, buf, n, static_cast<off_t>(offset));
    if (r < 0 && errno == EINTR) continue;
    return r;
  }
}

int64_t MemoryByteSource::ReadAt(uint64_t offset, char* buf, size_t n) const {
  if (offset >= data_.size()) return 0;
  const size_t k = std::min<uint64_t>(n, data_.size() - offset);
  std::memcpy(buf, data_.data() + offset, k);
  return static_cast<int64_t>(k);
}

}  // namespace datasweep
