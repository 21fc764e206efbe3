// PdfExtractor: text of every page through poppler's core API (TextOutputDev, text only, never
// rendering), one OnText per page labelled "page N". The bytes are mapped read-only
// (file-backed sources) or used in place (members), never copied. A PDF that needs a user
// password is `encrypted`; one with only an owner password (print/copy restrictions) is read.
// Embedded files (PDF portfolios, attachments) are scanned as members. poppler's own
// diagnostics are silenced.
// The core API rather than poppler-cpp: page::text_list() copied the XRef per page, converted
// every word through iconv twice and built a box per character, which made datasweep 1.7x
// slower than pdftotext on the same pages (docs/performance.md).
#include <Catalog.h>
#include <Error.h>
#include <FileSpec.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "extractors/charset_util.h"
#include "extractors/extractor.h"

namespace datasweep {
namespace {

void IgnorePopplerMessage(ErrorCategory, Goffset, const char*) {}

// poppler's process-wide set-up, done once: its global parameters (built-in text encodings,
// poppler-data CMaps) and a silent error callback.
void InitPopplerOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    setErrorCallback(IgnorePopplerMessage);
  });
}

// The bytes of a source as one contiguous read-only range: mmap for files, in place for members.
class MappedBytes {
 public:
  explicit MappedBytes(const ByteSource& in) {
    if (const std::string* m = in.Memory()) {
      data_ = m->data();
      size_ = m->size();
    } else if (in.Fd() >= 0 && in.Size() > 0) {
      void* p = ::mmap(nullptr, in.Size(), PROT_READ, MAP_PRIVATE, in.Fd(), 0);
      if (p != MAP_FAILED) {
        map_ = p;
        data_ = static_cast<const char*>(p);
        size_ = in.Size();
      }
    }
  }
  ~MappedBytes() {
    if (map_) ::munmap(map_, size_);
  }
  MappedBytes(const MappedBytes&) = delete;
  MappedBytes& operator=(const MappedBytes&) = delete;
  const char* data() const { return data_; }
  uint64_t size() const { return size_; }

 private:
  void* map_ = nullptr;
  const char* data_ = nullptr;
  uint64_t size_ = 0;
};

// Word gap (in units of the word's height) from which two words on one line stand in
// different table columns: a space is about a quarter of the font size, a column gap is
// several spaces wide.
constexpr double kColumnGap = 0.6;

// The page's text rebuilt from poppler's words in reading order: words on one line joined by
// a space, or by a tab where the gap between them is a column gap, so a table drawn on the page
// keeps its columns (classifiers/text_table.h reads them).
std::string PageText(TextWordList& words) {
  std::string text;
  const int n = words.getLength();
  for (int i = 0; i < n; ++i) {
    const TextWord* w = words.get(i);
    for (int k = 0; k < w->getLength(); ++k)
      if (const Unicode u = *w->getChar(k); u != 0) AppendUtf8(text, u);
    if (i + 1 == n) break;
    double ax0, ay0, ax1, ay1, bx0, by0, bx1, by1;
    w->getBBox(&ax0, &ay0, &ax1, &ay1);
    words.get(i + 1)->getBBox(&bx0, &by0, &bx1, &by1);
    const double height = std::max(ay1 - ay0, by1 - by0);
    const double a_mid = (ay0 + ay1) / 2, b_mid = (by0 + by1) / 2;
    const double gap = bx0 - ax1;
    if (std::abs(a_mid - b_mid) > height / 2 || gap < -height) {
      text.push_back('\n');  // the next word starts another line
    } else if (height > 0 && gap > kColumnGap * height) {
      text.push_back('\t');
    } else if (w->hasSpaceAfter() || gap > 0.1 * height) {
      text.push_back(' ');
    }
  }
  if (!text.empty()) text.push_back('\n');
  return text;
}

bool Expired(void* ctx) { return static_cast<ExtractContext*>(ctx)->Expired(); }

// The text of page `i`, or nullopt when the page cannot be read. The time limit also stops a
// single page whose content stream would run for ever.
std::optional<std::string> ReadPage(PDFDoc& doc, TextOutputDev& dev, int i, ExtractContext& ctx) {
  if (!doc.getPage(i)) return std::nullopt;
  doc.displayPage(&dev, i, 72, 72, 0, false, false, false, Expired, &ctx);
  const std::unique_ptr<TextWordList> words = dev.makeWordList();
  return words ? PageText(*words) : std::string();
}

// A document and a text device for one thread at a time. poppler parses separate PDFDoc
// instances at once (its shared state, GlobalParams, is locked) but never one from two threads,
// so each thread reading pages takes a reader of its own; the first is the document already
// open, the others open the same mapped bytes again (at most one per thread).
class PageReaders {
 public:
  struct Reader {
    PDFDoc* doc;
    std::unique_ptr<PDFDoc> owned;
    std::unique_ptr<TextOutputDev> dev;
  };
  PageReaders(PDFDoc& first, const char* data, uint64_t size) : data_(data), size_(size) {
    auto r = std::make_unique<Reader>();
    r->doc = &first;
    r->dev = std::make_unique<TextOutputDev>(nullptr, false, 0, false, false);
    free_.push_back(std::move(r));
  }
  // A free reader, a new one if none is free, or nullptr if the document cannot be read again.
  std::unique_ptr<Reader> Take() {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      if (!free_.empty()) {
        std::unique_ptr<Reader> r = std::move(free_.back());
        free_.pop_back();
        return r;
      }
    }
    auto r = std::make_unique<Reader>();
    r->owned = std::make_unique<PDFDoc>(
        new MemStream(data_, 0, static_cast<Goffset>(size_), Object(objNull)), GooString(),
        GooString());
    r->doc = r->owned.get();
    r->dev = std::make_unique<TextOutputDev>(nullptr, false, 0, false, false);
    if (!r->doc->isOk() || !r->dev->isOk()) return nullptr;
    return r;
  }
  bool Ok() const { return free_.front()->dev->isOk(); }  // before the first Take
  void Give(std::unique_ptr<Reader> r) {
    const std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(r));
  }

 private:
  const char* data_;
  uint64_t size_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Reader>> free_;
};

// Up to `cap` bytes of an embedded file's (decoded) stream, and whether it held more: a small
// compressed attachment can inflate without bound, so it is never read whole first.
std::string ReadCapped(Stream& stream, uint64_t cap, bool* truncated) {
  std::string data;
  stream.reset();
  unsigned char buf[65536];
  *truncated = false;
  while (int got = stream.doGetChars(sizeof buf, buf)) {
    const uint64_t room = cap - data.size();
    if (static_cast<uint64_t>(got) > room) {
      data.append(reinterpret_cast<const char*>(buf), room);
      *truncated = true;
      break;
    }
    data.append(reinterpret_cast<const char*>(buf), got);
  }
  stream.close();
  return data;
}

class PdfExtractor final : public Extractor {
 public:
  PdfExtractor() { InitPopplerOnce(); }
  std::string_view Name() const override { return "PdfExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {"application/pdf"}; }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override;

 private:
  static Outcome ExtractPages(PDFDoc& doc, const MappedBytes& bytes, ExtractContext& ctx,
                              TextSink& out, bool* stopped);
  static Outcome FinishPages(int pages, int pages_with_text, TextSink& out, Outcome outcome);
  static void ScanAttachments(PDFDoc& doc, ExtractContext& ctx, Outcome& outcome);
};

Outcome PdfExtractor::Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const {
  // poppler needs the cross-reference table at the end: a PDF beyond the read limit cannot be
  // read in part.
  if (in.Size() > ctx.Limits().max_file_bytes || in.Size() > INT32_MAX)
    return {ScanStatus::kPartial, "PDF larger than the max_file_bytes limit; not parsed"};
  MappedBytes bytes(in);
  if (!bytes.data()) return {ScanStatus::kError, "cannot map the PDF for reading"};
  // The document reads the mapped bytes in place; MemStream never writes or frees them.
  PDFDoc doc(new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull)),
             GooString(), GooString());
  if (!doc.isOk()) {
    if (doc.getErrorCode() == errEncrypted)
      return {ScanStatus::kEncrypted, "PDF needs a user password to open"};
    return {ScanStatus::kError, "not a readable PDF"};
  }
  bool stopped = false;
  Outcome outcome = ExtractPages(doc, bytes, ctx, out, &stopped);
  if (stopped) return outcome;
  if (doc.getCatalog()->numEmbeddedFiles() > 0) ScanAttachments(doc, ctx, outcome);
  return outcome;
}

// Pages are read in batches of kPagesPerBatch, a task of kPagesPerTask pages at a time on
// whichever threads the context has (ForEach), then handed to `out` in page order.
constexpr int kPagesPerTask = 8;
constexpr int kPagesPerBatch = 64;

Outcome PdfExtractor::ExtractPages(PDFDoc& doc, const MappedBytes& bytes, ExtractContext& ctx,
                                   TextSink& out, bool* stopped) {
  Outcome outcome;
  PageReaders readers(doc, bytes.data(), bytes.size());
  if (!readers.Ok()) return {ScanStatus::kError, "poppler text output unavailable"};
  const int pages = doc.getNumPages();
  int pages_with_text = 0;
  for (int first = 1; first <= pages; first += kPagesPerBatch) {
    const int count = std::min(kPagesPerBatch, pages - first + 1);
    std::vector<std::optional<std::string>> texts(count);
    std::vector<char> read(count, 0);  // whether the page was read before the time ran out
    ctx.ForEach((count + kPagesPerTask - 1) / kPagesPerTask, [&](size_t task) {
      std::unique_ptr<PageReaders::Reader> reader = readers.Take();
      const int from = static_cast<int>(task) * kPagesPerTask;
      for (int k = from; k < std::min(count, from + kPagesPerTask) && !ctx.Expired(); ++k) {
        if (reader) texts[k] = ReadPage(*reader->doc, *reader->dev, first + k, ctx);
        read[k] = 1;
      }
      if (reader) readers.Give(std::move(reader));
    });
    for (int k = 0; k < count; ++k) {
      const int i = first + k;
      if (!read[k]) {
        outcome.Merge(
            {ScanStatus::kPartial, "time limit reached after page " + std::to_string(i - 1)});
        return FinishPages(pages, pages_with_text, out, outcome);
      }
      if (!texts[k]) {
        outcome.Merge({ScanStatus::kPartial, "page " + std::to_string(i) + " unreadable"});
        continue;
      }
      if (texts[k]->empty()) continue;
      ++pages_with_text;
      if (!out.OnText(*texts[k], "page " + std::to_string(i))) {
        *stopped = true;
        return outcome;
      }
    }
  }
  return FinishPages(pages, pages_with_text, out, outcome);
}

Outcome PdfExtractor::FinishPages(int pages, int pages_with_text, TextSink& out, Outcome outcome) {
  // A PDF with pages but no text layer is usually a scan: the rules may want to know.
  if (pages > 0 && pages_with_text == 0) out.OnAttribute("pdf_text", "none");
  return outcome;
}

void PdfExtractor::ScanAttachments(PDFDoc& doc, ExtractContext& ctx, Outcome& outcome) {
  Catalog& catalog = *doc.getCatalog();
  const int count = catalog.numEmbeddedFiles();
  for (int i = 0; i < count; ++i) {
    const std::unique_ptr<FileSpec> spec = catalog.embeddedFile(i);
    const GooString* file_name = spec ? spec->getFileName() : nullptr;
    const std::string name = file_name && !file_name->toStr().empty()
                                 ? file_name->toStr()
                                 : "attachment " + std::to_string(i + 1);
    EmbFile* file = spec && spec->isOk() ? spec->getEmbeddedFile() : nullptr;
    if (ctx.Expired() || !file || !file->isOk()) continue;
    const uint64_t cap = std::min(ctx.Limits().max_member_bytes, ctx.InflateBudget());
    if (static_cast<uint64_t>(std::max(file->size(), 0)) > cap) {
      ctx.ReportMember(name, file->size(),
                       {ScanStatus::kPartial, "embedded file larger than the member limit"});
      outcome.Merge({ScanStatus::kPartial, name + ": larger than the member limit"});
      continue;
    }
    EmbeddedMember member;
    member.name = name;
    member.data = ReadCapped(*file->stream(), cap, &member.truncated);
    member.declared_size = file->size();
    if (!ctx.ScanEmbedded(std::move(member))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      return;
    }
  }
}

}  // namespace

std::unique_ptr<Extractor> MakePdfExtractor() { return std::make_unique<PdfExtractor>(); }

}  // namespace datasweep
