// Role and organisation mailboxes (office@, info@, helpdesk@, recruitment@, …): not personal
// data (SPEC §1). One list for the e-mail detector, which rejects them, and the phone detector,
// which takes a number on the same line as one for a letterhead.
#pragma once
#include <span>
#include <string_view>

namespace datasweep::role_mailbox {

// True when `local_part` (before the '@', lower case) names a role, not a person: the role word
// itself ("office", "admin.team", "year7office", "wcaicthelpdesk").
bool IsRole(std::string_view local_part);

// The role words ("office", "helpdesk", "recruitment", …), for tests and documentation.
std::span<const std::string_view> RoleWords();

}  // namespace datasweep::role_mailbox
