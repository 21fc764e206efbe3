// The extractor interface: one extractor per format turns bytes into a stream of text chunks
// and table cells (Tika's Parser + SAX events; ripgrep's Sink). Adding a format is one
// `<format>_extractor.cc` plus one line in extractors/extractor_list.inc.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "extractors/byte_source.h"
#include "extractors/scan_limits.h"
#include "extractors/scan_status.h"

namespace datasweep {

// A table cell's position. Rows and columns are 0-based; the consumer decides which row is the
// header (usually the first non-empty one). `sheet` is "" for single-table files (CSV).
struct CellRef {
  std::string_view sheet;
  uint32_t row = 0;
  uint32_t col = 0;
};

// Receives extracted content in document order. Not thread-safe; one per file being scanned.
// Text may arrive in chunks of any size; a chunk boundary may fall inside a word or a number,
// and the consumer is responsible for finding matches that straddle it.
class TextSink {
 public:
  virtual ~TextSink() = default;
  // A run of prose text in UTF-8. `where` names the part ("page 3", "word/document.xml",
  // "slide 2", "body"); "" when the file has no parts. Returns false to stop extraction.
  virtual bool OnText(std::string_view utf8, std::string_view where) = 0;
  // One table cell's text in UTF-8 (CSV, XLSX, ODS, DOCX tables). Returns false to stop.
  virtual bool OnCell(const CellRef& cell, std::string_view utf8) = 0;
  // A fact about the file that is not text but matters to the rules: "photo" ("yes"),
  // "camera" ("Canon EOS 5D"), "executable" ("PE32"), "email_date" (RFC 3339), "encrypted_parts".
  virtual void OnAttribute(std::string_view key, std::string_view value) {
    (void)key;
    (void)value;
  }
};

// A member of a container (archive entry, e-mail attachment) handed back to the pipeline.
struct EmbeddedMember {
  std::string name;            // path inside the container: "folder/inner.docx"
  std::string data;            // inflated bytes (at most Limits().max_member_bytes)
  uint64_t declared_size = 0;  // the size the container claims (may lie)
  uint64_t compressed_size = 0;
  std::optional<int64_t> mtime;  // seconds since the epoch, when the container says
  bool truncated = false;        // data stops at a limit; the member becomes `partial`
};

// The recursion context an extractor sees (ClamAV's cli_ctx + Tika's EmbeddedDocumentExtractor).
// Implemented by the scanner, so extractors never depend on scanner/. Not thread-safe.
class ExtractContext {
 public:
  virtual ~ExtractContext() = default;
  virtual const ScanLimits& Limits() const = 0;
  // Nesting depth of the file being extracted: 0 for a file on disk.
  virtual uint32_t Depth() const = 0;
  // True once the wall-clock budget of the top-level file is spent; long loops must check it.
  virtual bool Expired() const = 0;
  // Bytes a container may still inflate before max_total_inflated is hit.
  virtual uint64_t InflateBudget() const = 0;
  // Scans a member through the full pipeline (type detection, extraction, detection) as its
  // own record `outer!/name`. Returns false when the member was refused by a limit (depth,
  // count, total size, time): the container should then stop and report `partial`.
  virtual bool ScanEmbedded(EmbeddedMember member) = 0;
  // Records a member that could not be extracted (an encrypted entry, a corrupt one) so it
  // still gets its own record with that status.
  virtual void ReportMember(std::string_view name, uint64_t size, const Outcome& outcome) = 0;
  // Runs body(0) … body(count - 1) and returns when all have run, possibly several at once on
  // other threads: for a large file's independent parts (a PDF's pages). `body` may call
  // Expired() and Limits() only, never the TextSink. By default they run in order, here.
  virtual void ForEach(size_t count, const std::function<void(size_t)>& body) {
    for (size_t i = 0; i < count; ++i) body(i);
  }
};

// Turns the bytes of the media types it declares into text. Implementations are stateless and
// const, shared by all threads; per-call state lives on the stack or in the context.
class Extractor {
 public:
  virtual ~Extractor() = default;
  // A stable name for logs and tests: "ZipExtractor".
  virtual std::string_view Name() const = 0;
  // Media types handled, exact ("application/pdf") or a family prefix ending in '/' ("text/").
  virtual std::vector<std::string_view> MediaTypes() const = 0;
  // Extracts `in` to `out`. Returns what was inspected: complete, or partial / encrypted /
  // unsupported / error with the reason. Must never throw; must honour ctx.Expired().
  virtual Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const = 0;
};

}  // namespace datasweep
