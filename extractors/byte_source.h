// ByteSource: read-only access to the bytes of one file or one in-memory archive member.
// A FileByteSource never modifies what it reads: O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY,
// plus O_NOATIME where the kernel allows it. Not thread-safe; one per scan.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace datasweep {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Size in bytes as known when opened (a file may still grow or shrink while read).
  virtual uint64_t Size() const = 0;
  // Reads up to `n` bytes at `offset` into `buf`. Returns bytes read (0 at end) or -1 with errno.
  virtual int64_t ReadAt(uint64_t offset, char* buf, size_t n) const = 0;
  // The whole content when it is memory-resident (archive members); nullptr for files.
  virtual const std::string* Memory() const { return nullptr; }
  // An open read-only descriptor for file-backed sources (for libraries that take an fd), else -1.
  virtual int Fd() const { return -1; }

  // Reads at most `max` bytes from the start into `out`. False on an I/O error (errno set).
  bool ReadPrefix(std::string& out, uint64_t max) const;
};

// A file on disk, opened read-only without following a final symlink and without blocking.
class FileByteSource final : public ByteSource {
 public:
  // Opens `path`; on failure returns nullptr and sets errno.
  static std::unique_ptr<FileByteSource> Open(const std::string& path);
  ~FileByteSource() override;
  FileByteSource(const FileByteSource&) = delete;
  FileByteSource& operator=(const FileByteSource&) = delete;

  uint64_t Size() const override { return size_; }
  int64_t ReadAt(uint64_t offset, char* buf, size_t n) const override;
  int Fd() const override { return fd_; }

 private:
  FileByteSource(int fd, uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  uint64_t size_;
};

// Bytes already in memory: an archive member, an attachment, a test fixture.
class MemoryByteSource final : public ByteSource {
 public:
  explicit MemoryByteSource(std::string data) : data_(std::move(data)) {}
  uint64_t Size() const override { return data_.size(); }
  int64_t ReadAt(uint64_t offset, char* buf, size_t n) const override;
  const std::string* Memory() const override { return &data_; }

 private:
  std::string data_;
};

}  // namespace datasweep
