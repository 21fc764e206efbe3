#include "classifiers/masking.h"

#include <cctype>

namespace datasweep {
namespace {

std::string KeepEnds(std::string_view v, size_t head, size_t tail) {
  if (v.size() <= head + tail + 2) return std::string(v.size(), '*');
  return std::string(v.substr(0, head)) + std::string(v.size() - head - tail, '*') +
         std::string(v.substr(v.size() - tail));
}

std::string MaskWords(std::string_view v) {
  std::string out;
  bool start = true;
  for (char c : v) {
    const bool alpha = std::isalpha(static_cast<unsigned char>(c));
    out.push_back(alpha ? (start ? c : '*') : c);
    start = !alpha;
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
