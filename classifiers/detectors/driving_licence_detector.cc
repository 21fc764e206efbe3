// GB driving licence numbers: surname (5, padded with 9s) · decade · month (+50 for women) ·
// day · year digit · initials · digit · two check letters.
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class DrivingLicenceDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{
        "driving_licence", DetailKind::kIdentifier, true,
        "GB driving licence number (structure incl. date of birth)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"(\b[A-Z9]{5}\d(?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}\d[A-Z]{2}(?: ?\d{2})?\b)",
        R"(\b[A-Z9]{5} \d(?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12]\d|3[01])\d [A-Z9]{2}\d [A-Z]{2}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"driving licence", "driving license", "licence number", "licence no", "dvla"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const std::string v = detector_util::Compact(c.match).substr(0, 16);
    const std::string_view surname(v.data(), 5);
    if (surname == "99999" || surname[0] == '9') return std::nullopt;
    // 9s only pad the end of a short surname: "MO9GA" is not a surname field.
    const size_t first9 = surname.find('9');
    if (first9 != std::string_view::npos &&
        surname.find_first_not_of('9', first9) != std::string_view::npos)
      return std::nullopt;
    return Validated{v, Confidence::kMedium, false, "licence structure valid"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeDrivingLicenceDetector() {
  return std::make_unique<DrivingLicenceDetector>();
}
}  // namespace datasweep
