#include "classifiers/masking.h"

#include <cctype>

#include "classifiers/latin_text.h"

namespace datasweep {
namespace {

std::string KeepEnds(std::string_view v, size_t head, size_t tail) {
  if (v.size() <= head + tail + 2) return std::string(v.size(), '*');
  return std::string(v.substr(0, head)) + std::string(v.size() - head - tail, '*') +
         std::string(v.substr(v.size() - tail));
}

// A word is a run of anything but ASCII spaces, punctuation and controls. Keeps a word's first
// character when it is a letter (the initial: "J*** S****") and stars every other character,
// one star per code point: digits, letters outside ASCII ("Éabha" is "É****", never split
// into bytes) and malformed bytes alike. A cell under a "Name" or "SEN" header can hold
// anything, a card number included, and only separators may survive as they are.
std::string MaskWords(std::string_view v) {
  std::string out;
  bool start = true;
  for (size_t i = 0; i < v.size();) {
    size_t len = 0;
    const char32_t c = latin_text::Decode(v, i, &len);
    const bool separator = c < 0x80 && !std::isalnum(static_cast<unsigned char>(c));
    const bool initial = start && !separator && latin_text::IsLetter(c) && (c < 0x80 || len > 1);
    if (separator || initial)
      out.append(v.substr(i, len));
    else
      out.push_back('*');
    start = separator;
    i += len;
  }
  return out;
}

}  // namespace

std::string Mask(std::string_view v, DetailKind kind) {
  switch (kind) {
    case DetailKind::kCredential:
      return "[redacted]";
    case DetailKind::kEmail: {
      const size_t at = v.find('@');
      if (at == std::string_view::npos || at == 0) return KeepEnds(v, 1, 0);
      return std::string(1, v[0]) + "***" + std::string(v.substr(at));
    }
    case DetailKind::kName:
    case DetailKind::kSpecial:
      return MaskWords(v);
    case DetailKind::kDateOfBirth:
      return v.size() >= 4 ? "****-**-**" : std::string(v.size(), '*');
    case DetailKind::kAddress:
      return KeepEnds(v, 2, 0);  // postcode area only: "SW****"
    case DetailKind::kPhone:
      return KeepEnds(v, 2, 2);
    default:
      return KeepEnds(v, 2, v.size() >= 9 ? 3 : 2);
  }
}

}  // namespace datasweep
