// DocxExtractor: Word 2007+ (DOCX/DOCM/DOTX). Body, headers, footers, footnotes, endnotes and
// comments stream through XmlPart; paragraphs become lines of text, table cells become OnCell
// events on sheet "table N" (row/column 0-based, merged cells advance by their span), and files
// under word/embeddings/ are scanned as members.
#include <algorithm>
#include <memory>
#include <regex>
#include <vector>

#include "extractors/extractor.h"
#include "extractors/office_zip.h"
#include "extractors/text_buffer.h"
#include "extractors/xml_part.h"

namespace datasweep {
namespace {

struct TableState {
  std::string sheet;
  int64_t row = -1;
  int64_t col = -1;
  uint32_t span = 1;
  std::string cell;
};

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Streams one WordprocessingML part. `tables` numbers tables across parts.
class DocxPart {
 public:
  DocxPart(TextSink& out, std::string where, uint32_t& tables)
      : out_(out), text_(out, std::move(where)), tables_(tables) {}

  Outcome Run(XmlPart& xml, ExtractContext& ctx) {
    Outcome outcome;
    uint64_t nodes = 0;
    while (!stopped_ && xml.Next()) {
      if ((++nodes & 0xFFFF) == 0 && ctx.Expired()) {
        outcome.Merge({ScanStatus::kPartial, "time limit reached"});
        break;
      }
      if (xml.IsElement()) {
        OnStart(xml);
      } else if (xml.IsEnd()) {
        OnEnd(xml.LocalName());
      } else if (in_text_ && xml.IsText()) {
        Append(xml.Value());
      }
    }
    if (!text_.Flush()) stopped_ = true;
    NotePartProblem(xml.Problem(), outcome);
    return outcome;
  }
  bool stopped() const { return stopped_ || text_.stopped(); }

 private:
  void Append(std::string_view s) {
    if (!stack_.empty())
      stack_.back().cell.append(s);
    else
      text_.Append(s);
  }

  void OnStart(XmlPart& xml) {
    const std::string_view name = xml.LocalName();
    const bool empty = xml.IsEmptyElement();
    if (name == "t" || name == "delText") {
      in_text_ = !empty;
    } else if (name == "tab") {
      Append("\t");
    } else if (name == "br" || name == "cr") {
      Append(stack_.empty() ? "\n" : " ");
    } else if (name == "tbl" && !empty) {
      text_.EndLine();
      TableState t;
      t.sheet = "table " + std::to_string(++tables_);
      stack_.push_back(std::move(t));
    } else if (stack_.empty()) {
      return;
    } else if (name == "tr") {
      stack_.back().row++;
      stack_.back().col = -1;
      stack_.back().span = 1;
    } else if (name == "tc") {
      TableState& t = stack_.back();
      t.col += t.span;
      t.span = 1;
      t.cell.clear();
    } else if (name == "gridSpan") {
      if (auto v = xml.Attr("w:val")) stack_.back().span = std::max(1, std::atoi(v->c_str()));
    }
  }

  void OnEnd(std::string_view name) {
    if (name == "t" || name == "delText") {
      in_text_ = false;
    } else if (name == "p") {
      if (stack_.empty())
        text_.EndLine();
      else if (!stack_.back().cell.empty())
        stack_.back().cell.push_back(' ');
    } else if (name == "tc" && !stack_.empty()) {
      TableState& t = stack_.back();
      const std::string_view cell = Trim(t.cell);
      if (!cell.empty() && t.row >= 0 && t.col >= 0) {
        const CellRef ref{t.sheet, static_cast<uint32_t>(t.row), static_cast<uint32_t>(t.col)};
        if (!out_.OnCell(ref, cell)) stopped_ = true;
      }
      t.cell.clear();
    } else if (name == "tbl" && !stack_.empty()) {
      stack_.pop_back();
    }
  }

  TextSink& out_;
  TextBuffer text_;
  uint32_t& tables_;
  std::vector<TableState> stack_;
  bool in_text_ = false;
  bool stopped_ = false;
};

// Headers, footers, notes and comments after the body, in a stable order.
std::vector<std::string> DocxParts(const ZipArchive& zip) {
  std::vector<std::string> parts = {"word/document.xml"};
  static const std::regex kExtra(R"(word/(header\d*|footer\d*|footnotes|endnotes|comments)\.xml)");
  std::vector<std::string> extra;
  for (uint64_t i = 0; i < zip.NumEntries(); ++i) {
    ZipEntryInfo info;
    if (zip.Stat(i, info) && std::regex_match(info.name, kExtra)) extra.push_back(info.name);
  }
  std::sort(extra.begin(), extra.end());
  parts.insert(parts.end(), extra.begin(), extra.end());
  return parts;
}

class DocxExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "DocxExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
            "application/vnd.ms-word.document.macroEnabled.12",
            "application/vnd.ms-word.template.macroEnabled.12"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    return ExtractOfficeSource(OfficeKind::kDocx, in, ctx, out);
  }
};

}  // namespace

Outcome ExtractDocx(ZipArchive& zip, ExtractContext& ctx, TextSink& out) {
  Outcome outcome;
  uint32_t tables = 0;
  bool first = true;
  for (const std::string& name : DocxParts(zip)) {
    std::string error;
    auto xml = XmlPart::Open(zip, name, PartCap(ctx), ctx.Limits().max_ratio, error);
    if (!xml) {
      if (first) return {ScanStatus::kError, error};
      outcome.Merge({ScanStatus::kPartial, error});
      continue;
    }
    first = false;
    const std::string where = name == "word/document.xml" ? "body" : name.substr(5);
    DocxPart part(out, where, tables);
    outcome.Merge(part.Run(*xml, ctx));
    if (part.stopped() || ctx.Expired()) return outcome;
  }
  ScanOfficeEmbeddings(zip, "word/embeddings/", ctx, outcome);
  return outcome;
}

std::unique_ptr<Extractor> MakeDocxExtractor() { return std::make_unique<DocxExtractor>(); }

}  // namespace datasweep
