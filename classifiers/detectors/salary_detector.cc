// Pay data: a sterling amount with a pay word (salary, spine point, gross, per annum) nearby.
// Counted only when tied to a person (the ledger): a vacancy advert's range is not personal.
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

class SalaryDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"salary", DetailKind::kFinancial, false, "pay data (amount with pay context)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(£ ?\d{1,3}(?:,\d{3})+(?:\.\d{2})?)", R"(£ ?\d{4,6}(?:\.\d{2})?\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"salary", "gross", "net pay", "spine", "pay scale", "per annum", "p.a", "fte", "wage", "earnings",
            "payslip", "pay point", "annual pay", "basic pay", "ups", "mps"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    std::string digits;
    for (char ch : c.match)
      if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.') digits.push_back(ch);
    return Validated{digits, Confidence::kMedium, true, "amount with pay context"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeSalaryDetector() { return std::make_unique<SalaryDetector>(); }
}  // namespace datasweep
