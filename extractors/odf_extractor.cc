// OdfExtractor: OpenDocument text, spreadsheet and presentation (ODT/ODS/ODP and templates).
// content.xml streams through XmlPart. Paragraphs and headings become lines; every table cell
// becomes OnCell(table:name, row, col) with repeated rows/columns counted; presentation pages
// are labelled "slide N". A package whose manifest carries encryption data is `encrypted`.
#include <algorithm>
#include <memory>
#include <vector>

#include "extractors/extractor.h"
#include "extractors/office_zip.h"
#include "extractors/text_buffer.h"
#include "extractors/xml_part.h"

namespace datasweep {
namespace {

// A repeated non-empty cell is emitted at most this many times: the same value repeated
// across thousands of columns adds no data subjects, only work.
constexpr uint32_t kMaxRepeatedCells = 64;

struct OdfTable {
  std::string name;
  int64_t row = -1;
  uint32_t rows_repeated = 1;
  int64_t col = -1;
  uint32_t cols_repeated = 1;
  std::string cell;
  bool in_cell = false;
};

uint32_t RepeatAttr(const XmlPart& xml, const char* qname) {
  const auto v = xml.Attr(qname);
  if (!v) return 1;
  const long n = std::atol(v->c_str());
  return n < 1 ? 1 : static_cast<uint32_t>(std::min<long>(n, 1 << 20));
}

class OdfReader {
 public:
  explicit OdfReader(TextSink& out) : out_(out), text_(out, "content") {}

  Outcome Run(XmlPart& xml, ExtractContext& ctx) {
    Outcome outcome;
    uint64_t nodes = 0;
    while (!stopped() && xml.Next()) {
      if ((++nodes & 0xFFFF) == 0 && ctx.Expired()) {
        outcome.Merge({ScanStatus::kPartial, "time limit reached"});
        break;
      }
      if (xml.IsElement())
        OnStart(xml);
      else if (xml.IsEnd())
        OnEnd(xml.LocalName());
      else if (xml.IsText() && in_body_)
        Append(xml.Value());
    }
    text_.Flush();
    NotePartProblem(xml.Problem(), outcome);
    return outcome;
  }
  bool stopped() const { return stopped_ || text_.stopped(); }

 private:
  void Append(std::string_view s) {
    if (!tables_.empty() && tables_.back().in_cell)
      tables_.back().cell.append(s);
    else
      text_.Append(s);
  }

  void OnStart(XmlPart& xml) {
    const std::string_view name = xml.LocalName();
    const bool empty = xml.IsEmptyElement();
    if (name == "body") {
      in_body_ = true;
    } else if (name == "page") {
      text_.SetWhere("slide " + std::to_string(++pages_));
    } else if (name == "s") {
      Append(std::string(std::min<uint32_t>(RepeatAttr(xml, "text:c"), 1024), ' '));
    } else if (name == "tab") {
      Append("\t");
    } else if (name == "line-break") {
      Append("\n");
    } else if (name == "table" && !empty) {
      text_.EndLine();
      OdfTable t;
      t.name = xml.Attr("table:name").value_or("table " + std::to_string(tables_.size() + 1));
      tables_.push_back(std::move(t));
    } else if (tables_.empty()) {
      return;
    } else if (name == "table-row") {
      OdfTable& t = tables_.back();
      t.row += t.rows_repeated;
      t.rows_repeated = RepeatAttr(xml, "table:number-rows-repeated");
      t.col = -1;
      t.cols_repeated = 1;
    } else if (name == "table-cell" || name == "covered-table-cell") {
      OdfTable& t = tables_.back();
      t.col += t.cols_repeated;
      t.cols_repeated = RepeatAttr(xml, "table:number-columns-repeated");
      t.cell.clear();
      t.in_cell = !empty;
    }
  }

  void OnEnd(std::string_view name) {
    if (name == "body") {
      in_body_ = false;
    } else if (name == "p" || name == "h") {
      if (!tables_.empty() && tables_.back().in_cell) {
        tables_.back().cell.push_back('\n');
      } else {
        text_.EndLine();
      }
    } else if ((name == "table-cell" || name == "covered-table-cell") && !tables_.empty()) {
      EmitCell(tables_.back());
    } else if (name == "table" && !tables_.empty()) {
      tables_.pop_back();
    }
  }

  void EmitCell(OdfTable& t) {
    t.in_cell = false;
    while (!t.cell.empty() && (t.cell.back() == '\n' || t.cell.back() == ' ')) t.cell.pop_back();
    if (t.cell.empty() || t.row < 0) return;
    const uint32_t n = std::min(t.cols_repeated, kMaxRepeatedCells);
    for (uint32_t i = 0; i < n && !stopped_; ++i) {
      const CellRef ref{t.name, static_cast<uint32_t>(t.row), static_cast<uint32_t>(t.col + i)};
      if (!out_.OnCell(ref, t.cell)) stopped_ = true;
    }
  }

  TextSink& out_;
  TextBuffer text_;
  std::vector<OdfTable> tables_;
  bool in_body_ = false;
  uint32_t pages_ = 0;
  bool stopped_ = false;
};

class OdfExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "OdfExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/vnd.oasis.opendocument.text",
            "application/vnd.oasis.opendocument.text-template",
            "application/vnd.oasis.opendocument.spreadsheet",
            "application/vnd.oasis.opendocument.spreadsheet-template",
            "application/vnd.oasis.opendocument.presentation",
            "application/vnd.oasis.opendocument.presentation-template"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    return ExtractOfficeSource(OfficeKind::kOdf, in, ctx, out);
  }
};

}  // namespace

Outcome ExtractOdf(ZipArchive& zip, ExtractContext& ctx, TextSink& out) {
  std::string manifest;
  if (zip.ReadSmall("META-INF/manifest.xml", 1 << 20, manifest) &&
      manifest.find("encryption-data") != std::string::npos)
    return {ScanStatus::kEncrypted, "password-protected OpenDocument"};
  std::string error;
  auto xml = XmlPart::Open(zip, "content.xml", PartCap(ctx), ctx.Limits().max_ratio, error);
  if (!xml) return {ScanStatus::kError, error};
  OdfReader reader(out);
  // Embedded objects ("Object 1/content.xml") are sub-documents of the same schema; their
  // text is not streamed separately in v1.
  return reader.Run(*xml, ctx);
}

std::unique_ptr<Extractor> MakeOdfExtractor() { return std::make_unique<OdfExtractor>(); }

}  // namespace datasweep
