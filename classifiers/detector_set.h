// DetectorSet: every enabled detector compiled once into a multi-pattern first pass (RE2::Set
// in byte/ASCII mode) plus one RE2 per pattern for positions, then per-detector validation and
// the shared context-scoring stage (Presidio's context enhancer). Immutable after
// construction; Scan is const and safe to call from many threads at once.
#pragma once
#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "classifiers/detector.h"

namespace datasweep {

// A detection as the set reports it: position in the scanned text, validated value, confidence
// after context scoring, and the explanation ("mod 11 valid; context 'nhs no'").
struct Detection {
  const Detector* detector;
  size_t offset;
  size_t length;
  Validated validated;
};

class DetectorSet {
 public:
  // Every detector in classifiers/detector_list.inc.
  static std::vector<std::unique_ptr<Detector>> AllDetectors();

  // Compiles the detectors whose id is not in `disabled`. Throws std::runtime_error if a
  // pattern does not compile (a bug, or a bad custom pattern in a policy).
  explicit DetectorSet(std::vector<std::unique_ptr<Detector>> detectors,
                       const std::set<std::string>& disabled = {});
  ~DetectorSet();
  DetectorSet(const DetectorSet&) = delete;
  DetectorSet& operator=(const DetectorSet&) = delete;

  // Scans `text`. Reports matches ending after `report_from` — and, unless `final`, not
  // touching the end of `text` (they may continue in the next chunk, which the caller
  // prefixes with the tail of this one). `header` is the column header for a table cell.
  void Scan(std::string_view text, size_t report_from, bool final, std::string_view header,
            const std::function<void(const Detection&)>& emit) const;

  // Applies context scoring to a validated candidate: raises confidence with a context word
  // in `before`/`after`/`header`, lowers it with an organisation word just before, and drops
  // it (returns false) when the detector needs context and none is there.
  static bool ScoreContext(const Detector& d, std::string_view before, std::string_view after,
                           std::string_view header, Validated& v);

  // The first-pass patterns, one per line, for `datasweep detectors --export-patterns`.
  std::vector<std::string> ExportPatterns() const;
  const std::vector<std::unique_ptr<Detector>>& Detectors() const { return detectors_; }
  const Detector* Find(std::string_view id) const;
  // Longest text a single match can span; chunk overlap must be at least this.
  static constexpr size_t kMaxMatchLength = 200;
  // The first pass runs the set over slices of this size (each extended by kSliceOverlap), so
  // a pattern's own regex then searches only the slices where the set saw it: re-scanning a
  // whole 64 KiB window per hit pattern cost 5x the set pass (docs/performance.md).
  static constexpr size_t kSlice = 4096;
  static constexpr size_t kSliceOverlap = kMaxMatchLength + 56;

 private:
  // A word list indexed by first byte: FindFirst makes one pass over a context window instead
  // of one substring search per word, with the same answer.
  class WordIndex {
   public:
    explicit WordIndex(std::vector<std::string_view> words);
    // The first word of the list (in list order) that occurs in `lowered`, else "".
    std::string_view FindFirst(std::string_view lowered) const;

   private:
    std::vector<std::string_view> words_;
    std::vector<uint16_t> order_;        // word indices grouped by first byte, ascending
    std::array<uint16_t, 257> group_{};  // byte b's words: order_[group_[b], group_[b + 1])
    size_t first_empty_;                 // an empty word is found everywhere
    // Bit PairHash(w[0], w[1]) is set for every word of two bytes or more, and bit
    // PairHash(w[0], x) for every x when a word is one byte: a clear bit rules a position out
    // in one test (most positions of a context window start no word).
    static size_t PairHash(unsigned char a, unsigned char b) { return (a * 67u + b) & 1023u; }
    std::array<uint64_t, 16> pairs_{};
  };
  struct Pattern {
    const Detector* detector;
    std::unique_ptr<re2::RE2> re;
    // The detector's word lists, fetched once (the virtuals build a vector on every call).
    WordIndex context_words;
    WordIndex negative_words;
    // The detector's hand-written matcher for this pattern, if any: then the pattern is not in
    // the set, and Scan finds its matches with the matcher alone.
    std::unique_ptr<PatternMatcher> matcher;
  };
  // ScoreContext with the pattern's cached word lists; lower-cases into stack buffers.
  static bool ScoreContextCached(const Pattern& p, std::string_view before, std::string_view after,
                                 std::string_view header, Validated& v);
  // Validates and scores one match of `p` at text[start, start + length) and emits it.
  void EmitMatch(const Pattern& p, std::string_view text, size_t start, size_t length,
                 std::string_view header, const std::function<void(const Detection&)>& emit) const;
  // Emits the matches of `p` that end in (report_from, n], or (report_from, n) unless `final`.
  void ScanWithMatcher(const Pattern& p, std::string_view text, size_t report_from, bool final,
                       std::string_view header,
                       const std::function<void(const Detection&)>& emit) const;

  std::vector<std::unique_ptr<Detector>> detectors_;
  std::vector<Pattern> patterns_;
  std::unique_ptr<RE2::Set> set_;
  std::vector<int> set_patterns_;      // the set's index → index in patterns_
  std::vector<int> matcher_patterns_;  // indices in patterns_ of those with a matcher, ascending
};

}  // namespace datasweep
