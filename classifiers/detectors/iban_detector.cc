// IBANs (ISO 13616 mod 97-10).
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class IbanDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"iban", DetailKind::kFinancial, false, "IBAN (mod 97)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(\b[A-Z]{2}\d{2} ?[A-Z0-9]{4}(?: ?[A-Z0-9]{4}){2,6}(?: ?[A-Z0-9]{1,3})?\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"iban", "bank", "account", "bic", "swift"};
  }
  std::vector<std::string_view> NegativeContextWords() const override {
    return {"school", "academy", "trust", "college", "council", "pay to", "payable to"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const std::string v = detector_util::Compact(c.match);
    if (!checks::IbanValid(v)) return std::nullopt;
    return Validated{v, Confidence::kMedium, false, "mod 97 valid"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeIbanDetector() { return std::make_unique<IbanDetector>(); }
}  // namespace datasweep
