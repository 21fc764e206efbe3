// ULN — Unique Learner Number: 10 digits with a mod-11 check digit. One random 10-digit number
// in 11 passes, so a ULN needs a context word or a ULN column.
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class UlnDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{
        "uln", DetailKind::kIdentifier, true,
        "Unique Learner Number (mod-11 check digit; needs context)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override { return {R"(\b[1-9]\d{9}\b)"}; }
  std::vector<std::string_view> ContextWords() const override {
    return {"uln", "unique learner", "learner number", "lrs", "learner record", "plr", "ilr"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (detector_util::GluedDigit(c.before, c.after)) return std::nullopt;
    const std::string v(c.match);
    if (!checks::UlnValid(v)) return std::nullopt;
    return Validated{v, Confidence::kMedium, true, "ULN check digit valid"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeUlnDetector() { return std::make_unique<UlnDetector>(); }
}  // namespace datasweep
