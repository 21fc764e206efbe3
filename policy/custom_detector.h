// Custom detectors from the policy file: a trust's own identifiers (a payroll number pattern)
// or term lists (local codenames for safeguarding cases, a school's own SEN vocabulary). Each
// becomes an ordinary Detector, so it is compiled into the same first-pass set, context-scored,
// counted, masked and reported like a built-in one. Immutable once made; shared by threads.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classifiers/detector.h"

namespace datasweep {

struct CustomDetectorSpec {
  std::string id;  // lower_snake_case, not a built-in id
  std::string description;
  DetailKind kind = DetailKind::kIdentifier;
  bool strong = false;                // one match identifies one person (counts people)
  std::vector<std::string> patterns;  // RE2, byte semantics (as built-in patterns)
  std::vector<std::string> terms;     // literal words or phrases: case-insensitive, whole words
  std::vector<std::string> context;   // words that raise confidence nearby (lower-cased)
  bool needs_context = false;         // keep a match only with a context word or header
  Confidence confidence = Confidence::kMedium;
};

// Policy-file names of the detail kinds: name, address, phone, email, date_of_birth,
// identifier, special, financial, credential, assessment.
std::optional<DetailKind> DetailKindFromPolicyName(std::string_view s);

// The first-pass patterns of a spec (its patterns, plus one alternation for its terms).
std::vector<std::string> CustomPatterns(const CustomDetectorSpec& spec);

// "" when the spec is usable, else why not (a pattern that does not compile, no pattern or
// term, a term longer than a match may be).
std::string CheckCustomDetector(const CustomDetectorSpec& spec);

std::unique_ptr<Detector> MakeCustomDetector(const CustomDetectorSpec& spec);

}  // namespace datasweep
