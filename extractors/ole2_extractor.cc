// Ole2Extractor: a compound file whose flavour libmagic did not name (application/x-ole-storage,
// CDFV2, "encrypted"), and legacy PowerPoint. Looks at the streams to decide: an
// EncryptedPackage is a password-protected OOXML file (`encrypted`); __substg1.0_ streams are
// an Outlook item; Workbook/Book an Excel workbook; WordDocument a Word document. Legacy .ppt
// text is `unsupported` (no packaged reader; never guessed out of binary).
#include <memory>

#include "extractors/extractor.h"
#include "extractors/ole2_file.h"

namespace datasweep {
namespace {

class Ole2Extractor final : public Extractor {
 public:
  std::string_view Name() const override { return "Ole2Extractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/x-ole-storage", "application/CDFV2",
            "application/CDFV2-corrupt", "application/encrypted",
            "application/vnd.ms-office", "application/vnd.ms-powerpoint"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    std::string error;
    auto file = Ole2File::Open(in, error);
    if (!file) return {ScanStatus::kError, "not a readable compound file: " + error};
    GsfInfile* root = file->Root();
    const auto has = [&](const char* name) { return Ole2File::Child(root, name) != nullptr; };
    if (has("EncryptedPackage"))
      return {ScanStatus::kEncrypted, "password-protected Office document"};
    for (const std::string& n : Ole2File::Children(root))
      if (n.starts_with("__substg1.0_")) return ExtractMsg(*file, ctx, out);
    if (has("Workbook") || has("Book")) {
      file.reset();
      return ExtractXls(in, ctx, out);
    }
    if (has("WordDocument")) return ExtractDoc(*file, ctx, out);
    if (has("PowerPoint Document"))
      return {ScanStatus::kUnsupported, "legacy PowerPoint (.ppt) text is not extracted"};
    return {ScanStatus::kUnsupported, "compound file of unknown kind"};
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeOle2Extractor() { return std::make_unique<Ole2Extractor>(); }

}  // namespace datasweep
