// TextExtractor: plain text in UTF-8, UTF-16 (LE/BE, with or without BOM) and Windows-1252,
// streamed in 64 KiB blocks; CSV/TSV (recognised by their consistent delimiters) as cells.
#include <cerrno>
#include <cstring>
#include <memory>

#include "extractors/csv_reader.h"
#include "extractors/extractor.h"
#include "extractors/text_decoder.h"

namespace datasweep {
namespace {

constexpr size_t kBlock = 64 * 1024;

class TextExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "TextExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"text/", "application/x-empty", "application/csv"};
  }

  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    const uint64_t limit = std::min<uint64_t>(in.Size(), ctx.Limits().max_file_bytes);
    // Uninitialised (a std::string would zero every block before the read overwrites it).
    const size_t capacity = std::min<uint64_t>(kBlock, limit);
    const std::unique_ptr<char[]> buffer(new char[capacity]);
    int64_t n = in.ReadAt(0, buffer.get(), capacity);
    if (n < 0) return {ScanStatus::kError, std::string("read failed: ") + strerror(errno)};
    std::string_view raw(buffer.get(), n);
    TextDecoder decoder(TextDecoder::Detect(raw));
    std::string text;
    decoder.Decode(raw, text);
    const char delim = CsvReader::SniffDelimiter(text.substr(0, 16 * 1024));
    std::unique_ptr<CsvReader> csv;
    if (delim) {
      csv = std::make_unique<CsvReader>(delim,
                                        [&out](uint32_t row, uint32_t col, std::string_view cell) {
                                          return out.OnCell(CellRef{"", row, col}, cell);
                                        });
    }
    auto emit = [&](std::string_view t) { return csv ? csv->Feed(t) : out.OnText(t, ""); };
    uint64_t offset = raw.size();
    bool more = emit(text);
    while (more && offset < limit && n > 0) {
      if (ctx.Expired())
        return {ScanStatus::kPartial,
                "time limit: stopped after " + std::to_string(offset) + " bytes"};
      n = in.ReadAt(offset, buffer.get(), std::min<uint64_t>(capacity, limit - offset));
      if (n < 0) return {ScanStatus::kError, std::string("read failed: ") + strerror(errno)};
      raw = std::string_view(buffer.get(), n);
      offset += n;
      decoder.Decode(raw, text);
      more = emit(text);
    }
    if (csv && more) csv->Finish();
    if (!more)
      return {ScanStatus::kPartial,
              "text limit reached after " + std::to_string(offset) + " bytes"};
    if (in.Size() > limit)
      return {ScanStatus::kPartial, "size limit: read " + std::to_string(limit) + " of " +
                                        std::to_string(in.Size()) + " bytes"};
    return Outcome::Complete();
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeTextExtractor() { return std::make_unique<TextExtractor>(); }

}  // namespace datasweep
