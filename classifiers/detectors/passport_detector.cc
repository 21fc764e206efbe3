// UK passport numbers: nine digits with no check digit, so only with the word "passport".
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class PassportDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"passport", DetailKind::kIdentifier, true,
                                        "UK passport number (needs the word passport)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override { return {R"(\b\d{9}\b)"}; }
  std::vector<std::string_view> ContextWords() const override {
    return {"passport", "hmpo", "travel document"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (detector_util::GluedDigit(c.before, c.after)) return std::nullopt;
    const std::string v(c.match);
    if (detector_util::AllSame(v)) return std::nullopt;
    return Validated{v, Confidence::kMedium, true, "nine digits"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakePassportDetector() { return std::make_unique<PassportDetector>(); }
}  // namespace datasweep
