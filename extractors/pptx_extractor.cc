// PptxExtractor: PowerPoint 2007+ (PPTX/PPTM/PPSX/POTX). Slides in number order, then speaker
// notes; each DrawingML paragraph (<a:p>) is a line, labelled "slide N" / "notes N". Files
// under ppt/embeddings/ are scanned as members.
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

struct NumberedPart {
  uint32_t number;
  std::string name;
  std::string where;
};

std::vector<NumberedPart> SlideParts(const ZipArchive& zip) {
  static const std::regex kSlide(R"(ppt/(slides/slide|notesSlides/notesSlide)(\d+)\.xml)");
  std::vector<NumberedPart> slides, notes;
  for (uint64_t i = 0; i < zip.NumEntries(); ++i) {
    ZipEntryInfo info;
    std::smatch m;
    if (!zip.Stat(i, info) || !std::regex_match(info.name, m, kSlide)) continue;
    const uint32_t n = std::stoul(m[2].str());
    const bool is_slide = m[1].str() == "slides/slide";
    (is_slide ? slides : notes)
        .push_back({n, info.name, (is_slide ? "slide " : "notes ") + std::to_string(n)});
  }
  const auto by_number = [](const NumberedPart& a, const NumberedPart& b) {
    return a.number < b.number;
  };
  std::sort(slides.begin(), slides.end(), by_number);
  std::sort(notes.begin(), notes.end(), by_number);
  slides.insert(slides.end(), notes.begin(), notes.end());
  return slides;
}

// Text of <a:t> runs; a line per paragraph, a tab between table cells.
Outcome ReadSlide(XmlPart& xml, ExtractContext& ctx, TextBuffer& text) {
  Outcome outcome;
  bool in_t = false;
  uint64_t nodes = 0;
  while (!text.stopped() && xml.Next()) {
    if ((++nodes & 0xFFFF) == 0 && ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      break;
    }
    const std::string_view name = xml.LocalName();
    if (xml.IsElement()) {
      if (name == "t")
        in_t = !xml.IsEmptyElement();
      else if (name == "br")
        text.Append('\n');
      else if (name == "tab")
        text.Append('\t');
    } else if (xml.IsEnd()) {
      if (name == "t")
        in_t = false;
      else if (name == "p")
        text.EndLine();
      else if (name == "tc")
        text.Append('\t');
    } else if (in_t && xml.IsText()) {
      text.Append(xml.Value());
    }
  }
  NotePartProblem(xml.Problem(), outcome);
  return outcome;
}

class PptxExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "PptxExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
            "application/vnd.openxmlformats-officedocument.presentationml.template",
            "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
            "application/vnd.ms-powerpoint.slideshow.macroEnabled.12"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    return ExtractOfficeSource(OfficeKind::kPptx, in, ctx, out);
  }
};

}  // namespace

Outcome ExtractPptx(ZipArchive& zip, ExtractContext& ctx, TextSink& out) {
  Outcome outcome;
  TextBuffer text(out, "");
  for (const NumberedPart& part : SlideParts(zip)) {
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      return outcome;
    }
    std::string error;
    auto xml = XmlPart::Open(zip, part.name, PartCap(ctx), ctx.Limits().max_ratio, error);
    if (!xml) {
      outcome.Merge({ScanStatus::kPartial, error});
      continue;
    }
    text.SetWhere(part.where);
    outcome.Merge(ReadSlide(*xml, ctx, text));
    if (!text.Flush()) return outcome;
  }
  ScanOfficeEmbeddings(zip, "ppt/embeddings/", ctx, outcome);
  return outcome;
}

std::unique_ptr<Extractor> MakePptxExtractor() { return std::make_unique<PptxExtractor>(); }

}  // namespace datasweep
