// TextDecoder: streaming conversion of plain text to UTF-8. Detects the encoding once from the
// first bytes — a BOM, UTF-16 without a BOM (Notepad's "Unicode" saved without one), valid
// UTF-8, else Windows-1252 — then decodes block by block, carrying partial code units across
// block boundaries. Not thread-safe; one per file.
#pragma once
#include <string>
#include <string_view>

namespace datasweep {

class TextDecoder {
 public:
  enum class Encoding { kUtf8, kUtf16Le, kUtf16Be, kWindows1252 };

  // Decides the encoding from the first block of the file.
  static Encoding Detect(std::string_view head);
  static std::string_view Name(Encoding e);

  explicit TextDecoder(Encoding e) : encoding_(e) {}
  // Appends the UTF-8 form of `block` to `out` (clears `out` first). A leading BOM is dropped.
  void Decode(std::string_view block, std::string& out);

 private:
  void DecodeUtf16(std::string_view block, std::string& out);
  Encoding encoding_;
  bool first_ = true;
  std::string carry_;  // an odd trailing byte (UTF-16)
  char16_t high_surrogate_ = 0;
};

}  // namespace datasweep
