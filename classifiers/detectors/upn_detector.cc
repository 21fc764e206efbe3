// UPN — Unique Pupil Number: check letter (DfE mod 23) + LA code + school + year + serial.
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class UpnDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"upn", DetailKind::kIdentifier, true,
                                        "Unique Pupil Number (DfE mod-23 check letter)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(\b[A-HJ-NP-RT-Za-hj-np-rt-z]\d{11}[0-9A-HJ-NP-RT-Za-hj-np-rt-z]\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"upn", "unique pupil", "pupil number", "former upn", "ctf", "census"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const std::string v = detector_util::Compact(c.match);
    bool la_known = false;
    if (!checks::UpnValid(v, &la_known)) return std::nullopt;
    Validated out{v, la_known ? Confidence::kHigh : Confidence::kMedium, false,
                  la_known ? "check letter valid; known LA code" : "check letter valid"};
    return out;
  }
};

}  // namespace
std::unique_ptr<Detector> MakeUpnDetector() { return std::make_unique<UpnDetector>(); }
}  // namespace datasweep
