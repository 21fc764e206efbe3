// Pay data: a sterling amount with a pay word (salary, spine point, gross, per annum) nearby.
// Counted only when tied to a person (the ledger): a vacancy advert's range is not personal.
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

// Strips spaces, tabs and no-break spaces (U+00A0, as HTML's &nbsp; decodes) from one end.
std::string_view TrimRight(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
      s.remove_suffix(1);
    else if (s.ends_with("\xC2\xA0"))
      s.remove_suffix(2);
    else
      return s;
  }
}
std::string_view TrimLeft(std::string_view s) {
  while (true) {
    if (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
      s.remove_prefix(1);
    else if (s.starts_with("\xC2\xA0"))
      s.remove_prefix(2);
    else
      return s;
  }
}

// True when the amount is one end of a range ("£31,650 - £49,084", "£28,000 to £32,000"): a
// pay scale or an advert's band, not what one person is paid.
bool InRange(std::string_view before, std::string_view after) {
  static constexpr std::string_view kDash[] = {"-", "\xE2\x80\x93", "\xE2\x80\x94", "to "};
  const std::string_view a = TrimLeft(after);
  for (std::string_view d : kDash)
    if (a.starts_with(d) && TrimLeft(a.substr(d.size())).starts_with("\xC2\xA3")) return true;
  const std::string_view b = TrimRight(before);
  for (std::string_view d : kDash) {
    const std::string_view dd = d == "to " ? std::string_view(" to") : d;
    if (!b.ends_with(dd)) continue;
    const std::string_view prev = TrimRight(b.substr(0, b.size() - dd.size()));
    if (!prev.empty() && std::isdigit(static_cast<unsigned char>(prev.back()))) return true;
  }
  return false;
}

class SalaryDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"salary", DetailKind::kFinancial, false,
                                        "pay data (amount with pay context)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {R"(£ ?\d{1,3}(?:,\d{3})+(?:\.\d{2})?)", R"(£ ?\d{4,6}(?:\.\d{2})?\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"salary", "gross",    "net pay", "spine",     "pay scale",  "per annum", "p.a", "fte",
            "wage",   "earnings", "payslip", "pay point", "annual pay", "basic pay", "ups", "mps"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (InRange(c.before, c.after)) return std::nullopt;
    std::string digits;
    for (char ch : c.match)
      if (std::isdigit(static_cast<unsigned char>(ch)) || ch == '.') digits.push_back(ch);
    return Validated{digits, Confidence::kMedium, true, "amount with pay context"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeSalaryDetector() { return std::make_unique<SalaryDetector>(); }
}  // namespace datasweep
