// The person-name detector's main pattern — a run of capitalised words, "Forename [Middle]
// [particles] Surname" — as RE2 text and as a hand-written PatternMatcher that finds the same
// matches (tests/classifiers/name_run_matcher_test.cc holds the two equal).
#pragma once
#include <string>
#include <string_view>

#include "classifiers/pattern_matcher.h"

namespace datasweep {

// The byte classes of the person-name patterns in RE2 syntax. The patterns run in Latin-1 mode
// over UTF-8, so a letter outside ASCII is two or three bytes, accepted here whatever its case
// (the validator decodes it).
struct NamePatternClasses {
  std::string multi;     // a two- or three-byte Latin letter
  std::string upper;     // a capital: A-Z or a multi-byte letter
  std::string start;     // a capital starting a word: \b[A-Z] or a multi-byte letter
  std::string lower;     // a-z or a multi-byte letter
  std::string any;       // A-Za-z or a multi-byte letter
  std::string join;      // ' - ’ inside a name: O'Brien, Smith-Jones, O’Neill
  std::string fore;      // the rest of a given name after its capital (1 to 20 letters)
  std::string sur;       // the rest of a surname after its capital (1 to 30 letters)
  std::string particle;  // a surname particle and its space: "van ", "Ní ", "bin "
};
const NamePatternClasses& NameClasses();

// "Ó", "Ní", "ap", "van", "bin", "de", …: a word written before a surname.
bool IsNameParticle(std::string_view word);

class NameRunMatcher final : public PatternMatcher {
 public:
  // start fore (" " upper fore)? " " (particle){0,2} upper sur
  static std::string Pattern();
  bool Find(std::string_view text, size_t from, size_t* start, size_t* length) const override;
};

}  // namespace datasweep
