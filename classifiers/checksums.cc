#include "classifiers/checksums.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace datasweep::checks {
namespace {

constexpr std::string_view kUpnLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";  // no I, O, S

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Local authority codes that issue UPNs (research/uk_ids.md §1).
bool KnownLaCode(int la) {
  static constexpr std::array<std::pair<int, int>, 64> kRanges = {{
      {1, 5},     {201, 213}, {301, 320}, {330, 336}, {340, 344}, {350, 359}, {370, 373},
      {380, 384}, {390, 394}, {420, 420}, {660, 681}, {701, 708}, {800, 803}, {805, 808},
      {810, 813}, {815, 816}, {820, 823}, {825, 826}, {830, 831}, {835, 841}, {845, 846},
      {850, 852}, {855, 857}, {860, 861}, {865, 896}, {908, 909}, {916, 916}, {919, 919},
      {921, 921}, {925, 926}, {928, 929}, {931, 931}, {933, 933}, {935, 938}, {940, 943},
  }};
  for (auto [lo, hi] : kRanges)
    if (lo != 0 && la >= lo && la <= hi) return true;
  return false;
}

}  // namespace

bool AllSameDigit(std::string_view d) {
  return !d.empty() && std::all_of(d.begin(), d.end(), [&](char c) { return c == d[0]; });
}

bool UpnValid(std::string_view upn, bool* la_known) {
  if (upn.size() != 13) return false;
  const size_t check_pos = kUpnLetters.find(upn[0]);
  if (check_pos == std::string_view::npos) return false;
  if (!IsDigits(upn.substr(1, 11))) return false;
  int sum = 0;
  for (int i = 1; i < 12; ++i) sum += (upn[i] - '0') * (i + 1);
  const char last = upn[12];
  if (last >= '0' && last <= '9') {
    sum += (last - '0') * 13;
  } else {
    const size_t v = kUpnLetters.find(last);  // temporary UPN: letter takes its table value
    if (v == std::string_view::npos) return false;
    sum += static_cast<int>(v) * 13;
  }
  if (kUpnLetters[sum % 23] != upn[0]) return false;
  if (la_known) *la_known = KnownLaCode(std::stoi(std::string(upn.substr(1, 3))));
  return true;
}

bool UlnValid(std::string_view uln) {
  if (uln.size() != 10 || !IsDigits(uln) || uln[0] == '0') return false;
  int sum = 0;
  for (int i = 0; i < 10; ++i) sum += (uln[i] - '0') * (10 - i);
  return sum % 11 == 10;
}

bool NhsValid(std::string_view nhs) {
  if (nhs.size() != 10 || !IsDigits(nhs) || AllSameDigit(nhs)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (nhs[i] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == nhs[9] - '0';
}

bool NinoValid(std::string_view n) {
  if (n.size() != 9) return false;
  const char a = n[0], b = n[1];
  auto bad_letter = [](char c) {
    return std::string_view("DFIQUV").find(c) != std::string_view::npos;
  };
  if (!std::isupper(static_cast<unsigned char>(a)) || !std::isupper(static_cast<unsigned char>(b)))
    return false;
  if (bad_letter(a) || bad_letter(b) || b == 'O') return false;
  static constexpr std::array<std::string_view, 7> kBanned = {"BG", "GB", "KN", "NK",
                                                              "NT", "TN", "ZZ"};
  const std::string_view prefix = n.substr(0, 2);
  if (std::find(kBanned.begin(), kBanned.end(), prefix) != kBanned.end()) return false;
  if (!IsDigits(n.substr(2, 6))) return false;
  return n[8] >= 'A' && n[8] <= 'D';
}

bool LuhnValid(std::string_view d) {
  if (!IsDigits(d)) return false;
  int sum = 0;
  bool dbl = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it) {
    int v = *it - '0';
    if (dbl && (v *= 2) > 9) v -= 9;
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool PaymentCardValid(std::string_view d, std::string_view* brand) {
  if (d.size() < 12 || d.size() > 19 || !LuhnValid(d) || AllSameDigit(d)) return false;
  auto prefix = [&](size_t n) { return std::stoi(std::string(d.substr(0, n))); };
  const size_t len = d.size();
  std::string_view b;
  if (d[0] == '4' && (len == 13 || len == 16 || len == 19))
    b = "Visa";
  else if (len == 16 &&
           ((prefix(2) >= 51 && prefix(2) <= 55) || (prefix(4) >= 2221 && prefix(4) <= 2720)))
    b = "Mastercard";
  else if (len == 15 && (prefix(2) == 34 || prefix(2) == 37))
    b = "Amex";
  else if (len >= 16 &&
           (prefix(4) == 6011 || (prefix(3) >= 644 && prefix(3) <= 649) || prefix(2) == 65))
    b = "Discover";
  else if (len >= 16 && prefix(4) >= 3528 && prefix(4) <= 3589)
    b = "JCB";
  else if (len >= 14 && ((prefix(3) >= 300 && prefix(3) <= 305) || prefix(2) == 36 ||
                         prefix(2) == 38 || prefix(2) == 39))
    b = "Diners";
  else if (len >= 16 && prefix(2) == 62)
    b = "UnionPay";
  else if (len >= 12 && (prefix(2) == 50 || (prefix(2) >= 56 && prefix(2) <= 69)))
    b = "Maestro";
  else
    return false;
  if (brand) *brand = b;
  return true;
}

bool IbanValid(std::string_view iban) {
  if (iban.size() < 15 || iban.size() > 34) return false;
  if (!std::isupper(static_cast<unsigned char>(iban[0])) ||
      !std::isupper(static_cast<unsigned char>(iban[1])))
    return false;
  if (iban.substr(0, 2) == "GB" && iban.size() != 22) return false;
  int rem = 0;
  auto feed = [&](char c) {
    if (c >= '0' && c <= '9')
      rem = (rem * 10 + (c - '0')) % 97;
    else if (c >= 'A' && c <= 'Z')
      rem = (rem * 100 + (c - 'A' + 10)) % 97;
    else
      rem = -1000000;
  };
  for (size_t i = 4; i < iban.size(); ++i) feed(iban[i]);
  for (size_t i = 0; i < 4; ++i) feed(iban[i]);
  return rem == 1;
}

bool PostcodeValid(std::string_view pc) {
  char buf[8];  // upper-cased, spaces removed: at most 7 characters are a postcode
  size_t n = 0;
  for (char c : pc) {
    if (c == ' ') continue;
    if (n == sizeof buf) return false;
    buf[n++] = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  const std::string_view s(buf, n);
  if (s == "GIR0AA") return true;
  if (s.size() < 5 || s.size() > 7) return false;
  const std::string_view out(s.data(), s.size() - 3), in(s.data() + s.size() - 3, 3);
  // Inward code: digit + two letters never C I K M O V.
  if (!std::isdigit(static_cast<unsigned char>(in[0]))) return false;
  for (int i = 1; i < 3; ++i)
    if (!std::isupper(static_cast<unsigned char>(in[i])) ||
        std::string_view("CIKMOV").find(in[i]) != std::string_view::npos)
      return false;
  // Outward code: area (1-2 letters, from the real list) + district.
  size_t letters = 0;
  while (letters < out.size() && std::isupper(static_cast<unsigned char>(out[letters]))) ++letters;
  if (letters < 1 || letters > 2) return false;
  // Sorted, for a binary search (a linear scan of string comparisons showed in table profiles).
  static constexpr std::string_view kAreas[] = {
      "AB", "AL", "B",  "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA",
      "CB", "CF", "CH", "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH",
      "DL", "DN", "DT", "DY", "E",  "EC", "EH", "EN", "EX", "FK", "FY", "G",  "GL", "GU",
      "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM", "IP", "IV", "JE",
      "KA", "KT", "KW", "KY", "L",  "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M",  "ME",
      "MK", "ML", "N",  "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH",
      "PL", "PO", "PR", "RG", "RH", "RM", "S",  "SA", "SE", "SG", "SK", "SL", "SM", "SN",
      "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS",
      "TW", "UB", "W",  "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE"};
  const std::string_view area = out.substr(0, letters);
  if (!std::binary_search(std::begin(kAreas), std::end(kAreas), area)) return false;
  const std::string_view district = out.substr(letters);
  if (district.empty() || district.size() > 2 ||
      !std::isdigit(static_cast<unsigned char>(district[0])))
    return false;
  if (district.size() == 2 && !std::isdigit(static_cast<unsigned char>(district[1]))) {
    // A9A uses ABCDEFGHJKPSTUW; AA9A uses ABEHMNPRVWXY.
    const std::string_view allowed = letters == 1 ? "ABCDEFGHJKPSTUW" : "ABEHMNPRVWXY";
    if (allowed.find(district[1]) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace datasweep::checks
