// ZipExtractor: every entry of a zip becomes a member scanned through the pipeline. Inflated
// bytes are counted as they arrive (declared sizes can lie) and capped by max_member_bytes, the
// top-level inflate budget and the ratio limit; encrypted entries get their own `encrypted`
// record. A zip that is really an OOXML/ODF package is handed to the office code.
#include <memory>

#include "extractors/extractor.h"
#include "extractors/office_zip.h"
#include "extractors/zip_archive.h"

namespace datasweep {
namespace {

class ZipExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "ZipExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/zip", "application/x-zip-compressed", "application/java-archive",
            "application/epub+zip"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override;

 private:
  static Outcome ScanEntries(ZipArchive& zip, ExtractContext& ctx, TextSink& out);
};

Outcome ZipExtractor::Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const {
  std::string error;
  auto zip = ZipArchive::Open(in, error);
  if (!zip) return {ScanStatus::kError, "not a readable zip: " + error};
  if (const OfficeKind kind = DetectOfficeKind(*zip); kind != OfficeKind::kNone)
    return ExtractOffice(kind, *zip, ctx, out);
  return ScanEntries(*zip, ctx, out);
}

Outcome ZipExtractor::ScanEntries(ZipArchive& zip, ExtractContext& ctx, TextSink& out) {
  Outcome outcome;
  uint64_t encrypted = 0;
  const uint64_t n = zip.NumEntries();
  for (uint64_t i = 0; i < n; ++i) {
    ZipEntryInfo info;
    if (!zip.Stat(i, info)) {
      outcome.Merge({ScanStatus::kPartial, "unreadable central directory entry"});
      continue;
    }
    if (info.is_dir) continue;
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      break;
    }
    if (info.encrypted) {
      ++encrypted;
      ctx.ReportMember(info.name, info.size,
                       {ScanStatus::kEncrypted, "password-protected zip entry"});
      continue;
    }
    if (ctx.InflateBudget() == 0) {
      outcome.Merge({ScanStatus::kPartial, "total inflated size limit reached"});
      break;
    }
    EmbeddedMember member;
    std::string why;
    if (!ReadZipMember(zip, i, info, ctx, member, why)) {
      ctx.ReportMember(info.name, info.size, {ScanStatus::kError, why});
      outcome.Merge({ScanStatus::kPartial, info.name + ": " + why});
      continue;
    }
    if (member.truncated) outcome.Merge({ScanStatus::kPartial, info.name + ": " + why});
    if (!ctx.ScanEmbedded(std::move(member))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      break;
    }
  }
  if (encrypted) out.OnAttribute("encrypted_parts", std::to_string(encrypted));
  return outcome;
}

}  // namespace

std::unique_ptr<Extractor> MakeZipExtractor() { return std::make_unique<ZipExtractor>(); }

}  // namespace datasweep
