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
template <typename Set>
void Load(std::string_view data, std::string& store, Set& set) {
  store = latin_text::Fold(data);
  set.Reserve(latin_text::CountByte(store, '\n') + 1);  // one allocation, no rehashing
  size_t pos = 0;
  while (pos < store.size()) {
    size_t end = store.find('\n', pos);
    if (end == std::string::npos) end = store.size();
    std::string_view w(store.data() + pos, end - pos);
    while (!w.empty() && (w.back() == '\r' || w.back() == ' ')) w.remove_suffix(1);
    if (!w.empty() && w[0] != '#') set.Insert(w);
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

bool NameDictionary::Contains(const WordSet& set, std::string_view word) {
  if (word.size() > 40) return false;
  if (latin_text::HasNonAscii(word)) return set.Contains(latin_text::Fold(word));
  char buf[48];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = latin_text::AsciiLower(word[i]);
  return set.Contains(std::string_view(buf, word.size()));
}

uint64_t NameDictionary::WordSet::Hash(std::string_view word) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ull;
  return h ^ (h >> 29);  // the low bits index the table: fold the well-mixed high bits in
}

void NameDictionary::WordSet::Reserve(size_t words) {
  size_t n = 16;
  while (n < 2 * words) n *= 2;  // at most half full
  if (n <= slots_.size()) return;
  std::vector<std::string_view> old;
  old.swap(slots_);
  slots_.assign(n, std::string_view());
  size_ = 0;
  for (std::string_view w : old)
    if (!w.empty()) Insert(w);
}

void NameDictionary::WordSet::Insert(std::string_view word) {
  if (word.empty()) return;
  if (2 * (size_ + 1) > slots_.size()) Reserve(size_ + 1);
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(word) & mask;; i = (i + 1) & mask) {
    if (slots_[i].empty()) {
      slots_[i] = word;
      ++size_;
      return;
    }
    if (slots_[i] == word) return;
  }
}

bool NameDictionary::WordSet::Contains(std::string_view word) const {
  if (slots_.empty() || word.empty()) return false;
  const size_t mask = slots_.size() - 1;
  for (size_t i = Hash(word) & mask;; i = (i + 1) & mask) {
    if (slots_[i].empty()) return false;
    if (slots_[i] == word) return true;
  }
}

bool NameDictionary::IsForename(std::string_view w) const { return Contains(forenames_, w); }
bool NameDictionary::IsSurname(std::string_view w) const { return Contains(surnames_, w); }
bool NameDictionary::IsCommonWord(std::string_view w) const { return Contains(common_, w); }

}  // namespace datasweep
