// E-mail addresses of people. Role and organisation mailboxes (office@, info@, helpdesk@, …)
// are not personal data (SPEC §1) and are rejected; webmail addresses are personal for sure.
#include <algorithm>
#include <array>

#include "classifiers/detector.h"
#include "classifiers/detectors/detector_util.h"
#include "classifiers/detectors/role_mailbox.h"

namespace datasweep {
namespace {

constexpr std::array<std::string_view, 16> kWebmail = {
    "gmail.com",      "googlemail.com", "hotmail.com",     "hotmail.co.uk",
    "outlook.com",    "live.com",       "live.co.uk",      "yahoo.com",
    "yahoo.co.uk",    "icloud.com",     "me.com",          "aol.com",
    "btinternet.com", "sky.com",        "virginmedia.com", "protonmail.com"};

class EmailDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"email", DetailKind::kEmail, false,
                                        "personal e-mail address (role mailboxes excluded)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"([A-Za-z0-9][A-Za-z0-9._%+'\-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"email", "e-mail", "parent", "carer", "mother", "father", "contact", "personal"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    // The regex cannot look behind: reject a match that starts inside a longer local part.
    if (!c.before.empty()) {
      const char p = c.before.back();
      if (std::isalnum(static_cast<unsigned char>(p)) || p == '.' || p == '_' || p == '-' ||
          p == '+')
        return std::nullopt;
    }
    const std::string v = detector_util::Lower(c.match);
    const size_t at = v.find('@');
    const std::string_view local(v.data(), at), domain(v.data() + at + 1, v.size() - at - 1);
    if (role_mailbox::IsRole(local)) return std::nullopt;
    if (domain.ends_with("example.com") || domain.ends_with("example.org") || domain == "localhost")
      return std::nullopt;
    const bool webmail = std::find(kWebmail.begin(), kWebmail.end(), domain) != kWebmail.end();
    Validated out{v, webmail ? Confidence::kHigh : Confidence::kMedium, false,
                  webmail ? "personal webmail address" : "named mailbox"};
    out.identifying = webmail;
    return out;
  }
};

}  // namespace
std::unique_ptr<Detector> MakeEmailDetector() { return std::make_unique<EmailDetector>(); }
}  // namespace datasweep
