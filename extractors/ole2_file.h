// Ole2File: an OLE2 / Compound File Binary container (legacy Office, Outlook .msg, .msi) opened
// with libgsf from a ByteSource without copying (files are mapped read-only; members are used in
// place). Streams are read by name with a byte cap. Not thread-safe.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extractors/extractor.h"

typedef struct _GsfInput GsfInput;
typedef struct _GsfInfile GsfInfile;

namespace datasweep {

// Owns one GObject reference.
struct GObjectUnref {
  void operator()(void* p) const;
};
using GsfInputPtr = std::unique_ptr<GsfInput, GObjectUnref>;

class Ole2File {
 public:
  // nullptr with `error` set when the bytes are not a readable compound file.
  static std::unique_ptr<Ole2File> Open(const ByteSource& in, std::string& error);
  ~Ole2File();
  Ole2File(const Ole2File&) = delete;
  Ole2File& operator=(const Ole2File&) = delete;

  GsfInfile* Root() const { return root_; }
  // Names of the direct children of `dir` (a storage).
  static std::vector<std::string> Children(GsfInfile* dir);
  // A child storage or stream; nullptr when absent.
  static GsfInputPtr Child(GsfInfile* dir, const std::string& name);
  static bool IsStorage(GsfInput* input);
  // The whole stream `name` of `dir`, at most `cap` bytes (`truncated` set when longer).
  static std::optional<std::string> ReadStream(GsfInfile* dir, const std::string& name,
                                               uint64_t cap, bool* truncated = nullptr);
  // Reads `n` bytes at `offset` of an open stream; false when out of range.
  static bool ReadAt(GsfInput* stream, uint64_t offset, size_t n, std::string& out);

 private:
  Ole2File() = default;
  void* map_ = nullptr;
  uint64_t map_size_ = 0;
  GsfInput* input_ = nullptr;
  GsfInfile* root_ = nullptr;
};

// Per-format readers over an open container (doc_extractor.cc, msg_extractor.cc).
Outcome ExtractDoc(Ole2File& file, ExtractContext& ctx, TextSink& out);
Outcome ExtractMsg(Ole2File& file, ExtractContext& ctx, TextSink& out);
// XLS needs the source itself: libfreexl reads from a path (xls_extractor.cc).
Outcome ExtractXls(const ByteSource& in, ExtractContext& ctx, TextSink& out);

}  // namespace datasweep
