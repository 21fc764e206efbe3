// Payment card numbers: Luhn plus the issuer (IIN) ranges and lengths.
#include "classifiers/checksums.h"
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class PaymentCardDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"payment_card", DetailKind::kFinancial, false,
                                        "payment card number (Luhn + issuer range)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(\b[2-6]\d{3}(?:[ \-]?\d{4}){2}[ \-]?\d{1,7}\b)",
            R"(\b3[0-9]\d{2}[ \-]?\d{6}[ \-]?\d{4,5}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"card", "visa", "mastercard", "amex",  "expiry", "expires",
            "cvv",  "cvc",  "parentpay",  "debit", "credit"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (detector_util::GluedDigit(c.before, c.after)) return std::nullopt;
    const std::string v = detector_util::Compact(c.match);
    std::string_view brand;
    if (!checks::PaymentCardValid(v, &brand)) return std::nullopt;
    // Short Maestro/Diners numbers are weak without a card word.
    const bool weak = v.size() < 16 && brand != "Amex";
    return Validated{v, Confidence::kMedium, weak, "Luhn valid, " + std::string(brand)};
  }
};

}  // namespace
std::unique_ptr<Detector> MakePaymentCardDetector() {
  return std::make_unique<PaymentCardDetector>();
}
}  // namespace datasweep
