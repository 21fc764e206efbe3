#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <random>

namespace datasweep {

std::unique_ptr<OutputFile> OutputFile::Open(const std::string& path, std::string* error) {
  std::unique_ptr<OutputFile> out(new OutputFile);
  if (path.empty() || path == "-") {
    out->stdout_ = true;
    return out;
  }
  out->target_ = path;
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) {
      *error = "cannot write report " + path + ": it is a folder";
      return nullptr;
    }
    out->direct_ = true;
    out->file_.open(path, std::ios::binary);
    if (!out->file_) {
      *error = "cannot open report " + path + ": " + std::strerror(errno);
      return nullptr;
    }
    return out;
  }
  std::random_device rd;
  for (int attempt = 0; attempt < 10; ++attempt) {
    out->temp_ = path + ".tmp." + std::to_string(rd() % 1000000);
    const int fd =
        ::open(out->temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
      ::fchmod(fd, 0600);  // whatever the umask
      ::close(fd);
      out->file_.open(out->temp_, std::ios::binary | std::ios::trunc);
      if (!out->file_) break;
      return out;
    }
    if (errno != EEXIST) break;
  }
  *error = "cannot create report " + path + ": " + std::strerror(errno);
  if (!out->temp_.empty()) ::unlink(out->temp_.c_str());
  out->temp_.clear();
  return nullptr;
}

std::ostream& OutputFile::Stream() {
  if (stdout_) return std::cout;
  return file_;
}

bool OutputFile::Commit(std::string* error) {
  errno = 0;
  if (stdout_) {
    std::cout.flush();
    if (!std::cout) {
      *error = std::string("writing the report to standard output failed") +
               (errno ? std::string(": ") + std::strerror(errno) : "") +
               "; the report is incomplete";
      return false;
    }
    return true;
  }
  file_.flush();
  const bool ok = static_cast<bool>(file_);
  const int flush_errno = errno;
  file_.close();
  if (!ok || file_.fail()) {
    *error = "writing report " + target_ +
             " failed: " + (flush_errno ? std::strerror(flush_errno) : "write error (disk full?)") +
             (direct_ ? "; the report is incomplete" : "; no report was written");
    return false;
  }
  if (direct_) {
    committed_ = true;
    return true;
  }
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    *error = "writing report " + target_ + " failed: " + std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return false;
  }
  ::close(fd);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    *error = "cannot move report into place at " + target_ + ": " + std::strerror(errno);
    return false;
  }
  committed_ = true;
  return true;
}

OutputFile::~OutputFile() {
  if (!stdout_ && !committed_ && !temp_.empty()) {
    file_.close();
    ::unlink(temp_.c_str());
  }
}

}  // namespace datasweep
