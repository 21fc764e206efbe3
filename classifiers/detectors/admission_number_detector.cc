// School admission numbers and staff numbers written in prose: "Employee number: E80559",
// "Payroll no. 123456", "Adno: 004512". SPEC §2 names no detector for them; they share the id
// `admission_number` ("school admission or staff number") with the MIS columns of the same
// name (classifiers/table_headers.cc), so prose and tables count them alike. The number itself
// has no structure, so the label is part of the pattern: a bare number is never one.
#include <cctype>

#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class AdmissionNumberDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"admission_number", DetailKind::kIdentifier, false,
                                        "school admission or staff number"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    const std::string value = R"([ \t]*[:#.]?[ \t]*[A-Za-z]{0,3}[-/]?\d{3,10}\b)";
    return {
        R"((?i)\b(?:employee|staff|payroll|personnel)[ -]?(?:no\b\.?|number|num\b|id\b|ref\b\.?|reference))" +
            value,
        R"((?i)\b(?:adno|adm\.? no\b\.?|admission (?:no\b\.?|number)))" + value};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"employee", "payroll", "staff", "personnel", "adno", "admission"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (detector_util::GluedDigit(c.before, c.after)) return std::nullopt;
    // "Published Admission Number (PAN): 180" is a school's intake, not a pupil's number.
    const std::string near =
        detector_util::Lower(c.before.substr(c.before.size() > 16 ? c.before.size() - 16 : 0));
    if (near.find("published") != std::string::npos) return std::nullopt;
    size_t start = c.match.size();
    while (start > 0 && (std::isalnum(static_cast<unsigned char>(c.match[start - 1])) ||
                         c.match[start - 1] == '-' || c.match[start - 1] == '/'))
      --start;
    const std::string v = detector_util::Compact(c.match.substr(start));
    size_t digits = 0;
    for (char ch : v) digits += std::isdigit(static_cast<unsigned char>(ch)) ? 1 : 0;
    if (digits < 3 || detector_util::AllSame(v.substr(v.size() - digits))) return std::nullopt;
    // A year after the label ("Staff ID 2025 cards") is not a number of a person.
    if (v.size() == 4 && (v.starts_with("19") || v.starts_with("20"))) return std::nullopt;
    Validated out{v, Confidence::kMedium, false, "labelled staff or admission number"};
    out.identifying = true;  // one number, one person: counts them like a birth date does
    return out;
  }
};

}  // namespace
std::unique_ptr<Detector> MakeAdmissionNumberDetector() {
  return std::make_unique<AdmissionNumberDetector>();
}
}  // namespace datasweep
