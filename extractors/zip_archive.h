// ZipArchive: a libzip archive read from any ByteSource through a custom zip_source, so that
// file-backed and in-memory zips share one code path and nothing is copied or written to disk.
// ZipEntryStream reads one entry while counting inflated bytes as they arrive (declared sizes are
// never trusted) and stops at a byte cap or when the inflation ratio marks a bomb.
// Not thread-safe: one archive per extraction.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "extractors/byte_source.h"
#include "extractors/extractor.h"

struct zip;
struct zip_file;

namespace datasweep {

struct ZipEntryInfo {
  std::string name;
  uint64_t size = 0;       // declared (may lie)
  uint64_t comp_size = 0;  // declared compressed size
  bool is_dir = false;
  bool encrypted = false;
  std::optional<int64_t> mtime;
};

// Why a ZipEntryStream stopped.
enum class ZipStop { kNone, kEnd, kCap, kRatio, kError };

class ZipEntryStream {
 public:
  ~ZipEntryStream();
  ZipEntryStream(const ZipEntryStream&) = delete;
  ZipEntryStream& operator=(const ZipEntryStream&) = delete;

  // Reads up to `n` bytes; 0 once the entry ends or a limit stops it (see Stop()), -1 on error.
  int64_t Read(char* buf, size_t n);
  ZipStop Stop() const { return stop_; }
  uint64_t Inflated() const { return inflated_; }
  // A human-readable reason when Stop() is kCap, kRatio or kError.
  std::string StopReason() const;

 private:
  friend class ZipArchive;
  ZipEntryStream(zip_file* file, uint64_t comp_size, uint64_t cap, uint32_t max_ratio)
      : file_(file), comp_size_(comp_size), cap_(cap), max_ratio_(max_ratio) {}
  zip_file* file_;
  uint64_t comp_size_;
  uint64_t cap_;
  uint32_t max_ratio_;
  uint64_t inflated_ = 0;
  ZipStop stop_ = ZipStop::kNone;
  std::string error_;
};

class ZipArchive {
 public:
  // Opens the zip in `in` (which must outlive the archive). nullptr with `error` set when the
  // bytes are not a readable zip.
  static std::unique_ptr<ZipArchive> Open(const ByteSource& in, std::string& error);
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  uint64_t NumEntries() const;
  bool Stat(uint64_t index, ZipEntryInfo& info) const;
  std::optional<uint64_t> Locate(std::string_view name) const;
  // Opens entry `index` for reading at most `cap` inflated bytes with the ratio limit of
  // `max_ratio`; nullptr with `error` set when it cannot be opened (encrypted, bad method).
  std::unique_ptr<ZipEntryStream> OpenEntry(uint64_t index, uint64_t cap, uint32_t max_ratio,
                                            std::string& error);
  // Reads a whole (small) entry into `out`, up to `cap` bytes. False when missing or unreadable.
  bool ReadSmall(std::string_view name, uint64_t cap, std::string& out);

 private:
  explicit ZipArchive(zip* z) : zip_(z) {}
  zip* zip_;
};

// Reads an entry into an EmbeddedMember, honouring max_member_bytes, the inflate budget and the
// ratio limit (a stop sets `truncated`). `why` receives the reason when truncated or failed.
// Returns false when the entry cannot be read at all.
bool ReadZipMember(ZipArchive& zip, uint64_t index, const ZipEntryInfo& info,
                   const ExtractContext& ctx, EmbeddedMember& member, std::string& why);

}  // namespace datasweep
