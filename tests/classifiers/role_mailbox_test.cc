// role_mailbox::IsRole against its definition (the role word itself, the role word and a
// separator, or a role word of five letters or more anywhere once dots and underscores are
// dropped), on local parts built from role words, names, digits and separators.
#include "classifiers/detectors/role_mailbox.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

namespace datasweep {
namespace {

bool Definition(const std::string& local) {
  std::string base = local;
  base.erase(std::remove_if(base.begin(), base.end(), [](char c) { return c == '.' || c == '_'; }),
             base.end());
  for (std::string_view role : role_mailbox::RoleWords()) {
    if (local == role || base == role) return true;
    if (role.size() >= 5 && base.find(role) != std::string::npos) return true;
    if (local.size() > role.size() && local.starts_with(role) &&
        (local[role.size()] == '.' || local[role.size()] == '-'))
      return true;
  }
  return false;
}

}  // namespace

TEST_CASE("IsRole keeps to its definition", "[role_mailbox]") {
  const std::vector<std::string> parts = {"amara", "okafor", "j", "7", "2025",  ".",    "_",   "-",
                                          "year",  "team",   "x", "o", "ffice", "help", "desk"};
  std::mt19937 rng(42);
  size_t roles = 0;
  for (int k = 0; k < 30000; ++k) {
    std::string local;
    const int pieces = 1 + static_cast<int>(rng() % 4);
    for (int p = 0; p < pieces; ++p)
      local +=
          rng() % 3
              ? parts[rng() % parts.size()]
              : std::string(role_mailbox::RoleWords()[rng() % role_mailbox::RoleWords().size()]);
    INFO("local part '" << local << "'");
    const bool expected = Definition(local);
    REQUIRE(role_mailbox::IsRole(local) == expected);
    roles += expected;
  }
  CHECK(roles > 5000);
  CHECK(roles < 25000);  // both answers are exercised
  CHECK(role_mailbox::IsRole("wcaicthelpdesk"));
  CHECK(role_mailbox::IsRole("admin.team"));
  CHECK(role_mailbox::IsRole("h_r"));
  CHECK_FALSE(role_mailbox::IsRole("amara.okafor"));
  CHECK_FALSE(role_mailbox::IsRole(""));
}

}  // namespace datasweep
