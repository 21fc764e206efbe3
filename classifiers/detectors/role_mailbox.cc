#include "classifiers/detectors/role_mailbox.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

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

// The roles by first byte: IsRole tests only the roles that can start at a position, instead of
// a substring search per role (an e-mail column of a pupil export calls it for every cell).
class RolesByFirstByte {
 public:
  RolesByFirstByte() {
    for (std::string_view role : kRoleLocalParts)
      by_byte_[static_cast<unsigned char>(role[0])].push_back(role);
  }
  const std::vector<std::string_view>& StartingWith(char c) const {
    return by_byte_[static_cast<unsigned char>(c)];
  }

 private:
  std::array<std::vector<std::string_view>, 256> by_byte_;
};

}  // namespace

bool IsRole(std::string_view local) {
  static const RolesByFirstByte kRoles;
  if (local.empty()) return false;
  // The local part without dots and underscores ("admin.team" → "adminteam"); a longer one
  // than an e-mail pattern allows is compared in a heap copy.
  char buf[80];
  std::string heap;
  char* out = buf;
  if (local.size() > sizeof buf) {
    heap.resize(local.size());
    out = heap.data();
  }
  size_t n = 0;
  for (char ch : local)
    if (ch != '.' && ch != '_') out[n++] = ch;
  const std::string_view base(out, n);
  // The role word itself, or the role word then a separator ("admin.team@", "exams-2025@").
  for (std::string_view role : kRoles.StartingWith(local[0])) {
    if (local == role) return true;
    if (local.size() > role.size() && local.starts_with(role) &&
        (local[role.size()] == '.' || local[role.size()] == '-'))
      return true;
  }
  // "wcaicthelpdesk@", "year7office@": a role word of five letters or more anywhere in it, or
  // a shorter one that is all of it.
  for (size_t i = 0; i < base.size(); ++i) {
    for (std::string_view role : kRoles.StartingWith(base[i])) {
      if (i == 0 && base == role) return true;
      if (role.size() >= 5 && base.compare(i, role.size(), role) == 0) return true;
    }
  }
  return false;
}

std::span<const std::string_view> RoleWords() { return kRoleLocalParts; }

}  // namespace datasweep::role_mailbox
