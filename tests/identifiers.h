// Valid test identifiers with their check characters computed, so tests can plant as many
// distinct people as they need: UPNs (DfE check letter) and NHS numbers (mod 11).
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

#include "classifiers/checksums.h"

namespace datasweep::testing {

// The UPN whose twelve digits are `stem` (nine: LA, school, year) and the serial n % 1000.
inline std::string ValidUpn(std::string_view stem, int n) {
  char serial[8];
  std::snprintf(serial, sizeof serial, "%03d", n % 1000);
  const std::string digits = std::string(stem) + serial;
  for (char c : std::string_view("ABCDEFGHJKLMNPQRTUVWXYZ")) {
    std::string upn = c + digits;
    if (checks::UpnValid(upn)) return upn;
  }
  return "";
}

// The first NHS number from serial n on ("943" and six digits) whose check digit exists.
inline std::string ValidNhs(int n) {
  for (int k = n;; ++k) {
    char body[16];
    std::snprintf(body, sizeof body, "943%06d", k % 1000000);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (body[i] - '0') * (10 - i);
    const int check = (11 - sum % 11) % 11;
    if (check != 10) return body + std::to_string(check);
  }
}

}  // namespace datasweep::testing
