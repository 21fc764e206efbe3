// UK phone numbers per the Ofcom numbering plan: mobiles, geographic and non-geographic. An
// ungrouped run of digits needs a context word ("Tel", "Mobile", …) so that arbitrary 11-digit
// numbers are not taken for phone numbers.
#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"
#include "classifiers/detectors/role_mailbox.h"

namespace datasweep {
namespace {

// National form ("07911123456") → type, or "" when not a valid UK number.
std::string_view Classify(const std::string& n) {
  if (n.size() < 10 || n.size() > 11 || n[0] != '0') return "";
  const char a = n[1];
  if (a == '7') {
    if (n.size() != 11) return "";
    if (n.compare(0, 3, "070") == 0) return "personal";
    if (n.compare(0, 3, "076") == 0) return n.compare(0, 5, "07624") == 0 ? "mobile" : "";
    return "mobile";
  }
  if (a == '1' || a == '2') return (n.size() == 11 || n.size() == 10) ? "geographic" : "";
  if (a == '3') return n.size() == 11 ? "non-geographic" : "";
  if (n.compare(0, 3, "080") == 0) return "freephone";
  if (a == '8' || a == '9' || a == '5') return n.size() == 11 ? "non-geographic" : "";
  return "";  // 04 and 06 are unused
}

// True when the rest of the number's line carries the organisation's own web or role e-mail
// address ("Tel 01632 960123 | office@school.sch.uk", "… or e-mail recruitment@school.sch.uk"):
// a letterhead or a switchboard, not a person's number.
bool LetterheadLine(std::string_view after) {
  const std::string line = detector_util::Lower(after.substr(0, after.find('\n')));
  if (line.find("www.") != std::string::npos || line.find("http") != std::string::npos) return true;
  for (size_t at = line.find('@'); at != std::string::npos; at = line.find('@', at + 1)) {
    size_t start = at;
    while (start > 0) {
      const char ch = line[start - 1];
      if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '_' && ch != '-')
        break;
      --start;
    }
    if (start < at && role_mailbox::IsRole(std::string_view(line).substr(start, at - start)))
      return true;
  }
  return false;
}

class PhoneDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"phone", DetailKind::kPhone, false,
                                        "UK phone number (Ofcom numbering plan)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"((?:(?:\+|\b00)44[ \-]?(?:\(0\)[ \-]?)?|\(0|\b0)\d{2,4}\)?[ \-]?\d{3,4}[ \-]?\d{3,4}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"tel",   "phone",  "mobile", "mob",      "home", "contact", "emergency", "parent",
            "carer", "mother", "father", "priority", "call", "work no", "number"};
  }
  std::vector<std::string_view> NegativeContextWords() const override {
    return {"school",      "academy",   "trust",   "college", "office",     "reception",
            "switchboard", "enquiries", "fax",     "www.",    "registered", "head office",
            "council",     "ltd",       "limited", "plc",     "invoice",    "bill to",
            "vat ",        "supplier",  "company"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    if (!c.before.empty() &&
        (std::isdigit(static_cast<unsigned char>(c.before.back())) || c.before.back() == '+'))
      return std::nullopt;
    if (!c.after.empty() && std::isdigit(static_cast<unsigned char>(c.after.front())))
      return std::nullopt;
    if (LetterheadLine(c.after)) return std::nullopt;
    std::string digits;
    for (char ch : c.match)
      if (std::isdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
    if (digits.compare(0, 4, "0044") == 0)
      digits.replace(0, 4, "0");  // in place: "0" + substr trips GCC 12's -Wrestrict
    else if (c.match.find('+') != std::string_view::npos && digits.compare(0, 2, "44") == 0)
      digits.replace(0, 2, "0");
    if (digits.size() > 11 && digits.compare(1, 1, "0") == 0) digits.erase(1, 1);  // +44 (0)…
    const std::string_view type = Classify(digits);
    if (type.empty()) return std::nullopt;
    const bool grouped = detector_util::HasSeparator(c.match) ||
                         c.match.find('(') != std::string_view::npos || c.match.front() == '+';
    return Validated{digits, type == "mobile" ? Confidence::kMedium : Confidence::kLow, !grouped,
                     std::string("UK ") + std::string(type) + " number"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakePhoneDetector() { return std::make_unique<PhoneDetector>(); }
}  // namespace datasweep
