#include "classifiers/name_dictionary.h"

#include <algorithm>
#include <string>

#include "classifiers/embedded_resource.h"
#include "classifiers/latin_text.h"

DATASWEEP_RESOURCE(forenames)
DATASWEEP_RESOURCE(surnames)
DATASWEEP_RESOURCE(common_words)

namespace datasweep {
namespace {

// The embedded lists are capitalised; keys are stored folded (lower-case, diacritics removed:
// "Wójcik" → "wojcik") in one owned buffer, so "Zoë" finds "Zoe" and "Wojcik" finds "Wójcik".
void Load(std::string_view data, std::string& store, std::unordered_set<std::string_view>& set) {
  store = latin_text::Fold(data);
  set.reserve(latin_text::CountByte(store, '\n') + 1);  // one allocation, no rehashing
  size_t pos = 0;
  while (pos < store.size()) {
    size_t end = store.find('\n', pos);
    if (end == std::string::npos) end = store.size();
    std::string_view w(store.data() + pos, end - pos);
    while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) w.remove_suffix(1);
    if (!w.empty() && w[0] != '#') set.insert(w);
    pos = end + 1;
  }
}

}  // namespace

const NameDictionary& NameDictionary::Get() {
  static const NameDictionary dictionary;
  return dictionary;
}

NameDictionary::NameDictionary() {
  // The stores must outlive the sets' string_views: kept as function-local statics that are
  // written once, here, under the magic-static initialisation lock of Get().
  static std::string fore, sur, common;
  Load(Resource_forenames(), fore, forenames_);
  Load(Resource_surnames(), sur, surnames_);
  Load(Resource_common_words(), common, common_);
}

bool NameDictionary::Contains(const std::unordered_set<std::string_view>& set,
                              std::string_view word) {
  if (word.size() > 40) return false;
  if (latin_text::HasNonAscii(word)) return set.count(latin_text::Fold(word)) > 0;
  char buf[48];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = latin_text::AsciiLower(word[i]);
  return set.count(std::string_view(buf, word.size())) > 0;
}

bool NameDictionary::IsForename(std::string_view w) const { return Contains(forenames_, w); }
bool NameDictionary::IsSurname(std::string_view w) const { return Contains(surnames_, w); }
bool NameDictionary::IsCommonWord(std::string_view w) const { return Contains(common_, w); }

}  // namespace datasweep
