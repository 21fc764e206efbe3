#include "classifiers/table_headers.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <unordered_map>
#include <vector>

#include "classifiers/latin_text.h"

namespace datasweep {
namespace {

struct HeaderRule {
  std::string_view phrase;  // matched against the normalised header (whole, or as words)
  bool whole;               // must equal the whole header, not just appear in it
  ColumnInfo info;
};

constexpr ColumnInfo kName{"person_name", DetailKind::kName, true, false};
constexpr ColumnInfo kUpn{"upn", DetailKind::kIdentifier, true, true};
constexpr ColumnInfo kUln{"uln", DetailKind::kIdentifier, true, true};
constexpr ColumnInfo kNhs{"nhs_number", DetailKind::kIdentifier, true, true};
constexpr ColumnInfo kNino{"nino", DetailKind::kIdentifier, true, true};
constexpr ColumnInfo kAdno{"admission_number", DetailKind::kIdentifier, true, false};
constexpr ColumnInfo kDob{"date_of_birth", DetailKind::kDateOfBirth, false, true};
constexpr ColumnInfo kPostcode{"postcode", DetailKind::kAddress, false, true};
constexpr ColumnInfo kAddress{"street_address", DetailKind::kAddress, false, false};
constexpr ColumnInfo kPhone{"phone", DetailKind::kPhone, false, true};
constexpr ColumnInfo kEmail{"email", DetailKind::kEmail, false, true};
constexpr ColumnInfo kSpecial{"special_category", DetailKind::kSpecial, false, false};
constexpr ColumnInfo kSalary{"salary", DetailKind::kFinancial, false, false};
constexpr ColumnInfo kBank{"bank_account", DetailKind::kFinancial, false, false};
constexpr ColumnInfo kAssessment{"assessment_result", DetailKind::kAssessment, false, false};

// Order matters: the first rule that matches wins ("contact 1 tel" is a phone, not a name).
constexpr HeaderRule kRules[] = {
    // identifiers
    {"upn", false, kUpn},
    {"unique pupil number", false, kUpn},
    {"former upn", false, kUpn},
    {"uln", false, kUln},
    {"unique learner number", false, kUln},
    {"nhs", false, kNhs},
    {"nhs number", false, kNhs},
    {"ni number", false, kNino},
    {"ni no", false, kNino},
    {"nino", false, kNino},
    {"national insurance", false, kNino},
    {"adno", false, kAdno},
    {"admission no", false, kAdno},
    {"admission number", false, kAdno},
    {"pupil id", false, kAdno},
    {"student id", false, kAdno},
    {"person id", false, kAdno},
    {"employee no", false, kAdno},
    {"employee number", false, kAdno},
    {"payroll no", false, kAdno},
    {"staff id", false, kAdno},
    {"candidate number", false, kAdno},
    {"candidate no", false, kAdno},
    {"cand no", false, kAdno},
    {"exam number", false, kAdno},
    {"exam no", false, kAdno},
    {"misid", false, kAdno},
    {"mis id", false, kAdno},
    // contact details (before names: "contact 1 name" is handled below as a name)
    {"contact number", false, kPhone},
    {"contact no", false, kPhone},
    {"tel", false, kPhone},
    {"telephone", false, kPhone},
    {"phone", false, kPhone},
    {"mobile", false, kPhone},
    {"mob", true, kPhone},
    {"email", false, kEmail},
    {"e mail", false, kEmail},
    {"postcode", false, kPostcode},
    {"post code", false, kPostcode},
    {"postal code", false, kPostcode},
    {"address", false, kAddress},
    {"street", false, kAddress},
    {"address line 1", false, kAddress},
    {"house", true, kAddress},
    {"town", true, kAddress},
    // dates of birth
    {"dob", false, kDob},
    {"d o b", false, kDob},
    {"date of birth", false, kDob},
    {"birth date", false, kDob},
    {"birthdate", false, kDob},
    {"birthday", false, kDob},
    // names
    {"surname", false, kName},
    {"forename", false, kName},
    {"forenames", false, kName},
    {"first name", false, kName},
    {"firstname", false, kName},
    {"last name", false, kName},
    {"lastname", false, kName},
    {"family name", false, kName},
    {"given name", false, kName},
    {"middle name", false, kName},
    {"preferred name", false, kName},
    {"full name", false, kName},
    {"pupil name", false, kName},
    {"student name", false, kName},
    {"child name", false, kName},
    {"child s name", false, kName},
    {"employee name", false, kName},
    {"staff name", false, kName},
    {"parent name", false, kName},
    {"carer name", false, kName},
    {"primary carer", false, kName},
    {"contact name", false, kName},
    {"contact 1", false, kName},
    {"contact 2", false, kName},
    {"candidate name", false, kName},
    {"candidate", true, kName},
    {"child", true, kName},
    {"name", true, kName},
    {"pupil", true, kName},
    {"student", true, kName},
    {"learner", true, kName},
    {"mother", false, kName},
    {"father", false, kName},
    {"guardian", false, kName},
    // special-category and school-sensitive data
    {"sen", false, kSpecial},
    {"send", true, kSpecial},
    {"sen status", false, kSpecial},
    {"sen provision", false, kSpecial},
    {"primary need", false, kSpecial},
    {"need type", false, kSpecial},
    {"ehcp", false, kSpecial},
    {"fsm", false, kSpecial},
    {"free school meals", false, kSpecial},
    {"pupil premium", false, kSpecial},
    {"disadvantaged", false, kSpecial},
    {"ethnicity", false, kSpecial},
    {"ethnic", false, kSpecial},
    {"religion", false, kSpecial},
    {"medical", false, kSpecial},
    {"allergies", false, kSpecial},
    {"allergy", false, kSpecial},
    {"dietary", false, kSpecial},
    {"medication", false, kSpecial},
    {"looked after", false, kSpecial},
    {"in care", false, kSpecial},
    {"cla", true, kSpecial},
    {"lac", true, kSpecial},
    {"safeguarding", false, kSpecial},
    {"child protection", false, kSpecial},
    {"exclusion", false, kSpecial},
    {"eal", true, kSpecial},
    // pay and bank
    {"salary", false, kSalary},
    {"gross pay", false, kSalary},
    {"net pay", false, kSalary},
    {"spine point", false, kSalary},
    {"sort code", false, kBank},
    {"account number", false, kBank},
    {"account no", false, kBank},
    {"acc no", false, kBank},
    {"bank account", false, kBank},
    {"pay scale", false, kSalary},
    {"concern", false, kSpecial},
    {"concerns", false, kSpecial},
    {"incident", false, kSpecial},
    {"disclosure", false, kSpecial},
    {"attendance", false, kSpecial},
    {"absence", false, kSpecial},
    {"mark", false, kAssessment},
    {"marks", false, kAssessment},
    {"grade", false, kAssessment},
    {"score", false, kAssessment},
    {"result", false, kAssessment},
    {"results", false, kAssessment},
    {"progress", false, kAssessment},
    {"attainment", false, kAssessment},
    {"target", false, kAssessment},
    {"predicted", false, kAssessment},
    {"working at", false, kAssessment},
    {"ks2", false, kAssessment},
    {"ks 2", false, kAssessment},
    {"reading age", false, kAssessment},
    {"sats", false, kAssessment},
    {"percentage", false, kAssessment},
};

// True when `phrase` appears in `header` as whole words.
bool ContainsWords(std::string_view header, std::string_view phrase) {
  size_t pos = 0;
  while ((pos = header.find(phrase, pos)) != std::string_view::npos) {
    const bool left = pos == 0 || header[pos - 1] == ' ';
    const size_t end = pos + phrase.size();
    const bool right = end == header.size() || header[end] == ' ';
    if (left && right) return true;
    pos = end;
  }
  return false;
}

// Lower-cases and spaces words out. Word boundaries also fall where a run-together header
// changes case or between letters and digits ("DateOfBirth", "PostCode", "Contact1Tel"). An
// upper-case run before lower case is split before its last letter ("FSMEligible" → "fsm
// eligible"), or with `split_after_run` after the whole run (the DfE census's "FSMeligible",
// "SENprovision", "NCyearActual").
std::string Normalise(std::string_view header, bool split_after_run) {
  std::string out;
  auto space = [&out] {
    if (!out.empty() && out.back() != ' ') out.push_back(' ');
  };
  auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto is_lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  // ASCII classes, as <cctype> answers them in the C locale the scanner runs in (inline: a
  // text table sends every cell through here).
  auto is_alpha = [&](char c) { return is_upper(c) || is_lower(c); };
  for (size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    if (!is_alpha(c) && !is_digit(c)) {
      space();
      continue;
    }
    if (i > 0) {
      const char p = header[i - 1];
      const char n = i + 1 < header.size() ? header[i + 1] : '\0';
      const bool case_up = is_lower(p) && is_upper(c);
      const bool run_end = is_upper(p) && is_upper(c) && is_lower(n) && !split_after_run;
      const bool run_after =
          split_after_run && is_upper(p) && is_lower(c) && i >= 2 && is_upper(header[i - 2]);
      const bool digit_edge = (is_digit(p) && is_alpha(c)) || (is_alpha(p) && is_digit(c));
      if (case_up || run_end || digit_edge) space();
      if (run_after) {
        // "FSMe" → "fsm e": move the boundary in front of the lower-case letter.
        space();
      }
    }
    out.push_back(latin_text::AsciiLower(c));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string NormaliseHeader(std::string_view header) { return Normalise(header, false); }

std::optional<ColumnInfo> ClassifyHeaderByScan(std::string_view header) {
  if (header.size() > 80) return std::nullopt;  // prose in the first row, not a header
  for (bool split_after_run : {false, true}) {
    const std::string h = Normalise(header, split_after_run);
    if (h.empty()) return std::nullopt;
    for (const HeaderRule& r : kRules)
      if (r.whole ? h == r.phrase : ContainsWords(h, r.phrase)) return r.info;
  }
  return std::nullopt;
}

namespace {

// The rules by the first word of their phrase. A phrase is found as whole words, so only a rule
// whose first word is a word of the header can match: ClassifyHeader tests those few, in rule
// order, instead of searching for all ~160 phrases (a text table sends every cell of every line
// through it, looking for a new header).
class RulesByFirstWord {
 public:
  RulesByFirstWord() {
    for (uint16_t i = 0; i < std::size(kRules); ++i) {
      const std::string_view p = kRules[i].phrase;
      index_[p.substr(0, p.find(' '))].push_back(i);
    }
  }
  // Appends the indices of the rules whose phrase starts with the word `word`.
  void Add(std::string_view word, std::vector<uint16_t>& out) const {
    const auto it = index_.find(word);
    if (it != index_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }

 private:
  std::unordered_map<std::string_view, std::vector<uint16_t>> index_;
};

}  // namespace

std::optional<ColumnInfo> ClassifyHeader(std::string_view header) {
  static const RulesByFirstWord kIndex;
  if (header.size() > 80) return std::nullopt;  // prose in the first row, not a header
  std::vector<uint16_t> candidates;
  for (bool split_after_run : {false, true}) {
    const std::string h = Normalise(header, split_after_run);
    if (h.empty()) return std::nullopt;
    candidates.clear();
    for (size_t pos = 0; pos < h.size();) {
      const size_t end = std::min(h.find(' ', pos), h.size());
      kIndex.Add(std::string_view(h).substr(pos, end - pos), candidates);
      pos = end + 1;
    }
    std::sort(candidates.begin(), candidates.end());
    for (uint16_t i : candidates) {
      const HeaderRule& r = kRules[i];
      if (r.whole ? h == r.phrase : ContainsWords(h, r.phrase)) return r.info;
    }
  }
  return std::nullopt;
}

const DetectorInfo& HeaderDetectorInfo(std::string_view id) {
  static constexpr std::array<DetectorInfo, 7> kInfos = {{
      {"person_name", DetailKind::kName, false, "a person's name"},
      {"street_address", DetailKind::kAddress, false, "a street address"},
      {"special_category", DetailKind::kSpecial, false,
       "special-category or school-sensitive data"},
      {"salary", DetailKind::kFinancial, false, "pay data"},
      {"bank_account", DetailKind::kFinancial, false, "bank sort code and account number"},
      {"admission_number", DetailKind::kIdentifier, false, "school admission or staff number"},
      {"assessment_result", DetailKind::kAssessment, false, "marks, grades or results"},
  }};
  for (const DetectorInfo& i : kInfos)
    if (i.id == id) return i;
  return kInfos[0];
}

bool NegativeFlag(std::string_view cell) {
  const std::string c = NormaliseHeader(cell);
  static constexpr std::array<std::string_view, 14> kNo = {
      "",    "n",         "no",  "none",           "false",    "0",   "na",
      "n a", "not known", "nil", "not applicable", "no known", "nka", "no sen"};
  for (auto n : kNo)
    if (c == n) return true;
  return false;
}

}  // namespace datasweep
