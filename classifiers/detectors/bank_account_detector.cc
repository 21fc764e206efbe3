// UK bank details: a sort code and an account number together, with a banking word nearby.
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class BankAccountDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"bank_account", DetailKind::kFinancial, false,
                                        "bank sort code and account number"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(\b\d{2}[- ]?\d{2}[- ]?\d{2}\b[^\d]{1,40}\b\d{8}\b)",
            R"(\b\d{8}\b[^\d]{1,40}\b\d{2}-\d{2}-\d{2}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"sort code", "account", "acc no", "bank", "bacs", "direct debit", "payee", "a/c"};
  }
  std::vector<std::string_view> NegativeContextWords() const override {
    return {"school",  "academy",    "trust",  "college",
            "council", "remittance", "pay to", "payable to"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (detector_util::GluedDigit(c.before, c.after)) return std::nullopt;
    std::string digits;
    for (char ch : c.match)
      if (std::isdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
    if (digits.size() != 14 || detector_util::AllSame(digits)) return std::nullopt;
    // The gap between the two numbers must itself read like banking ("Account No:").
    const std::string lower = detector_util::Lower(c.match);
    const bool labelled = lower.find("acc") != std::string::npos ||
                          lower.find("a/c") != std::string::npos ||
                          lower.find("sort") != std::string::npos;
    return Validated{digits, Confidence::kMedium, !labelled, "sort code and account number"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeBankAccountDetector() {
  return std::make_unique<BankAccountDetector>();
}
}  // namespace datasweep
