#include "policy/rules.h"

#include <array>

namespace datasweep {
namespace {

constexpr std::array<std::string_view, 5> kSeverities = {"none", "low", "medium", "high",
                                                         "critical"};
constexpr int64_t kSixMonths = 183LL * 24 * 3600;

std::string Where(const Location& l) {
  switch (l.kind) {
    case LocationKind::kLocal:
      return l.drive.empty() ? "a local drive" : "local drive " + l.drive;
    case LocationKind::kRemovable:
      return l.encrypted ? "encrypted removable media" : "an unencrypted removable drive";
    case LocationKind::kShare:
      return l.pupil_accessible ? "a share pupils can read" : "a network share";
    case LocationKind::kEmailStore:
      return "an e-mail store";
    default:
      return "an undeclared location";
  }
}

bool Personal(DataClass c) { return c != DataClass::kUnrestricted; }

// PROTECTED data may not rest here (002 §12, §13; 003 §8.2; 002 §9.2).
bool ForbidsPersonalData(const Location& l) {
  return l.kind == LocationKind::kLocal || (l.kind == LocationKind::kRemovable && !l.encrypted) ||
         (l.kind == LocationKind::kShare && l.pupil_accessible);
}

}  // namespace

std::string_view ToString(Severity s) { return kSeverities[static_cast<int>(s)]; }
std::optional<Severity> SeverityFromString(std::string_view s) {
  for (size_t i = 0; i < kSeverities.size(); ++i)
    if (kSeverities[i] == s) return static_cast<Severity>(i);
  return std::nullopt;
}

const std::vector<LocationRules::RuleInfo>& LocationRules::Catalogue() {
  static const std::vector<RuleInfo> kRules = {
      {"local-drive-personal-data",
       "PROTECTED or RESTRICTED data stored on a computer's local drive (C:\\)", "002 §12.1-12.3",
       Severity::kHigh},
      {"local-drive-email",
       "e-mail stores or messages (.pst, .ost, .msg, .eml, .mbox) kept on a local drive",
       "002 §12.2", Severity::kHigh},
      {"unencrypted-removable",
       "PROTECTED or RESTRICTED data on removable media that is not encrypted",
       "002 §13.2, §16.5; 003 §8.2; 004 §4.2(j)", Severity::kCritical},
      {"pupil-accessible-personal-data",
       "PROTECTED or RESTRICTED data on a share that pupils can read", "002 §9.2; 003 §7.2",
       Severity::kCritical},
      {"pupil-photo-exposed", "photographs on a pupil-accessible share or a local drive",
       "002 §12.4", Severity::kMedium},
      {"written-password", "a file holding written-down passwords or private keys",
       "004 §4.2(d); 000 §9", Severity::kHigh},
      {"unencrypted-email-attachment",
       "an e-mail whose attachment holds PROTECTED data and is not encrypted", "003 §3.2",
       Severity::kHigh},
      {"stale-email", "e-mail older than six months still kept (in a file store or a mail store)",
       "002 §9.1", Severity::kLow},
      {"unapproved-software", "executables, installers, hacking or proxy tools in user areas",
       "000 §12; 004 §4.2(h), §4.5(m)", Severity::kLow},
      {"uninspectable",
       "an encrypted or unreadable file where PROTECTED data is forbidden: the scanner cannot "
       "vouch for it",
       "— (the scanner cannot vouch for it)", Severity::kMedium},
  };
  return kRules;
}

LocationRules::LocationRules(std::vector<RuleSetting> settings) : settings_(std::move(settings)) {}

bool LocationRules::Enabled(std::string_view id) const {
  for (const auto& s : settings_)
    if (s.id == id) return s.enabled;
  return true;
}

Severity LocationRules::SeverityOf(std::string_view id, Severity fallback) const {
  for (const auto& s : settings_)
    if (s.id == id && s.severity) return *s.severity;
  return fallback;
}

std::vector<Violation> LocationRules::Evaluate(const FileFacts& f, const Location& l) const {
  std::vector<Violation> out;
  auto fire = [&](std::string_view id, Severity sev, std::string message) {
    if (!Enabled(id)) return;
    for (const auto& info : Catalogue())
      if (info.id == id)
        out.push_back(
            {std::string(id), SeverityOf(id, sev), std::move(message), std::string(info.source)});
  };
  const std::string cls(ToString(f.data_class));
  const bool restricted = f.data_class == DataClass::kRestricted;
  if (l.kind == LocationKind::kLocal && Personal(f.data_class))
    fire("local-drive-personal-data", restricted ? Severity::kCritical : Severity::kHigh,
         cls + " file on " + Where(l) + " — move it to your home drive or delete it");
  if (l.kind == LocationKind::kLocal && f.is_email)
    fire("local-drive-email", Severity::kHigh,
         "e-mail kept on " + Where(l) + " — keep e-mail in the mail system");
  if (l.kind == LocationKind::kRemovable && !l.encrypted && Personal(f.data_class))
    fire(
        "unencrypted-removable", Severity::kCritical,
        cls + " file on " + Where(l) + " — use an encrypted device or the school's secure storage");
  if (l.kind == LocationKind::kShare && l.pupil_accessible && Personal(f.data_class))
    fire("pupil-accessible-personal-data", Severity::kCritical,
         cls + " file on " + Where(l) + " — move it to a staff-only area now");
  if (f.is_photo &&
      (l.kind == LocationKind::kLocal || (l.kind == LocationKind::kShare && l.pupil_accessible)))
    fire("pupil-photo-exposed", Severity::kMedium,
         "photograph on " + Where(l) + " — keep photographs of pupils in a secure area");
  if (f.has_credential)
    fire("written-password", Severity::kHigh,
         "written-down password or key — delete it and change the password");
  if (f.is_email && Personal(f.attachment_class))
    fire("unencrypted-email-attachment", Severity::kHigh,
         "e-mail with a " + std::string(ToString(f.attachment_class)) +
             " attachment that is not encrypted — send personal data only in an encrypted, "
             "password-protected attachment");
  // 002 §9.1: messages are deleted after six months — in a mail store as much as in a file store.
  if (f.is_email && f.email_date && f.now - *f.email_date > kSixMonths &&
      l.kind != LocationKind::kUnknown)
    fire("stale-email", Severity::kLow,
         "e-mail older than six months — delete it or file it where records are kept");
  if (f.is_executable && l.kind != LocationKind::kUnknown && l.kind != LocationKind::kEmailStore)
    fire("unapproved-software", Severity::kLow,
         "program or installer in a user area — remove it unless IT approved it");
  if ((!f.inspected || f.members_uninspectable) && ForbidsPersonalData(l))
    fire("uninspectable", Severity::kMedium,
         std::string(f.encrypted ? "encrypted" : "unreadable") + " content on " + Where(l) +
             " — the scanner cannot vouch for it; check it by hand");
  return out;
}

}  // namespace datasweep
