// Names of people in prose: "Mrs Khan", "Smith, John", "John Smith" — forename and surname
// dictionaries plus capitalisation, position and nearby words. (Table cells are typed by their
// column header instead: classifiers/table_headers.cc.) A name alone says little; the ledger
// counts a name as a data subject only when personal details stand next to it.
#include <algorithm>
#include <array>
#include <vector>

#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"
#include "classifiers/detectors/name_run_matcher.h"
#include "classifiers/latin_text.h"
#include "classifiers/name_dictionary.h"

namespace datasweep {
namespace {

constexpr std::array<std::string_view, 8> kTitles = {"mr", "mrs", "miss",   "ms",
                                                     "mx", "dr",  "master", "mstr"};

// Words that introduce a person's name ("Pupil name: Ayesha Khan", "Dear Tom Baker").
constexpr std::array<std::string_view, 16> kLeadIns = {
    "name", "pupil",  "child",  "son",    "daughter", "student", "learner",  "dear",
    "re:",  "mother", "father", "parent", "carer",    "signed",  "employee", "staff member"};

// The words of a match, split at spaces, commas and tabs (a word does not start with '.').
// Held inline: a name match has at most five words (a longer run would spill to the heap), so
// validating one of the ~4 candidates per KB of prose allocates nothing.
class WordList {
 public:
  explicit WordList(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\t')) ++i;
      size_t j = i;
      while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
      if (j > i) Push(s.substr(i, j - i));
      i = j;
    }
  }
  size_t size() const { return size_; }
  std::string_view operator[](size_t i) const {
    return i < kInline ? inline_[i] : more_[i - kInline];
  }
  std::string_view back() const { return (*this)[size_ - 1]; }

 private:
  static constexpr size_t kInline = 8;
  void Push(std::string_view w) {
    if (size_ < kInline)
      inline_[size_] = w;
    else
      more_.push_back(w);
    ++size_;
  }
  std::array<std::string_view, kInline> inline_;
  std::vector<std::string_view> more_;
  size_t size_ = 0;
};

// ASCII lower case of `s` (at most N bytes: callers cut it) into `buf`, without a heap string.
template <size_t N>
std::string_view LowerInto(std::string_view s, char (&buf)[N]) {
  const size_t n = std::min(s.size(), N);
  for (size_t i = 0; i < n; ++i) buf[i] = latin_text::AsciiLower(s[i]);
  return std::string_view(buf, n);
}

bool IsTitle(std::string_view w) {
  if (w.ends_with('.')) w.remove_suffix(1);  // "Mr. Smith"
  if (w.size() > 6) return false;            // longer than "master"
  char buf[6];
  const std::string_view l = LowerInto(w, buf);
  for (auto t : kTitles)
    if (l == t) return true;
  return false;
}

bool LeadInBefore(std::string_view before) {
  char buf[24];
  const std::string_view l =
      LowerInto(before.substr(before.size() > 24 ? before.size() - 24 : 0), buf);
  for (auto w : kLeadIns)
    if (l.find(w) != std::string_view::npos) return true;
  return false;
}

// A class or year group right after the words: "Ayesha Okafor (7B)", "Tom Ng, Year 10".
// Schools write a pupil's name this way in notes, logs and letters; a place or a product is
// not followed by a registration group.
bool GroupAfter(std::string_view after) {
  size_t i = 0;
  while (i < after.size() && after[i] == ' ') ++i;
  if (i >= after.size() || (after[i] != '(' && after[i] != ',')) return false;
  ++i;
  while (i < after.size() && after[i] == ' ') ++i;
  std::string_view rest = after.substr(i);
  auto digits = [](std::string_view s, size_t from) {
    size_t j = from;
    while (j < s.size() && j - from < 2 && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    return j - from;
  };
  auto word_end = [](std::string_view s, size_t j) {
    return j == s.size() || !std::isalnum(static_cast<unsigned char>(s[j]));
  };
  // "Year 7", "Yr 7", "Y7"
  for (std::string_view y : {"Year ", "Yr ", "Y"}) {
    if (rest.starts_with(y)) {
      const size_t d = digits(rest, y.size());
      if (d > 0 && word_end(rest, y.size() + d)) return true;
    }
  }
  // "7B", "10T", "11HW": a year number and a form letter or two.
  const size_t d = digits(rest, 0);
  if (d == 0) return false;
  size_t j = d;
  while (j < rest.size() && j - d < 3 && std::isupper(static_cast<unsigned char>(rest[j]))) ++j;
  return j > d && word_end(rest, j);
}

bool AllUpper(std::string_view w) {
  for (char c : w)
    if (std::islower(static_cast<unsigned char>(c))) return false;
  return w.size() >= 3;  // "GB", "UK", "PE" are codes, not surnames
}

// "Appiah-Kubi", "O'Neill": a surname when it, or any hyphenated part of it, is in the list.
bool KnownSurname(const NameDictionary& dict, std::string_view w) {
  if (dict.IsSurname(w)) return true;
  size_t pos = 0;
  while (pos < w.size()) {
    size_t dash = w.find('-', pos);
    if (dash == std::string_view::npos) dash = w.size();
    if (dash > pos + 1 && dict.IsSurname(w.substr(pos, dash - pos))) return true;
    pos = dash + 1;
  }
  return false;
}

// Surname particles that are found only in names (Irish, Welsh, Scottish, Arabic, Dutch,
// German): "Ó Súilleabháin", "Ní Bhriain", "ap Rhys", "van der Berg", "bin Rashid". The weaker
// ones ("de", "La", "Al") are also ordinary words; all of them are IsNameParticle.
constexpr std::array<std::string_view, 20> kStrongParticles = {
    "Ó",   "Ní",  "Nic", "Mac", "Mc",  "Ap",  "ap",  "Ab",  "ab",   "Ua",
    "Bin", "bin", "Ibn", "ibn", "Van", "van", "Von", "von", "Bint", "bint"};

template <size_t N>
bool OneOf(const std::array<std::string_view, N>& list, std::string_view w) {
  for (auto p : list)
    if (p == w) return true;
  return false;
}

// The word starts with a capital letter (ASCII or not): "Zoë", "Łukasz", "Élodie".
bool Capitalised(std::string_view w) {
  if (w.empty()) return false;
  size_t len = 0;
  return latin_text::IsUpper(latin_text::Decode(w, 0, &len));
}

// The match is a whole run of words: no letter or digit glued to either end ("xÉabha").
bool WholeWords(const Candidate& c) {
  const char32_t before = latin_text::DecodeBefore(c.before, c.before.size());
  size_t len = 0;
  const char32_t after = c.after.empty() ? 0 : latin_text::Decode(c.after, 0, &len);
  auto glued = [](char32_t ch) {
    return (ch < 0x80 && std::isalnum(static_cast<int>(ch))) || latin_text::IsLetter(ch);
  };
  return !glued(before) && !glued(after);
}

// A field label right before the words: "Pupil name: ", "Employee: ", "Dear ". Forms and
// letters put a person's name there whatever the name is.
bool LabelBefore(std::string_view before) {
  size_t end = before.size();
  while (end > 0 && (before[end - 1] == ' ' || before[end - 1] == '\t')) --end;
  // Only the end is looked at: the longest label ("member of staff:") is 16 bytes.
  char buf[16];
  const std::string_view l =
      LowerInto(before.substr(end > 16 ? end - 16 : 0, std::min<size_t>(end, 16)), buf);
  if (l.ends_with("dear"))
    return end == 4 || !std::isalpha(static_cast<unsigned char>(l[l.size() - 5]));
  if (!l.ends_with(":")) return false;
  static constexpr std::array<std::string_view, 14> kLabels = {
      "name:",     "pupil:",        "child:",           "student:", "learner:",
      "employee:", "staff member:", "member of staff:", "mother:",  "father:",
      "parent:",   "carer:",        "guardian:",        "signed:"};
  for (auto label : kLabels)
    if (l.ends_with(label)) return true;
  return false;
}

class PersonNameDetector final : public Detector {
  static constexpr size_t kNameRun = 2;  // Patterns()[kNameRun] has a NameRunMatcher

 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"person_name", DetailKind::kName, false, "a person's name"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    const NamePatternClasses& c = NameClasses();
    return {R"(\b(?:Mr|Mrs|Miss|Ms|Mx|Dr|Master)\.? )" + c.upper + c.sur + "(?: " + c.upper +
                c.sur + ")?",
            c.start + c.sur + ", ?" + c.upper + c.fore,
            // The run of capitalised words, matched by hand (kNameRun): found everywhere in prose.
            NameRunMatcher::Pattern(),
            // A letter's salutation names its person by the forename alone: "Dear Yusuf,".
            R"(\bDear )" + c.upper + c.fore + ","};
  }
  std::unique_ptr<PatternMatcher> MatcherFor(size_t pattern) const override {
    if (pattern != kNameRun) return nullptr;
    return std::make_unique<NameRunMatcher>();
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"name",   "pupil",  "child", "son", "daughter", "student", "dear", "mother",
            "father", "parent", "carer", "mr",  "mrs",      "miss",    "ms",   "signed"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const WordList words(c.match);
    if (words.size() < 2 || !WholeWords(c)) return std::nullopt;
    const NameDictionary& dict = NameDictionary::Get();
    if (words.size() == 2 && words[0] == "Dear" && c.match.ends_with(',')) {
      const std::string_view forename = words[1];
      if (!Capitalised(forename) || !dict.IsForename(forename) || dict.IsCommonWord(forename))
        return std::nullopt;
      return Named(std::string(forename), Confidence::kMedium, "forename in a salutation");
    }
    if (IsTitle(words[0])) {
      const std::string_view surname = words.back();
      if (!Capitalised(surname) || (dict.IsCommonWord(surname) && !dict.IsSurname(surname)))
        return std::nullopt;
      std::string_view title = words[0];
      if (title.ends_with('.')) title.remove_suffix(1);
      return Named(std::string(title) + " " + std::string(surname),
                   dict.IsSurname(surname) ? Confidence::kHigh : Confidence::kMedium,
                   "title and surname");
    }
    if (c.match.find(',') != std::string_view::npos) {
      // "Smith, John": surname first, as registers and MIS exports write it.
      if (words.size() == 2 && Capitalised(words[0]) && Capitalised(words[1]) &&
          dict.IsSurname(words[0]) && dict.IsForename(words[1]) && !dict.IsCommonWord(words[1]))
        return Named(std::string(words[1]) + " " + std::string(words[0]), Confidence::kMedium,
                     "surname, forename");
      return std::nullopt;
    }
    // "John Smith", "John Paul Smith", "Siobhán Ó Súilleabháin", "Anna van der Berg": given
    // names, then particles, then the surname.
    size_t given = words.size() - 1;
    while (given > 1 && IsNameParticle(words[given - 1])) --given;
    bool strong_particle = false;
    for (size_t i = given; i + 1 < words.size(); ++i)
      strong_particle |= OneOf(kStrongParticles, words[i]);
    for (size_t i = 0; i < given; ++i)
      if (!Capitalised(words[i])) return std::nullopt;
    if (!Capitalised(words.back())) return std::nullopt;
    return Judge(c, words, given, strong_particle);
  }

 private:
  // Decides whether words[first..given) + surname is a name, trying the longest given part first.
  static std::optional<Validated> Judge(const Candidate& c, const WordList& words, size_t given,
                                        bool strong_particle) {
    const NameDictionary& dict = NameDictionary::Get();
    const std::string_view surname = words.back();
    // The surname's lookups do not depend on where the given names start: made once. (The loop
    // always reaches them: first = given - 1 has no middle words.)
    const bool known_sur = KnownSurname(dict, surname);
    const bool sur = known_sur || AllUpper(surname) || strong_particle;
    const bool common_sur = dict.IsCommonWord(surname) && !dict.IsSurname(surname);
    // The value (forename, then the particles and surname) is built only for an accepted name.
    auto named = [&](size_t first, Confidence conf, std::string note) {
      std::string value(words[first]);
      for (size_t i = given; i < words.size(); ++i) value.append(" ").append(words[i]);
      return Named(value, conf, std::move(note));
    };
    for (size_t first = 0; first < given; ++first) {
      const std::string_view forename = words[first];
      // Middle words must themselves be names ("John Paul Smith", not "Reg No GB").
      bool middles = true;
      for (size_t i = first + 1; i < given; ++i)
        middles &= dict.IsForename(words[i]) || KnownSurname(dict, words[i]);
      if (!middles) continue;
      const bool fore = dict.IsForename(forename);
      const bool common_fore = dict.IsCommonWord(forename);
      // The context tests (16 substring searches for a lead-in) run last, when all else holds.
      if (fore && sur && !common_fore && !common_sur)
        return named(first, Confidence::kMedium, "forename and surname");
      // Surnames from every culture are not all in any list: a known forename followed by a
      // capitalised word that is not ordinary English is taken for a name.
      if (fore && !common_fore && !common_sur && surname.size() >= 2)
        return named(first, Confidence::kMedium, "known forename");
      if (first == 0 && !common_fore && !common_sur && (fore || sur) && LeadInBefore(c.before))
        return named(first, Confidence::kMedium, "name after a lead-in word");
      // A form's name field ("Pupil name:", "Employee:") or a salutation holds a name, even one
      // in no list; a forename that is also a word ("Poppy", "Grace") counts there too.
      if (first == 0 && (fore || !common_fore) && !common_sur && !AllUpper(forename) &&
          LabelBefore(c.before))
        return named(first, Confidence::kMedium, "name in a name field");
      // Names from outside the lists: two capitalised non-words followed by a class group.
      if ((fore || !common_fore) && !common_sur && !AllUpper(forename) && given == 1 &&
          GroupAfter(c.after))
        return named(first, Confidence::kMedium, "name before a class or year group");
      // Irish, Welsh, Scottish and Arabic particles ("Ní", "ap", "Mac", "bin") mark a surname.
      if (strong_particle && !common_fore && !common_sur)
        return named(first, Confidence::kMedium, "surname particle");
      if (fore && sur && known_sur && !common_sur)
        return named(first, Confidence::kMedium, "forename and surname");
      if (fore && sur) return named(first, Confidence::kLow, "name made of common words");
    }
    return std::nullopt;
  }

  static Validated Named(std::string value, Confidence c, std::string note) {
    // Folded ("Zoë Wójcik" → "zoe wojcik") so one person written two ways is one subject.
    return Validated{latin_text::Fold(value), c, false, std::move(note)};
  }
};

}  // namespace
std::unique_ptr<Detector> MakePersonNameDetector() {
  return std::make_unique<PersonNameDetector>();
}
}  // namespace datasweep
