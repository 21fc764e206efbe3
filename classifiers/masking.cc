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

// Keeps the first letter of each word and stars the rest, one star per letter; a character
// outside ASCII ("Éabha", "Żak", "O’Brien") is one code point, never split into bytes.
std::string MaskWords(std::string_view v) {
  std::string out;
  bool start = true;
  for (size_t i = 0; i < v.size();) {
    size_t len = 0;
    latin_text::Decode(v, i, &len);
    const bool letter = len > 1 || std::isalpha(static_cast<unsigned char>(v[i]));
    if (!letter || start)
      out.append(v.substr(i, len));
    else
      out.push_back('*');
    start = !letter;
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
