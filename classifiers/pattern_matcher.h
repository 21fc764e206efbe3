// PatternMatcher: a hand-written matcher for one detector pattern that finds exactly the
// matches its RE2 finds (leftmost-first, byte semantics, the whole text as context). For a
// pattern with candidates everywhere (a person's name: ~3 per KB of prose) RE2 costs a forward
// and a reverse DFA pass per candidate plus a share of the multi-pattern pass; a matcher that
// skips to the few bytes a match can start at costs a fraction of that.
//
// The regex stays the definition: it is what `datasweep detectors --export-patterns` prints,
// and a test holds each matcher equal to its regex on random and real text.
#pragma once
#include <cstddef>
#include <string_view>

namespace datasweep {

class PatternMatcher {
 public:
  virtual ~PatternMatcher() = default;
  // The leftmost-first match of the pattern that starts at or after `from` in `text`: sets
  // *start and *length and returns true, or returns false when there is none. Bytes before
  // `from` are context (a \b looks at text[from - 1]), as in RE2::Match with a start position.
  virtual bool Find(std::string_view text, size_t from, size_t* start, size_t* length) const = 0;
};

}  // namespace datasweep
