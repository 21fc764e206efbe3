#include "classifiers/date_parse.h"

#include <array>
#include <cctype>
#include <charconv>
#include <string>

namespace datasweep {
namespace {

bool ValidDate(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

int MonthFromName(std::string_view s) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (s.size() < 3) return 0;
  std::string l;
  for (char c : s.substr(0, 3))
    l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (kMonths[i] == l) return static_cast<int>(i) + 1;
  return 0;
}

// Splits into runs of digits and runs of letters, dropping separators and ordinal suffixes.
std::array<std::string_view, 4> Tokens(std::string_view s, int* count) {
  std::array<std::string_view, 4> out{};
  *count = 0;
  size_t i = 0;
  while (i < s.size() && *count < 4) {
    const bool digit = std::isdigit(static_cast<unsigned char>(s[i]));
    const bool alpha = std::isalpha(static_cast<unsigned char>(s[i]));
    if (!digit && !alpha) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < s.size() && (digit ? std::isdigit(static_cast<unsigned char>(s[j]))
                                  : std::isalpha(static_cast<unsigned char>(s[j])) != 0))
      ++j;
    const std::string_view tok = s.substr(i, j - i);
    const bool ordinal = tok == "st" || tok == "nd" || tok == "rd" || tok == "th" || tok == "of";
    if (!ordinal) out[(*count)++] = tok;
    i = j;
  }
  return out;
}

int ToInt(std::string_view s) {
  int v = -1;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

}  // namespace

std::optional<CivilDate> ParseUkDate(std::string_view text) {
  int n = 0;
  const auto t = Tokens(text, &n);
  if (n != 3) return std::nullopt;
  int y, m, d;
  if (t[0].size() == 4) {  // ISO yyyy-mm-dd
    y = ToInt(t[0]), m = ToInt(t[1]), d = ToInt(t[2]);
  } else {
    d = ToInt(t[0]);
    m = std::isalpha(static_cast<unsigned char>(t[1][0])) ? MonthFromName(t[1]) : ToInt(t[1]);
    y = ToInt(t[2]);
    if (t[2].size() == 2)
      y += (y <= 30 ? 2000 : 1900);
    else if (t[2].size() != 4)
      return std::nullopt;
  }
  if (!ValidDate(y, m, d)) return std::nullopt;
  return CivilDate{y, m, d};
}

std::optional<CivilDate> FromSpreadsheetSerial(double serial) {
  if (serial < 1 || serial > 80000) return std::nullopt;
  // Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
  long z = static_cast<long>(serial) - 25569 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return CivilDate{y, m, d};
}

}  // namespace datasweep
