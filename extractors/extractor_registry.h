// ExtractorRegistry: media type → extractor. Built once from extractor_list.inc (an explicit
// list, YARA-style, because static self-registration is dropped by the linker from static
// libraries). Immutable after construction; safe to share between threads.
#pragma once
#include <memory>
#include <string_view>
#include <vector>

#include "extractors/extractor.h"

namespace datasweep {

class ExtractorRegistry {
 public:
  // Every extractor in extractor_list.inc.
  static const ExtractorRegistry& Default();
  // A new instance of every extractor in extractor_list.inc (to build a registry with extras).
  static std::vector<std::unique_ptr<Extractor>> MakeAll();

  explicit ExtractorRegistry(std::vector<std::unique_ptr<Extractor>> extractors);
  // The extractor for `media_type`: an exact match first, then a family prefix ("text/"),
  // else nullptr (the file is then reported `unsupported`).
  const Extractor* Find(std::string_view media_type) const;
  const std::vector<std::unique_ptr<Extractor>>& All() const { return extractors_; }

 private:
  std::vector<std::unique_ptr<Extractor>> extractors_;
};

}  // namespace datasweep
