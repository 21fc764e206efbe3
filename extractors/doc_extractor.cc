// DocExtractor: Word 97-2003 (.doc) text through the piece table (MS-DOC §2.4.1): the FIB in
// the WordDocument stream locates the CLX in the 0Table/1Table stream; each piece is read
// from WordDocument as CP-1252 ("compressed") or UTF-16LE. Field codes are dropped and field
// results kept, cell/row marks become tabs/line breaks. Encrypted or obfuscated files are
// `encrypted`; Word 6/95 files (no piece table in this form) are `unsupported`.
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input.h>

#include <memory>

#include "extractors/charset_util.h"
#include "extractors/extractor.h"
#include "extractors/ole2_file.h"
#include "extractors/text_buffer.h"

namespace datasweep {
namespace {

constexpr size_t kFcClxOffset = 0x01A2;  // FibRgFcLcb97.fcClx / lcbClx
constexpr uint16_t kWordIdent = 0xA5EC;
constexpr uint16_t kMinWord97Fib = 0x00C1;

uint16_t Le16(std::string_view s, size_t i) {
  return static_cast<unsigned char>(s[i]) | static_cast<unsigned char>(s[i + 1]) << 8;
}
uint32_t Le32(std::string_view s, size_t i) {
  return Le16(s, i) | static_cast<uint32_t>(Le16(s, i + 2)) << 16;
}

struct Piece {
  uint32_t cp_start, cp_end;
  uint32_t fc;
  bool compressed;
};

// Parses the CLX (Prc* then one Pcdt); empty on malformed input.
std::vector<Piece> ParseClx(std::string_view clx) {
  size_t i = 0;
  while (i < clx.size() && clx[i] == 0x01) {  // Prc: skip its grpprl
    if (i + 3 > clx.size()) return {};
    i += 3 + static_cast<int16_t>(Le16(clx, i + 1));
  }
  if (i + 5 > clx.size() || clx[i] != 0x02) return {};
  const uint32_t lcb = Le32(clx, i + 1);
  i += 5;
  if (lcb < 4 || i + lcb > clx.size() || (lcb - 4) % 12 != 0) return {};
  const size_t n = (lcb - 4) / 12;
  std::vector<Piece> pieces;
  const size_t pcd_base = i + (n + 1) * 4;
  for (size_t k = 0; k < n; ++k) {
    const uint32_t fc_raw = Le32(clx, pcd_base + k * 8 + 2);
    Piece p{Le32(clx, i + k * 4), Le32(clx, i + (k + 1) * 4), fc_raw & 0x3FFFFFFF,
            (fc_raw & 0x40000000) != 0};
    if (p.compressed) p.fc /= 2;
    if (p.cp_end > p.cp_start) pieces.push_back(p);
  }
  return pieces;
}

// Word's special characters → plain text; field instructions (between 0x13 and 0x14) dropped.
class DocText {
 public:
  explicit DocText(TextSink& out) : text_(out, "body") {}
  void Append(std::string_view utf8) {
    for (size_t i = 0; i < utf8.size(); ++i) {
      const char c = utf8[i];
      if (c == 0x13) {
        ++field_depth_;
        in_instruction_ = true;
      } else if (c == 0x14) {
        in_instruction_ = false;
      } else if (c == 0x15) {
        if (field_depth_ > 0) --field_depth_;
        in_instruction_ = false;
      } else if (in_instruction_) {
        continue;
      } else if (c == '\r' || c == 0x0B || c == 0x0C) {
        text_.Append('\n');
      } else if (c == 0x07) {
        text_.Append('\t');
      } else if (c == 0x1E) {
        text_.Append('-');
      } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
        continue;  // pictures (0x01), drawn objects (0x08), optional hyphens (0x1F)
      } else {
        text_.Append(c);
      }
    }
  }
  bool Flush() { return text_.Flush(); }
  bool stopped() const { return text_.stopped(); }

 private:
  TextBuffer text_;
  int field_depth_ = 0;
  bool in_instruction_ = false;
};

class DocExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "DocExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {"application/msword"}; }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    std::string error;
    auto file = Ole2File::Open(in, error);
    if (!file) return {ScanStatus::kError, "not a readable Word document: " + error};
    return ExtractDoc(*file, ctx, out);
  }
};

}  // namespace

Outcome ExtractDoc(Ole2File& file, ExtractContext& ctx, TextSink& out) {
  GsfInputPtr word = Ole2File::Child(file.Root(), "WordDocument");
  if (!word || Ole2File::IsStorage(word.get()))
    return {ScanStatus::kError, "no WordDocument stream"};
  std::string fib;
  if (!Ole2File::ReadAt(word.get(), 0, kFcClxOffset + 8, fib))
    return {ScanStatus::kUnsupported, "Word document too short for a Word 97 FIB"};
  if (Le16(fib, 0) != kWordIdent) return {ScanStatus::kError, "bad Word FIB signature"};
  if (Le16(fib, 2) < kMinWord97Fib)
    return {ScanStatus::kUnsupported, "Word 6/95 document (pre-Word 97) not supported"};
  const uint16_t flags = Le16(fib, 0x0A);
  if (flags & 0x0100) return {ScanStatus::kEncrypted, "password-protected Word document"};
  const std::string table_name = (flags & 0x0200) ? "1Table" : "0Table";
  GsfInputPtr table = Ole2File::Child(file.Root(), table_name);
  if (!table) return {ScanStatus::kError, "missing " + table_name + " stream"};
  const uint32_t fc_clx = Le32(fib, kFcClxOffset), lcb_clx = Le32(fib, kFcClxOffset + 4);
  std::string clx;
  if (lcb_clx == 0 || lcb_clx > (64u << 20) || !Ole2File::ReadAt(table.get(), fc_clx, lcb_clx, clx))
    return {ScanStatus::kError, "piece table out of range"};
  const std::vector<Piece> pieces = ParseClx(clx);
  if (pieces.empty()) return {ScanStatus::kError, "malformed piece table"};
  Outcome outcome;
  DocText text(out);
  uint64_t budget = ctx.Limits().max_file_bytes;
  for (const Piece& p : pieces) {
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      break;
    }
    const uint64_t chars = p.cp_end - p.cp_start;
    const uint64_t bytes = p.compressed ? chars : chars * 2;
    if (bytes > budget) {
      outcome.Merge({ScanStatus::kPartial, "text larger than max_file_bytes"});
      break;
    }
    budget -= bytes;
    std::string raw;
    if (!Ole2File::ReadAt(word.get(), p.fc, bytes, raw)) {
      outcome.Merge({ScanStatus::kPartial, "a text piece lies outside the WordDocument stream"});
      continue;
    }
    text.Append(p.compressed ? ConvertToUtf8(raw, "windows-1252") : Utf16LeToUtf8(raw));
    if (text.stopped()) return outcome;
  }
  text.Flush();
  return outcome;
}

std::unique_ptr<Extractor> MakeDocExtractor() { return std::make_unique<DocExtractor>(); }

}  // namespace datasweep
