// NameDictionary: forenames, surnames and capitalised common words shipped in classifiers/data
// (sources and licences in classifiers/data/NAMES-LICENCE.md), compiled into the binary.
// Built once on first use; immutable and safe to share between threads afterwards.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace datasweep {

class NameDictionary {
 public:
  static const NameDictionary& Get();
  // Case- and accent-insensitive lookups of one word ("Smith", "SMITH", "smith"; "Zoë" = "Zoe").
  bool IsForename(std::string_view word) const;
  bool IsSurname(std::string_view word) const;
  // Capitalised words that are also ordinary English ("May", "Grace", "Green"): weak as names.
  bool IsCommonWord(std::string_view word) const;

 private:
  // A set of words: open addressing with linear probing over a power-of-two table, FNV-1a
  // hashed. Built once; lookups allocate nothing (they run for every name candidate, about four
  // per KB of prose, and std::unordered_set's hashing and node chasing showed in profiles).
  class WordSet {
   public:
    void Insert(std::string_view word);
    bool Contains(std::string_view word) const;
    void Reserve(size_t words);

   private:
    static uint64_t Hash(std::string_view word);
    std::vector<std::string_view> slots_;  // empty view: free slot (no word is empty)
    size_t size_ = 0;
  };

  NameDictionary();
  static bool Contains(const WordSet& set, std::string_view word);
  WordSet forenames_, surnames_, common_;
};

}  // namespace datasweep
