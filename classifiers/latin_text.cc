#include "classifiers/latin_text.h"

#include <cctype>

namespace datasweep::latin_text {
namespace {

// Base letters of U+00C0..U+00FF and U+0100..U+017F, in the case of the original ('?' = not a
// letter). Used both to fold and to tell capitals, so the case here matters.
constexpr std::string_view kLatin1 =
    "AAAAAAACEEEEIIII"
    "DNOOOOO?OUUUUYTs"
    "aaaaaaaceeeeiiii"
    "dnooooo?ouuuuyty";
constexpr std::string_view kExtendedA =
    "AaAaAaCcCcCcCcDd"
    "DdEeEeEeEeEeGgGg"
    "GgGgHhHhIiIiIiIi"
    "IiJjJjKkkLlLlLlL"
    "lLlNnNnNnnNnOoOo"
    "OoOoRrRrRrSsSsSs"
    "SsTtTtTtUuUuUuUu"
    "UuUuWwYyYZzZzZzs";

// The folded base letter, or 0 when there is none in the tables.
char Base(char32_t c) {
  if (c < 0x80) return std::isalpha(static_cast<int>(c)) ? static_cast<char>(c) : 0;
  if (c >= 0xC0 && c <= 0xFF) return kLatin1[c - 0xC0] == '?' ? 0 : kLatin1[c - 0xC0];
  if (c >= 0x100 && c <= 0x17F) return kExtendedA[c - 0x100];
  if (c >= 0x218 && c <= 0x21B) return "SsTt"[c - 0x218];  // Romanian comma-below letters
  return 0;
}

}  // namespace

char32_t Decode(std::string_view s, size_t pos, size_t* len) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(pos);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (pos + n > s.size()) n = 1;
  for (size_t i = 1; i < n; ++i)
    if ((b(pos + i) & 0xC0) != 0x80) n = 1;
  *len = n;
  if (n == 1) return c;
  char32_t cp = c & (0x7F >> n);
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (b(pos + i) & 0x3F);
  return cp;
}

char32_t DecodeBefore(std::string_view s, size_t end) {
  if (end == 0) return 0;
  size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  size_t len = 0;
  const char32_t cp = Decode(s, start, &len);
  return start + len == end ? cp : static_cast<unsigned char>(s[end - 1]);
}

bool IsLetter(char32_t c) {
  return Base(c) != 0 || (c >= 0x180 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF);
}

bool IsUpper(char32_t c) {
  if (const char base = Base(c)) return std::isupper(static_cast<unsigned char>(base));
  if (c >= 0x1E00 && c <= 0x1EFF) return c % 2 == 0;  // Latin Extended Additional pairs
  return c >= 0x180 && c <= 0x24F;                    // Extended-B: assume a capital
}

std::string Fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = 0;
    const char32_t c = Decode(s, i, &len);
    const char base = len > 1 ? Base(c) : 0;
    if (base != 0)
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(base))));
    else if (len == 1)
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))));
    else
      out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

bool HasNonAscii(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  return false;
}

}  // namespace datasweep::latin_text
