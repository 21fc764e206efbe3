// Special-category and school-sensitive data (UK GDPR Art. 9/10 and DfE census concepts): SEND,
// medical conditions and medication, allergies, safeguarding and child protection, looked-after
// children, FSM / pupil premium, ethnicity, religion, exclusions. Negations ("no SEN needs",
// "no known allergies", "Allergies: none") are not findings. The ledger counts these only when
// tied to a person (a name or identifier nearby, or the same table row).
#include <array>

#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

// Distinctive terms: sensitive wherever they stand next to a person.
constexpr std::string_view kStrong =
    R"((?i)\b(?:ehcp|ehc plan|education,? health and care plan|sen support|special educational needs|)"
    R"(sen status|primary need|semh|slcn|spld|autism|autistic|asd|adhd|dyslexi[ac]|dyspraxi[ac]|)"
    R"(speech and language therapy|free school meals|fsm eligible|eligible for (?:fsm|free school meals)|)"
    R"(ever ?6 fsm|pupil premium|young carer|looked[ \-]after child|child looked after|previously looked after|)"
    R"(child in need|child protection plan|child protection concern|section 47|section 17|safeguarding concern|)"
    R"(social worker|early help assessment|cpoms|myconcern|prevent referral|channel referral|fgm|county lines|)"
    R"(domestic abuse|domestic violence|operation encompass|mash referral|medical conditions?|allerg(?:y|ies|ic)|)"
    R"(anaphyla(?:xis|ctic)|epipen|asthma(?:tic)?|diabet(?:es|ic)|epilep(?:sy|tic)|individual healthcare plan|)"
    R"(healthcare plan|camhs|self[ \-]harm|eating disorder|mental health|ethnic origin|ethnicity|)"
    R"(wbri|wiri|wirt|wrom|woth|mwbc|mwba|mwas|moth|aind|apkn|aban|aoth|bcrb|bafr|both|chne|ooth|)"
    R"(refugee|asylum seeker|permanent(?:ly)? exclu(?:sion|ded)|fixed[ \-]term exclusion|internal exclusion|)"
    R"(youth offending|criminal record|children'?s social care|social care referral|)"
    R"((?:physical|emotional|sexual) abuse|depression|depressive|anxiety disorder|bipolar|ptsd|)"
    R"(signed off sick|fit note|sick note|)"
    R"(fixed[ \-]term suspension|suspended for \d+ (?:school )?days?|suspension:? \(?\d+(?:\.5)? (?:school )?days?)\b)";
// Ambiguous terms: sensitive only with a person word nearby ("his medication", "pupil excluded").
constexpr std::string_view kWeak =
    R"((?i)\b(?:sen|send|fsm|medication|inhaler|counselling|religion|suspension|suspended|excluded|)"
    R"(exclusion|police|diagnosed|diagnosis|eal|neglect|anxiety|abuse)\b)";

constexpr std::array<std::string_view, 12> kNegations = {"no ",  "not ",    "none",   "without",
                                                         "nil ", "n/a",     "never",  "no-",
                                                         "non-", "free of", "denies", "nka"};

bool Negated(std::string_view before, std::string_view after) {
  const std::string b =
      detector_util::Lower(before.substr(before.size() > 20 ? before.size() - 20 : 0));
  for (auto n : kNegations)
    if (b.find(n) != std::string::npos) return true;
  std::string a = detector_util::Lower(after.substr(0, 16));
  for (char& ch : a)
    if (ch == ':' || ch == '-' || ch == '\t' || ch == '=') ch = ' ';
  const size_t start = a.find_first_not_of(' ');
  if (start == std::string::npos) return false;
  const std::string_view rest = std::string_view(a).substr(start);
  if (rest.starts_with("none") || rest.starts_with("no ") || rest == "no" ||
      rest.starts_with("n/a") || rest.starts_with("nil") || rest.starts_with("nka") ||
      rest.starts_with("not known"))
    return true;
  // "pupil premium spending", "SEN policy", "medical room": about the school, not a person.
  static constexpr std::array<std::string_view, 22> kInstitutional = {"spending",
                                                                      "funding",
                                                                      "strategy",
                                                                      "grant",
                                                                      "allocation",
                                                                      "budget",
                                                                      "policy",
                                                                      "policies",
                                                                      "statement",
                                                                      "report",
                                                                      "lead",
                                                                      "co-ordinator",
                                                                      "coordinator",
                                                                      "training",
                                                                      "room",
                                                                      "register is",
                                                                      "governor",
                                                                      "provision map",
                                                                      "information report",
                                                                      "review",
                                                                      "audit",
                                                                      "team"};
  for (auto w : kInstitutional)
    if (rest.starts_with(w)) return true;
  return false;
}

class SpecialCategoryDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{
        "special_category", DetailKind::kSpecial, false,
        "special-category or school-sensitive data (SEN, medical, safeguarding, FSM, …)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {std::string(kStrong), std::string(kWeak)};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"pupil", "child",    "student",  "his ",      "her ",     " he ",
            " she ", "son",      "daughter", "diagnosed", "needs",    "status",
            "plan",  "register", "employee", "absence",   "disclosed"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (Negated(c.before, c.after)) return std::nullopt;
    const std::string term = detector_util::Lower(c.match);
    static const std::array<std::string_view, 18> kWeakTerms = {
        "sen",       "send",       "fsm",       "medication", "inhaler",   "counselling",
        "religion",  "suspension", "suspended", "excluded",   "exclusion", "police",
        "diagnosed", "diagnosis",  "eal",       "neglect",    "anxiety",   "abuse"};
    bool weak = false;
    for (auto w : kWeakTerms) weak |= term == w;
    return Validated{term, weak ? Confidence::kLow : Confidence::kMedium, weak,
                     weak ? "sensitive term with a person word" : "sensitive term"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeSpecialCategoryDetector() {
  return std::make_unique<SpecialCategoryDetector>();
}
}  // namespace datasweep
