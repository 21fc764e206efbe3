// PdfExtractor: text of every page through poppler-cpp (text only, never rendering), one
// OnText per page labelled "page N". The bytes are mapped read-only (file-backed sources) or
// used in place (members), never copied. A PDF that needs a user password is `encrypted`; one
// with only an owner password (print/copy restrictions) is read. Embedded files (PDF
// portfolios, attachments) are scanned as members. poppler's own diagnostics are silenced.
#include <poppler-document.h>
#include <poppler-embedded-file.h>
#include <poppler-global.h>
#include <poppler-page.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "extractors/extractor.h"

namespace datasweep {
namespace {

void IgnorePopplerMessage(const std::string&, void*) {}

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
// The words are joined as UTF-16 and converted once per page: poppler's to_utf8() opens an
// iconv converter per call, and per word that was a third of a PDF's CPU.
std::string PageText(const poppler::page& page) {
  const std::vector<poppler::text_box> words = page.text_list();
  poppler::ustring text;
  for (size_t i = 0; i < words.size(); ++i) {
    text += words[i].text();
    if (i + 1 == words.size()) break;
    const poppler::rectf a = words[i].bbox(), b = words[i + 1].bbox();
    const double height = std::max(a.height(), b.height());
    const double a_mid = a.y() + a.height() / 2, b_mid = b.y() + b.height() / 2;
    const double gap = b.x() - (a.x() + a.width());
    if (std::abs(a_mid - b_mid) > height / 2 || gap < -height) {
      text.push_back(u'\n');  // the next word starts another line
    } else if (height > 0 && gap > kColumnGap * height) {
      text.push_back(u'\t');
    } else if (words[i].has_space_after() || gap > 0.1 * height) {
      text.push_back(u' ');
    }
  }
  if (text.empty()) return {};
  text.push_back(u'\n');
  const poppler::byte_array utf8 = text.to_utf8();
  return std::string(utf8.data(), utf8.size());
}

class PdfExtractor final : public Extractor {
 public:
  PdfExtractor() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function(IgnorePopplerMessage, nullptr); });
  }
  std::string_view Name() const override { return "PdfExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {"application/pdf"}; }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override;

 private:
  static void ScanAttachments(const poppler::document& doc, ExtractContext& ctx, Outcome& outcome);
};

Outcome PdfExtractor::Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const {
  // poppler takes an int length and needs the cross-reference table at the end: a PDF beyond
  // the read limit cannot be read in part.
  if (in.Size() > ctx.Limits().max_file_bytes || in.Size() > INT32_MAX)
    return {ScanStatus::kPartial, "PDF larger than the max_file_bytes limit; not parsed"};
  MappedBytes bytes(in);
  if (!bytes.data()) return {ScanStatus::kError, "cannot map the PDF for reading"};
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return {ScanStatus::kError, "not a readable PDF"};
  if (doc->is_locked()) return {ScanStatus::kEncrypted, "PDF needs a user password to open"};
  Outcome outcome;
  const int pages = doc->pages();
  int pages_with_text = 0;
  for (int i = 0; i < pages; ++i) {
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached after page " + std::to_string(i)});
      break;
    }
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) {
      outcome.Merge({ScanStatus::kPartial, "page " + std::to_string(i + 1) + " unreadable"});
      continue;
    }
    const std::string text = PageText(*page);
    if (text.empty()) continue;
    ++pages_with_text;
    if (!out.OnText(text, "page " + std::to_string(i + 1))) return outcome;
  }
  // A PDF with pages but no text layer is usually a scan: the rules may want to know.
  if (pages > 0 && pages_with_text == 0) out.OnAttribute("pdf_text", "none");
  if (doc->has_embedded_files()) ScanAttachments(*doc, ctx, outcome);
  return outcome;
}

void PdfExtractor::ScanAttachments(const poppler::document& doc, ExtractContext& ctx,
                                   Outcome& outcome) {
  int n = 0;
  for (poppler::embedded_file* f : doc.embedded_files()) {
    ++n;
    const std::string name = f->name().empty() ? "attachment " + std::to_string(n) : f->name();
    if (ctx.Expired() || !f->is_valid()) continue;
    const uint64_t cap = std::min(ctx.Limits().max_member_bytes, ctx.InflateBudget());
    if (static_cast<uint64_t>(std::max(f->size(), 0)) > cap) {
      ctx.ReportMember(name, f->size(),
                       {ScanStatus::kPartial, "embedded file larger than the member limit"});
      outcome.Merge({ScanStatus::kPartial, name + ": larger than the member limit"});
      continue;
    }
    const poppler::byte_array data = f->data();
    EmbeddedMember member;
    member.name = name;
    member.data.assign(data.data(), std::min<uint64_t>(data.size(), cap));
    member.declared_size = f->size();
    member.truncated = data.size() > cap;
    if (!ctx.ScanEmbedded(std::move(member))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      return;
    }
  }
}

}  // namespace

std::unique_ptr<Extractor> MakePdfExtractor() { return std::make_unique<PdfExtractor>(); }

}  // namespace datasweep
