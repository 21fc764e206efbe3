#include "extractors/extractor_registry.h"

// Forward declarations of every factory in the list.
#define DATASWEEP_EXTRACTOR(Class) std::unique_ptr<datasweep::Extractor> Make##Class();
namespace datasweep {
#include "extractors/extractor_list.inc"
}
#undef DATASWEEP_EXTRACTOR

namespace datasweep {

std::vector<std::unique_ptr<Extractor>> ExtractorRegistry::MakeAll() {
  std::vector<std::unique_ptr<Extractor>> all;
#define DATASWEEP_EXTRACTOR(Class) all.push_back(Make##Class());
#include "extractors/extractor_list.inc"
#undef DATASWEEP_EXTRACTOR
  return all;
}

const ExtractorRegistry& ExtractorRegistry::Default() {
  static const ExtractorRegistry registry(MakeAll());
  return registry;
}

ExtractorRegistry::ExtractorRegistry(std::vector<std::unique_ptr<Extractor>> extractors)
    : extractors_(std::move(extractors)) {}

const Extractor* ExtractorRegistry::Find(std::string_view media_type) const {
  const Extractor* family = nullptr;
  size_t family_len = 0;
  for (const auto& e : extractors_) {
    for (std::string_view t : e->MediaTypes()) {
      if (t == media_type) return e.get();
      if (!t.empty() && t.back() == '/' && media_type.starts_with(t) && t.size() > family_len) {
        family = e.get();
        family_len = t.size();
      }
    }
  }
  return family;
}

}  // namespace datasweep
