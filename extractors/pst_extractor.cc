// PstExtractor: Outlook personal folders (.pst/.ost). Reported `unsupported` with the reason:
// the only packaged reader (libpff 20180714) is alpha-status and should run in a sandboxed
// child process, which v1 does not have, and there is no way to generate a test mailbox on
// Debian. The file still gets its own record and the e-mail-store rules still apply by type.
#include <memory>

#include "extractors/extractor.h"

namespace datasweep {
namespace {

class PstExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "PstExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/vnd.ms-outlook-pst"};
  }
  Outcome Extract(const ByteSource&, ExtractContext&, TextSink& out) const override {
    out.OnAttribute("mail_store", "pst");
    return {ScanStatus::kUnsupported,
            "Outlook PST/OST mailbox: contents not read (no sandboxed PST reader in v1)"};
  }
};

}  // namespace

std::unique_ptr<Extractor> MakePstExtractor() { return std::make_unique<PstExtractor>(); }

}  // namespace datasweep
