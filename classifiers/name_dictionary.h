// NameDictionary: forenames, surnames and capitalised common words shipped in classifiers/data
// (sources and licences in classifiers/data/NAMES-LICENCE.md), compiled into the binary.
// Built once on first use; immutable and safe to share between threads afterwards.
#pragma once
#include <string_view>
#include <unordered_set>

namespace datasweep {

class NameDictionary {
 public:
  static const NameDictionary& Get();
  // Case-insensitive lookups of one word ("Smith", "SMITH", "smith").
  bool IsForename(std::string_view word) const;
  bool IsSurname(std::string_view word) const;
  // Capitalised words that are also ordinary English ("May", "Grace", "Green"): weak as names.
  bool IsCommonWord(std::string_view word) const;

 private:
  NameDictionary();
  static bool Contains(const std::unordered_set<std::string_view>& set, std::string_view word);
  std::unordered_set<std::string_view> forenames_, surnames_, common_;
};

}  // namespace datasweep
