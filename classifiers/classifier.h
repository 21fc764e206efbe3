// SubjectLedger and Classify: from findings to distinct data subjects and the verdict of
// SPEC §1. Counting people matters more than counting matches: a class list of 30 pupils is 30
// people; a letter naming one pupil twelve times is one.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "classifiers/finding.h"
#include "classifiers/verdict.h"

namespace datasweep {

struct ClassifierSettings {
  int restricted_min_people = 10;      // PROTECTED data about this many people → RESTRICTED
  int complete_record_min_kinds = 4;   // kinds of detail besides the name → RESTRICTED
  Confidence min_confidence = Confidence::kMedium;
};

// Collects the findings of one file. Not thread-safe; one per file.
class SubjectLedger {
 public:
  void Add(const Finding& f);
  // Distinct people, the verdict, and its reasons.
  Verdict Conclude(const ClassifierSettings& settings) const;

 private:
  struct Row {
    std::set<DetailKind> kinds;
    std::string identity;      // strongest identifying value (identifier, else name)
    bool has_identifier = false;
    bool has_name = false;
  };
  // A prose finding, kept until the end so details can be tied to the people near them.
  struct ProseFinding {
    DetailKind kind;
    std::string key;           // identity for counting ("upn:…", "name:jane smith"), "" if none
    bool strong = false;       // an official identifier
    bool name = false;
    bool needs_tie = false;    // counts only next to a person (special category, pay, bank)
    int64_t offset = 0;
  };
  void Explain(const Finding& f);
  bool Near(const ProseFinding& f, bool (*pred)(const ProseFinding&), int64_t distance) const;

  std::map<int64_t, Row> rows_;                   // table rows with personal columns
  std::vector<ProseFinding> prose_;
  std::map<std::string, int> detections_;
  std::string best_explanation_;                  // the strongest single finding, for reasons
  int best_rank_ = -1;
  bool credential_ = false, standalone_financial_ = false, row_special_ = false, row_financial_ = false;
};

}  // namespace datasweep
