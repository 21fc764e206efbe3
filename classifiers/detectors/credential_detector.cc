// Written-down credentials (004 §4.2(d)): `password: …` assignments, PEM private keys and
// well-known API token formats. The value is never reported, not even masked in part.
#include <algorithm>
#include <array>

#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"

namespace datasweep {
namespace {

bool Placeholder(std::string_view v) {
  static constexpr std::array<std::string_view, 14> kPlaceholders = {
      "password", "********", "xxxxxxxx", "<password>", "[password]", "changeme", "your",
      "required", "none",     "n/a",      "null",       "redacted",   "hidden",   "example"};
  const std::string l = detector_util::Lower(v);
  if (std::all_of(l.begin(), l.end(), [](char c) { return c == '*' || c == 'x' || c == '.'; }))
    return true;
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), l) != kPlaceholders.end();
}

class CredentialDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"credential", DetailKind::kCredential, false,
                                        "written-down password, private key or API token"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"((?i)\b(?:password|passwd|pwd|passcode|pass word|login pin|wifi key)\s*[:=]\s*\S{4,64})",
        R"(-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----)",
        R"(\bAKIA[0-9A-Z]{16}\b)",
        R"(\bgh[pousr]_[A-Za-z0-9]{36}\b)",
        R"(\bxox[abprs]-[A-Za-z0-9\-]{10,}\b)",
        R"(\bAIza[0-9A-Za-z_\-]{35}\b)"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const std::string_view m = c.match;
    if (m.starts_with("-----BEGIN"))
      return Validated{"pem", Confidence::kHigh, false, "PEM private key"};
    const size_t sep = m.find_first_of(":=");
    if (sep == std::string_view::npos)
      return Validated{std::string(m), Confidence::kHigh, false, "API token format"};
    std::string_view value = m.substr(sep + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    if (Placeholder(value)) return std::nullopt;
    // A real password mixes classes; a lone lower-case word after "password:" is usually prose.
    const bool digit = std::any_of(value.begin(), value.end(), [](char ch) {
      return std::isdigit(static_cast<unsigned char>(ch));
    });
    const bool upper = std::any_of(value.begin(), value.end(), [](char ch) {
      return std::isupper(static_cast<unsigned char>(ch));
    });
    const bool symbol = std::any_of(value.begin(), value.end(), [](char ch) {
      return std::ispunct(static_cast<unsigned char>(ch));
    });
    if (!digit && !symbol && !upper) return std::nullopt;
    return Validated{std::string(value),
                     digit + upper + symbol >= 2 ? Confidence::kHigh : Confidence::kMedium, false,
                     "password assignment"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeCredentialDetector() {
  return std::make_unique<CredentialDetector>();
}
}  // namespace datasweep
