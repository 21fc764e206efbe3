// SubjectLedger and Classify: from findings to distinct data subjects and the verdict of
// SPEC §1. Counting people matters more than counting matches: a class list of 30 pupils is 30
// people; a letter naming one pupil twelve times is one.
//
// Memory is bounded independent of the file's size: a table row is folded into counters when
// the next row starts, a prose finding is decided and dropped once the stream has moved more
// than a tie distance past it (see AdvanceProse), and distinct people are kept as 64-bit
// hashes, exactly up to kMaxTrackedSubjects each for tables and prose, after which the count
// is reported as "at least N".
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "classifiers/finding.h"
#include "classifiers/verdict.h"

namespace datasweep {

struct ClassifierSettings {
  int restricted_min_people = 10;     // PROTECTED data about this many people → RESTRICTED
  int complete_record_min_kinds = 4;  // kinds of detail besides the name → RESTRICTED
  Confidence min_confidence = Confidence::kMedium;
  // Per-detector overrides of min_confidence (policy `detectors: {id: {min_confidence: …}}`).
  std::map<std::string, Confidence, std::less<>> detector_min_confidence;
};

// A set of 64-bit hashes (open addressing) that stops growing at `cap` entries. Not
// thread-safe.
class CappedHashSet {
 public:
  explicit CappedHashSet(size_t cap) : cap_(cap) {}
  // Inserts `h`; false if it was there already or the set is full (then Saturated()).
  bool Insert(uint64_t h);
  bool Contains(uint64_t h) const;
  size_t Size() const { return size_; }
  bool Saturated() const { return saturated_; }
  size_t ApproxBytes() const { return slots_.capacity() * sizeof(uint64_t); }
  template <typename F>
  void ForEach(F&& f) const {
    for (uint64_t s : slots_)
      if (s != 0) f(s);
  }

 private:
  void Grow();
  std::vector<uint64_t> slots_;  // 0 = empty; a hash of 0 is stored as 1
  size_t size_ = 0;
  size_t cap_;
  bool saturated_ = false;
};

// Collects the findings of one file. Not thread-safe; one per file.
//
// Contract for bounded memory: the findings of one table row (same Finding::row) arrive
// together, and prose findings arrive with offsets no lower than the last AdvanceProse()
// mark. A caller that never calls AdvanceProse() gets the same verdict with memory growing in
// the prose findings. A row key that comes back after another row is counted as a separate
// row (anonymous rows still count as one person by their key).
class SubjectLedger {
 public:
  // Distinct people tracked exactly, per source (table rows, prose); well above any threshold.
  static constexpr size_t kMaxTrackedSubjects = 100000;

  void Add(const Finding& f);
  // No later Add() carries a prose offset below `offset`: prose findings more than a tie
  // distance behind it are decided and dropped.
  void AdvanceProse(int64_t offset);
  // Distinct people, the verdict, and its reasons. Folds what is pending; may be called again.
  Verdict Conclude(const ClassifierSettings& settings);

  // Heap and object bytes the ledger holds now (behavioural bound for tests and docs).
  size_t ApproxBytes() const;

 private:
  using KindMask = uint32_t;
  struct Row {
    int64_t key = -1;
    KindMask kinds = 0;
    uint64_t identity = 0;  // hash of the strongest identifying value (identifier)
    bool has_identifier = false;
    bool has_name = false;
  };
  // A prose finding, kept until the findings within tie distance of it are known.
  struct ProseFinding {
    int64_t offset = 0;
    uint64_t key = 0;  // identity hash for counting ("upn:…", "name:jane smith"), 0 if none
    DetailKind kind = DetailKind::kName;
    bool strong = false;  // an official identifier
    bool name = false;
    bool needs_tie = false;  // counts only next to a person (special category, pay, bank)
  };
  void Explain(const Finding& f);
  void CountDetection(std::string_view id);
  void FoldRow();
  void Decide(size_t i);
  bool Near(size_t i, bool (*pred)(const ProseFinding&), int64_t distance) const;

  Row row_;                          // the row being filled
  std::vector<ProseFinding> prose_;  // sorted by offset; [0, decided_) already decided
  size_t decided_ = 0;
  int64_t prose_mark_ = 0;  // AdvanceProse() mark

  // Folded state.
  CappedHashSet row_people_{kMaxTrackedSubjects};
  CappedHashSet prose_people_{kMaxTrackedSubjects};
  int best_record_kinds_ = 0;
  KindMask best_record_ = 0;
  int64_t best_record_row_ = -1;
  KindMask prose_kinds_ = 0;
  bool tied_sensitive_ = false;

  std::vector<std::pair<std::string, int>> detections_;  // detector id → count (few ids)
  size_t last_detection_ = 0;
  std::string best_explanation_;  // the strongest single finding, for reasons
  int best_rank_ = -1;
  bool credential_ = false, standalone_financial_ = false;
};

}  // namespace datasweep
