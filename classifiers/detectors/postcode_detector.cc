// UK postcodes: BS7666 shape plus the real postcode areas.
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class PostcodeDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"postcode", DetailKind::kAddress, false, "UK postcode"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"(\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|[A-PR-UWYZ][A-HK-Y]\d[ABEHMNPRVWXY]) ?\d[ABD-HJLNP-UW-Z]{2}\b)",
        R"(\bGIR ?0AA\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"postcode", "post code", "address", "home address", "correspondence", "lives",
            "road",     "street",    "close",   "avenue",       "lane",           "drive"};
  }
  std::vector<std::string_view> NegativeContextWords() const override {
    return {"school",      "academy",   "trust",   "college", "office",     "reception",
            "switchboard", "enquiries", "fax",     "www.",    "registered", "head office",
            "council",     "ltd",       "limited", "plc",     "invoice",    "bill to",
            "vat ",        "supplier",  "company"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (!checks::PostcodeValid(c.match)) return std::nullopt;
    const std::string compact = detector_util::Compact(c.match);
    if (compact.size() < 5)
      return std::nullopt;  // PostcodeValid guarantees it; the inward code is 3
    const std::string v =
        compact.substr(0, compact.size() - 3) + " " + compact.substr(compact.size() - 3);
    // Without the space a postcode-shaped token is often a code or reference: ask for context.
    const bool spaced = c.match.find(' ') != std::string_view::npos;
    return Validated{v, Confidence::kMedium, !spaced, "valid UK postcode"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakePostcodeDetector() { return std::make_unique<PostcodeDetector>(); }
}  // namespace datasweep
