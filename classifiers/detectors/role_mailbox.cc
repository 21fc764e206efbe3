#include "classifiers/detectors/role_mailbox.h"

#include <algorithm>
#include <array>
#include <string>

namespace datasweep::role_mailbox {
namespace {

constexpr std::array<std::string_view, 60> kRoleLocalParts = {
    "office",     "info",      "admin",       "administrator",  "enquiries",
    "enquiry",    "helpdesk",  "head",        "headteacher",    "reception",
    "finance",    "hr",        "support",     "noreply",        "no-reply",
    "postmaster", "webmaster", "contact",     "sales",          "accounts",
    "bursar",     "clerk",     "governors",   "safeguarding",   "dpo",
    "ict",        "it",        "itsupport",   "attendance",     "exams",
    "careers",    "senco",     "sendco",      "welcome",        "hello",
    "admissions", "payroll",   "data",        "dataprotection", "privacy",
    "press",      "media",     "marketing",   "schooloffice",   "mail",
    "abuse",      "security",  "servicedesk", "recruitment",    "jobs",
    "vacancies",  "personnel", "lettings",    "catering",       "library",
    "pta",        "events",    "bookings",    "transport",      "newsletter"};

}  // namespace

bool IsRole(std::string_view local) {
  std::string base(local);
  base.erase(
      std::remove_if(base.begin(), base.end(), [](char ch) { return ch == '.' || ch == '_'; }),
      base.end());
  for (std::string_view role : kRoleLocalParts) {
    if (local == role || base == role) return true;
    // "wcaicthelpdesk@", "year7office@", "admin.team@": a longer role word inside the name.
    if (role.size() >= 5 && base.find(role) != std::string::npos) return true;
    // "admin.team@", "exams-2025@": the role word, then a separator.
    if (local.size() > role.size() && local.starts_with(role) &&
        (local[role.size()] == '.' || local[role.size()] == '-'))
      return true;
  }
  return false;
}

}  // namespace datasweep::role_mailbox
