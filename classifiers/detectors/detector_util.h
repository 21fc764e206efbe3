// Small helpers shared by detector implementations.
#pragma once
#include <cctype>
#include <string>
#include <string_view>

#include "classifiers/latin_text.h"

namespace datasweep::detector_util {

// Upper-cases and drops spaces, hyphens, dots and slashes: "ab 12-34-56 c" → "AB123456C".
inline std::string Compact(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

inline std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = latin_text::AsciiLower(c);
  return out;
}

inline bool AllSame(std::string_view s) {
  for (char c : s)
    if (c != s[0]) return false;
  return !s.empty();
}

inline bool HasSeparator(std::string_view s) {
  return s.find_first_of(" -") != std::string_view::npos;
}

// The character just outside a match: true when it continues a number or word ("12345" inside
// "9912345"), which RE2's ASCII \b cannot see across separators.
inline bool GluedDigit(std::string_view before, std::string_view after) {
  return (!before.empty() && std::isdigit(static_cast<unsigned char>(before.back()))) ||
         (!after.empty() && std::isdigit(static_cast<unsigned char>(after.front())));
}

}  // namespace datasweep::detector_util
