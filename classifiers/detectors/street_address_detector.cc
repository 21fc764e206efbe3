// Street lines: a house number, a name and a street word ("12 Acacia Avenue"), kept only with
// an address word nearby or a postcode just after it.
#include <re2/re2.h>

#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class StreetAddressDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"street_address", DetailKind::kAddress, false,
                                        "street address (with a postcode or address context)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"(\b\d{1,4}[A-Za-z]?,? (?:[A-Z][a-z'\-]+ ){1,3}(?:Road|Rd|Street|St|Close|Avenue|Ave|Lane|Drive|Way|Crescent|Grove|Place|Gardens|Court|Terrace|Walk|Rise|Mews|Row|Square|Hill|View|Park|Green|Parade|Vale|Meadows?|Fields|Croft|Wharf|Chase|Way)\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"address", "lives at", "home", "residing", "resident", "correspondence", "moved to"};
  }
  std::vector<std::string_view> NegativeContextWords() const override {
    return {"school",      "academy", "trust",   "college", "office",  "registered", "council",
            "head office", "ltd",     "limited", "plc",     "bill to", "invoice",    "unit "};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    // A postcode within the next few words is as good as the word "address".
    static const RE2 kPostcode(R"(\b([A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2})\b)");
    std::string pc;
    const bool postcode =
        RE2::PartialMatch(c.after.substr(0, 60), kPostcode, &pc) && checks::PostcodeValid(pc);
    return Validated{detector_util::Lower(c.match), Confidence::kMedium, !postcode,
                     postcode ? "street line followed by a postcode" : "street line"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeStreetAddressDetector() {
  return std::make_unique<StreetAddressDetector>();
}
}  // namespace datasweep
