// NHS number: 10 digits written 3-3-4, mod-11 check digit. The ungrouped form collides with
// other 10-digit numbers, so it needs a context word or an NHS column.
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class NhsNumberDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"nhs_number", DetailKind::kIdentifier, true,
                                        "NHS number (mod-11 check digit)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(\b\d{3}[ -]\d{3}[ -]\d{4}\b)", R"(\b\d{10}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"nhs", "national health", "health number", "hospital number", "gp ", "chi number"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (detector_util::GluedDigit(c.before, c.after)) return std::nullopt;
    const std::string v = detector_util::Compact(c.match);
    if (!checks::NhsValid(v)) return std::nullopt;
    const bool grouped = detector_util::HasSeparator(c.match);
    // 3-3-4 with mixed separators ("943 476-5919") is not how NHS numbers are written.
    if (grouped && c.match[3] != c.match[7]) return std::nullopt;
    return Validated{v, Confidence::kMedium, !grouped, "mod 11 valid"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeNhsNumberDetector() { return std::make_unique<NhsNumberDetector>(); }
}  // namespace datasweep
