#include "policy/custom_detector.h"

#include <re2/re2.h>

#include <array>
#include <cctype>
#include <utility>

#include "classifiers/detector_set.h"

namespace datasweep {
namespace {

constexpr std::array<std::pair<std::string_view, DetailKind>, 10> kKindNames = {{
    {"name", DetailKind::kName},
    {"address", DetailKind::kAddress},
    {"phone", DetailKind::kPhone},
    {"email", DetailKind::kEmail},
    {"date_of_birth", DetailKind::kDateOfBirth},
    {"identifier", DetailKind::kIdentifier},
    {"special", DetailKind::kSpecial},
    {"financial", DetailKind::kFinancial},
    {"credential", DetailKind::kCredential},
    {"assessment", DetailKind::kAssessment},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

RE2::Options Latin1() {  // as DetectorSet compiles them: byte semantics
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  return o;
}

class CustomDetector final : public Detector {
 public:
  explicit CustomDetector(CustomDetectorSpec spec) : spec_(std::move(spec)) {
    info_ = DetectorInfo{spec_.id, spec_.kind, spec_.strong, spec_.description};
    for (auto& w : spec_.context) w = Lower(w);
    for (const auto& w : spec_.context) context_.push_back(w);
  }
  CustomDetector(const CustomDetector&) = delete;  // info_ and context_ point into spec_
  CustomDetector& operator=(const CustomDetector&) = delete;
  const DetectorInfo& Info() const override { return info_; }
  std::vector<std::string> Patterns() const override { return CustomPatterns(spec_); }
  std::vector<std::string_view> ContextWords() const override { return context_; }
  std::optional<Validated> Validate(const Candidate& c) const override {
    Validated v;
    // Terms count once each whatever their case; patterns keep the value as written.
    v.value = spec_.terms.empty() ? std::string(c.match) : Lower(c.match);
    v.confidence = spec_.confidence;
    v.needs_context = spec_.needs_context;
    v.note = "custom detector " + spec_.id;
    v.identifying = spec_.strong;
    return v;
  }

 private:
  CustomDetectorSpec spec_;
  DetectorInfo info_;
  std::vector<std::string_view> context_;
};

}  // namespace

std::optional<DetailKind> DetailKindFromPolicyName(std::string_view s) {
  for (const auto& [name, kind] : kKindNames)
    if (name == s) return kind;
  return std::nullopt;
}

std::vector<std::string> CustomPatterns(const CustomDetectorSpec& spec) {
  std::vector<std::string> out = spec.patterns;
  if (!spec.terms.empty()) {
    std::string alt;
    for (const auto& t : spec.terms) alt += (alt.empty() ? "" : "|") + RE2::QuoteMeta(t);
    out.push_back("(?i)\\b(?:" + alt + ")\\b");
  }
  return out;
}

std::string CheckCustomDetector(const CustomDetectorSpec& spec) {
  if (spec.patterns.empty() && spec.terms.empty())
    return "custom detector '" + spec.id + "' needs `patterns` or `terms`";
  for (const auto& t : spec.terms) {
    if (t.empty()) return "an empty term in custom detector '" + spec.id + "'";
    if (t.size() > DetectorSet::kMaxMatchLength / 2)
      return "term '" + t.substr(0, 40) + "…' is longer than " +
             std::to_string(DetectorSet::kMaxMatchLength / 2) + " bytes";
  }
  for (const auto& p : CustomPatterns(spec)) {
    RE2 re(p, Latin1());
    if (!re.ok()) return "pattern '" + p + "' does not compile: " + re.error();
    // A pattern that matches the empty string would flag every file.
    if (RE2::FullMatch("", re)) return "pattern '" + p + "' matches an empty string";
  }
  return "";
}

std::unique_ptr<Detector> MakeCustomDetector(const CustomDetectorSpec& spec) {
  return std::make_unique<CustomDetector>(spec);
}

}  // namespace datasweep
