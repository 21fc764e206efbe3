// Names of people in prose: "Mrs Khan", "Smith, John", "John Smith" — forename and surname
// dictionaries plus capitalisation, position and nearby words. (Table cells are typed by their
// column header instead: classifiers/table_headers.cc.) A name alone says little; the ledger
// counts a name as a data subject only when personal details stand next to it.
#include <array>
#include <vector>

#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"
#include "classifiers/name_dictionary.h"

namespace datasweep {
namespace {

constexpr std::array<std::string_view, 8> kTitles = {"mr", "mrs", "miss", "ms", "mx", "dr", "master", "mstr"};

// Words that introduce a person's name ("Pupil name: Ayesha Khan", "Dear Tom Baker").
constexpr std::array<std::string_view, 16> kLeadIns = {
    "name", "pupil", "child", "son", "daughter", "student", "learner", "dear", "re:", "mother", "father",
    "parent", "carer", "signed", "employee", "staff member"};

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\t')) ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',' && s[j] != '\t') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsTitle(std::string_view w) {
  const std::string l = detector_util::Lower(w);
  for (auto t : kTitles)
    if (l == t) return true;
  return false;
}

bool LeadInBefore(std::string_view before) {
  const std::string l = detector_util::Lower(before.substr(before.size() > 24 ? before.size() - 24 : 0));
  for (auto w : kLeadIns)
    if (l.find(w) != std::string::npos) return true;
  return false;
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

class PersonNameDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"person_name", DetailKind::kName, false, "a person's name"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(\b(?:Mr|Mrs|Miss|Ms|Mx|Dr|Master)\.? [A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?)",
            R"(\b[A-Z][A-Za-z'\-]{1,30}, ?[A-Z][a-z'\-]{1,30}\b)",
            R"(\b[A-Z][a-z'\-]{1,20}(?: [A-Z][a-z'\-]{1,20})? [A-Z][A-Za-z'\-]{1,30}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"name", "pupil", "child", "son", "daughter", "student", "dear", "mother", "father", "parent",
            "carer", "mr", "mrs", "miss", "ms", "signed"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const auto words = Words(c.match);
    if (words.size() < 2) return std::nullopt;
    const NameDictionary& dict = NameDictionary::Get();
    if (IsTitle(words[0])) {
      const std::string_view surname = words.back();
      if (dict.IsCommonWord(surname) && !dict.IsSurname(surname)) return std::nullopt;
      return Named(std::string(words[0]) + " " + std::string(surname),
                   dict.IsSurname(surname) ? Confidence::kHigh : Confidence::kMedium, "title and surname");
    }
    if (c.match.find(',') != std::string_view::npos && words.size() == 2) {
      // "Smith, John": surname first, as registers and MIS exports write it.
      if (dict.IsSurname(words[0]) && dict.IsForename(words[1]) && !dict.IsCommonWord(words[1]))
        return Named(std::string(words[1]) + " " + std::string(words[0]), Confidence::kMedium, "surname, forename");
      return std::nullopt;
    }
    if (c.match.find(',') != std::string_view::npos) return std::nullopt;
    // "John Smith" / "John Paul Smith" / "Pupil John Smith": try the last two words, then more.
    const std::string_view surname = words.back();
    for (size_t first = 0; first + 1 < words.size(); ++first) {
      const std::string_view forename = words[first];
      // A middle word must itself be a name ("John Paul Smith", not "Reg No GB").
      if (words.size() == 3 && first == 0 && !dict.IsForename(words[1]) && !KnownSurname(dict, words[1])) continue;
      const bool fore = dict.IsForename(forename);
      const bool sur = KnownSurname(dict, surname) || AllUpper(surname);
      const bool common_fore = dict.IsCommonWord(forename);
      const bool common_sur = dict.IsCommonWord(surname) && !dict.IsSurname(surname);
      const bool lead_in = first == 0 && LeadInBefore(c.before);
      const std::string value = std::string(forename) + " " + std::string(surname);
      if (fore && sur && !common_fore && !common_sur) return Named(value, Confidence::kMedium, "forename and surname");
      // Surnames from every culture are not all in any list: a known forename followed by a
      // capitalised word that is not ordinary English is taken for a name.
      if (fore && !common_fore && !common_sur && surname.size() >= 2) return Named(value, Confidence::kMedium, "known forename");
      if (lead_in && !common_fore && !common_sur && (fore || sur)) return Named(value, Confidence::kMedium, "name after a lead-in word");
      if (fore && sur && KnownSurname(dict, surname) && !common_sur) return Named(value, Confidence::kMedium, "forename and surname");
      if (fore && sur) return Named(value, Confidence::kLow, "name made of common words");
    }
    return std::nullopt;
  }

 private:
  static Validated Named(std::string value, Confidence c, std::string note) {
    return Validated{detector_util::Lower(value), c, false, std::move(note)};
  }
};

}  // namespace
std::unique_ptr<Detector> MakePersonNameDetector() { return std::make_unique<PersonNameDetector>(); }
}  // namespace datasweep
