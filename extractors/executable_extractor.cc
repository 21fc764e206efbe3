// ExecutableExtractor: programs and installers (PE/DOS .exe/.dll, ELF, MSI, Mach-O). No text;
// the attribute executable=<kind> ("PE32+ executable (x86-64)", "MSI installer") feeds the
// unapproved-software rule. Reads only the headers.
#include <memory>

#include "extractors/extractor.h"

namespace datasweep {
namespace {

uint32_t Le16(std::string_view s, size_t i) {
  return static_cast<unsigned char>(s[i]) | static_cast<unsigned char>(s[i + 1]) << 8;
}
uint32_t Le32(std::string_view s, size_t i) { return Le16(s, i) | Le16(s, i + 2) << 16; }

std::string PeKind(std::string_view h) {
  if (h.size() < 0x40) return "MS-DOS executable";
  const uint32_t pe = Le32(h, 0x3C);
  if (uint64_t{pe} + 26 > h.size() || h.substr(pe, 4) != std::string_view("PE\0\0", 4))
    return "MS-DOS executable";
  const uint32_t machine = Le16(h, pe + 4);
  const uint32_t characteristics = Le16(h, pe + 22);
  const uint32_t magic = Le16(h, pe + 24);
  std::string kind = magic == 0x20B ? "PE32+" : "PE32";
  kind += (characteristics & 0x2000) ? " DLL" : " executable";
  switch (machine) {
    case 0x14C:
      return kind + " (x86)";
    case 0x8664:
      return kind + " (x86-64)";
    case 0xAA64:
      return kind + " (ARM64)";
    default:
      return kind;
  }
}

std::string ElfKind(std::string_view h) {
  if (h.size() < 18) return "ELF";
  const std::string bits = h[4] == 2 ? "64-bit" : "32-bit";
  const uint32_t type =
      h[5] == 2 ? (static_cast<unsigned char>(h[16]) << 8 | static_cast<unsigned char>(h[17]))
                : Le16(h, 16);
  return "ELF " + bits + (type == 3 ? " shared object" : type == 2 ? " executable" : " object");
}

class ExecutableExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "ExecutableExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/x-dosexec",    "application/vnd.microsoft.portable-executable",
            "application/x-msdownload", "application/x-executable",
            "application/x-sharedlib",  "application/x-pie-executable",
            "application/x-msi",        "application/x-ms-installer",
            "application/x-mach-binary"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext&, TextSink& out) const override {
    std::string h;
    if (!in.ReadPrefix(h, 64 * 1024)) return {ScanStatus::kError, "read error"};
    std::string kind;
    if (h.starts_with("MZ"))
      kind = PeKind(h);
    else if (h.starts_with("\x7F"
                           "ELF"))
      kind = ElfKind(h);
    else if (h.starts_with("\xD0\xCF\x11\xE0"))
      kind = "MSI installer";
    else if (h.starts_with("\xCF\xFA\xED\xFE") || h.starts_with("\xCE\xFA\xED\xFE") ||
             h.starts_with("\xCA\xFE\xBA\xBE"))
      kind = "Mach-O";
    else
      kind = "executable";
    out.OnAttribute("executable", kind);
    return {};
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeExecutableExtractor() {
  return std::make_unique<ExecutableExtractor>();
}

}  // namespace datasweep
