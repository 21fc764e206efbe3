// The detector interface (Presidio's PatternRecognizer in C++). A detector bundles candidate
// patterns, context words, column headers and a validate step, and reports a confidence.
// Detectors are immutable after construction and shared by all threads. Adding one is a
// `classifiers/detectors/<id>_detector.cc` plus one line in classifiers/detector_list.inc and
// an entry in policy/default_policy.yaml.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classifiers/pattern_matcher.h"

namespace datasweep {

enum class Confidence { kLow = 0, kMedium = 1, kHigh = 2 };
std::string_view ToString(Confidence c);
std::optional<Confidence> ConfidenceFromString(std::string_view s);

// The kinds of personal detail counted by the complete-record rule (SPEC §1).
enum class DetailKind {
  kName,     // a person's name
  kAddress,  // street line or postcode
  kPhone,
  kEmail,  // a personal e-mail address
  kDateOfBirth,
  kIdentifier,  // UPN, ULN, NI, NHS, passport, licence
  kSpecial,     // special-category / school-sensitive data (SEN, medical, FSM, …)
  kFinancial,   // bank details, card numbers, salaries
  kCredential,  // a written-down password or key: not personal data, but its own rule
  kAssessment,  // marks, grades, results: personal with a name, not a complete-record kind
};
std::string_view ToString(DetailKind k);

struct DetectorInfo {
  std::string_view id;  // stable, used in output and policy: "nhs_number"
  DetailKind kind;
  bool strong;                   // identifies one person by itself (UPN, NI, …): a subject key
  std::string_view description;  // one line for `datasweep detectors`
};

// A first-pass match and the text around it, as a validator sees it.
struct Candidate {
  std::string_view match;   // the matched bytes
  std::string_view before;  // up to kContextWindow bytes before the match (same text run)
  std::string_view after;   // up to kContextWindow bytes after it
  std::string_view header;  // the column header when the match is in a table cell, else ""
};
inline constexpr size_t kContextWindow = 96;

// What a validator concludes about a candidate.
struct Validated {
  std::string value;  // normalised value (memory only; never written out unmasked)
  Confidence confidence = Confidence::kMedium;
  bool needs_context = false;  // keep only if a context word or header supports it
  std::string note;            // "mod 11 valid", "Luhn valid, Visa"
  bool identifying = false;    // this value alone points at one person (a personal webmail address)
};

class Detector {
 public:
  virtual ~Detector() = default;
  virtual const DetectorInfo& Info() const = 0;
  // RE2 patterns (byte/ASCII semantics, case-sensitive unless they say (?i)) whose matches are
  // candidates. Keep them cheap: validation happens in Validate.
  virtual std::vector<std::string> Patterns() const = 0;
  // Lower-case words that, found near a candidate or in its column header, raise confidence.
  virtual std::vector<std::string_view> ContextWords() const { return {}; }
  // Lower-case words that, found just before a candidate, mark it as an organisation's own
  // detail (a letterhead's "School Office Tel"), which lowers confidence.
  virtual std::vector<std::string_view> NegativeContextWords() const { return {}; }
  // A hand-written matcher equal to Patterns()[pattern] (classifiers/pattern_matcher.h), for a
  // pattern with candidates everywhere; null (the default) leaves the pattern to RE2.
  virtual std::unique_ptr<PatternMatcher> MatcherFor(size_t /*pattern*/) const { return nullptr; }
  // Accepts (with a confidence) or rejects (nullopt) a candidate.
  virtual std::optional<Validated> Validate(const Candidate& candidate) const = 0;
};

}  // namespace datasweep
