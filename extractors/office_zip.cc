#include "extractors/office_zip.h"

namespace datasweep {

OfficeKind DetectOfficeKind(const ZipArchive& zip) {
  if (zip.Locate("[Content_Types].xml")) {
    if (zip.Locate("word/document.xml")) return OfficeKind::kDocx;
    if (zip.Locate("xl/workbook.xml")) return OfficeKind::kXlsx;
    if (zip.Locate("ppt/presentation.xml")) return OfficeKind::kPptx;
  }
  if (zip.Locate("content.xml") && (zip.Locate("mimetype") || zip.Locate("META-INF/manifest.xml")))
    return OfficeKind::kOdf;
  return OfficeKind::kNone;
}

Outcome ExtractOffice(OfficeKind kind, ZipArchive& zip, ExtractContext& ctx, TextSink& out) {
  switch (kind) {
    case OfficeKind::kDocx:
      return ExtractDocx(zip, ctx, out);
    case OfficeKind::kXlsx:
      return ExtractXlsx(zip, ctx, out);
    case OfficeKind::kPptx:
      return ExtractPptx(zip, ctx, out);
    case OfficeKind::kOdf:
      return ExtractOdf(zip, ctx, out);
    case OfficeKind::kNone:
      break;
  }
  return {ScanStatus::kUnsupported, "not an office package"};
}

Outcome ExtractOfficeSource(OfficeKind kind, const ByteSource& in, ExtractContext& ctx,
                            TextSink& out) {
  std::string error;
  auto zip = ZipArchive::Open(in, error);
  if (!zip) return {ScanStatus::kError, "not a readable zip package: " + error};
  return ExtractOffice(kind, *zip, ctx, out);
}

uint64_t PartCap(const ExtractContext& ctx) { return ctx.Limits().max_file_bytes; }

void NotePartProblem(const std::string& problem, Outcome& outcome) {
  if (!problem.empty()) outcome.Merge({ScanStatus::kPartial, problem});
}

void ScanOfficeEmbeddings(ZipArchive& zip, std::string_view prefix, ExtractContext& ctx,
                          Outcome& outcome) {
  const uint64_t n = zip.NumEntries();
  for (uint64_t i = 0; i < n; ++i) {
    ZipEntryInfo info;
    if (!zip.Stat(i, info) || info.is_dir || !info.name.starts_with(prefix)) continue;
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      return;
    }
    if (info.encrypted) {
      ctx.ReportMember(info.name, info.size, {ScanStatus::kEncrypted, "encrypted zip entry"});
      continue;
    }
    EmbeddedMember member;
    std::string why;
    if (!ReadZipMember(zip, i, info, ctx, member, why)) {
      ctx.ReportMember(info.name, info.size, {ScanStatus::kError, why});
      continue;
    }
    if (member.truncated) outcome.Merge({ScanStatus::kPartial, info.name + ": " + why});
    if (!ctx.ScanEmbedded(std::move(member))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      return;
    }
  }
}

}  // namespace datasweep
