// NINO — National Insurance number: HMRC prefix rules (NIM39110), 6 digits, suffix A-D.
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class NinoDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"nino", DetailKind::kIdentifier, true,
                                        "National Insurance number (HMRC prefix and suffix rules)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"((?i)\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"national insurance", "ni number", "ni no", "nino", "nic ", "n.i."};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const std::string v = detector_util::Compact(c.match);
    if (!checks::NinoValid(v)) return std::nullopt;
    // Admin prefixes (CR, MW, NC, PP, PY, PZ) pass the letter rules but are never issued.
    static constexpr std::string_view kAdmin[] = {"CR", "MW", "NC", "PP", "PY", "PZ"};
    for (auto p : kAdmin)
      if (v.compare(0, 2, p) == 0)
        return Validated{v, Confidence::kLow, true, "administrative NI prefix"};
    // Mixed-case forms like "Ab123456c" are rare in real records; all-lower is common in exports.
    return Validated{v, Confidence::kMedium, false, "NI prefix and suffix valid"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeNinoDetector() { return std::make_unique<NinoDetector>(); }
}  // namespace datasweep
