#include "classifiers/detectors/name_run_matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

#include "classifiers/latin_text.h"

namespace datasweep {
namespace {

// In the pattern's alternation order. Each is a whole word followed by a space, so at most one
// can match at a position and the order never decides a match.
constexpr std::array<std::string_view, 44> kParticles = {
    "Ó",    "Ní",  "Nic", "Mac", "Mc",  "Ap",  "ap",  "Ab",  "ab",  "Ua",    "Bint",
    "bint", "Bin", "bin", "Ibn", "ibn", "Van", "van", "Von", "von", "Della", "della",
    "Del",  "del", "De",  "de",  "Da",  "da",  "Di",  "di",  "Du",  "du",    "Le",
    "le",   "La",  "la",  "Al",  "al",  "El",  "el",  "der", "den", "dos",   "das"};
constexpr size_t kLongestParticle = 5;  // "Della"

// A word of at most eight bytes as one integer (its bytes little-endian, zero-padded): the
// particle test runs at every capitalised word of prose, so it is a search over integers.
constexpr uint64_t Packed(std::string_view w) {
  uint64_t v = 0;
  for (size_t i = 0; i < w.size(); ++i) v |= uint64_t{static_cast<unsigned char>(w[i])} << (8 * i);
  return v;
}
constexpr std::array<uint64_t, kParticles.size()> kPackedParticles = [] {
  std::array<uint64_t, kParticles.size()> packed{};
  for (size_t i = 0; i < kParticles.size(); ++i) packed[i] = Packed(kParticles[i]);
  std::sort(packed.begin(), packed.end());
  return packed;
}();

constexpr size_t kNone = std::string_view::npos;

// The byte classes of NameClasses(), one function each: the length of the class's match at
// t[p] (0 when there is none). Bounds are checked against the end of the text, as RE2 does.
size_t MultiAt(std::string_view t, size_t p) {
  const size_t n = t.size();
  const unsigned char c = t[p];
  auto cont = [&](size_t q) { return q < n && (static_cast<unsigned char>(t[q]) & 0xC0) == 0x80; };
  if (c >= 0xC3 && c <= 0xC9) return cont(p + 1) ? 2 : 0;
  if (c == 0xE1 && p + 1 < n) {
    const unsigned char c1 = t[p + 1];
    return c1 >= 0xB8 && c1 <= 0xBB && cont(p + 2) ? 3 : 0;
  }
  return 0;
}
bool AsciiUpper(unsigned char c) { return static_cast<unsigned>(c - 'A') < 26u; }
bool AsciiLower(unsigned char c) { return static_cast<unsigned>(c - 'a') < 26u; }
size_t UpperAt(std::string_view t, size_t p) {
  if (p >= t.size()) return 0;
  return AsciiUpper(t[p]) ? 1 : MultiAt(t, p);
}
size_t LowerAt(std::string_view t, size_t p) {
  if (p >= t.size()) return 0;
  return AsciiLower(t[p]) ? 1 : MultiAt(t, p);
}
size_t AnyAt(std::string_view t, size_t p) {
  if (p >= t.size()) return 0;
  const unsigned char c = t[p];
  return AsciiUpper(c) || AsciiLower(c) ? 1 : MultiAt(t, p);
}
size_t JoinAt(std::string_view t, size_t p) {
  if (p >= t.size()) return 0;
  if (t[p] == '\'' || t[p] == '-') return 1;
  return t.substr(p, 3) == "\xE2\x80\x99" ? 3 : 0;
}
// RE2's \b looks at ASCII word bytes only.
bool WordByte(unsigned char c) {
  return AsciiUpper(c) || AsciiLower(c) || static_cast<unsigned>(c - '0') < 10u || c == '_';
}

// fore: (lower | join upper?){1,20}. Greedy and deterministic: a shorter run would leave a
// letter where the pattern needs a space, and taking the capital after a join (O'Brien) is the
// only way on (fewest units, so the 20-unit bound is met whenever any reading meets it).
size_t ForeEnd(std::string_view t, size_t p) {
  size_t units = 0;
  for (; units < 20; ++units) {
    if (size_t l = LowerAt(t, p)) {
      p += l;
    } else if ((l = JoinAt(t, p))) {
      p += l;
      p += UpperAt(t, p);
    } else {
      break;
    }
  }
  return units ? p : kNone;
}

// upper sur, sur = (any | join){1,30}: the pattern ends here, so the greedy run is the match.
size_t UpperSurEnd(std::string_view t, size_t p) {
  const size_t u = UpperAt(t, p);
  if (!u) return kNone;
  p += u;
  size_t units = 0;
  for (; units < 30; ++units) {
    size_t l = AnyAt(t, p);
    if (!l) l = JoinAt(t, p);
    if (!l) break;
    p += l;
  }
  return units ? p : kNone;
}

// A particle and its space at t[p]: the end, or kNone.
size_t ParticleEnd(std::string_view t, size_t p) {
  for (size_t k = 1; k <= kLongestParticle && p + k < t.size(); ++k) {
    if (t[p + k] == ' ') return IsNameParticle(t.substr(p, k)) ? p + k + 1 : kNone;
  }
  return kNone;
}

// " " (particle){0,2} upper sur, trying two particles, then one, then none (greedy).
size_t TailEnd(std::string_view t, size_t r) {
  if (r >= t.size() || t[r] != ' ') return kNone;
  const size_t p0 = r + 1;
  const size_t p1 = ParticleEnd(t, p0);
  const size_t p2 = p1 == kNone ? kNone : ParticleEnd(t, p1);
  size_t e = kNone;
  if (p2 != kNone) e = UpperSurEnd(t, p2);
  if (e == kNone && p1 != kNone) e = UpperSurEnd(t, p1);
  if (e == kNone) e = UpperSurEnd(t, p0);
  return e;
}

// The end of the pattern's first-preference match starting at s, or kNone.
size_t MatchEnd(std::string_view t, size_t s) {
  size_t p;
  if (AsciiUpper(t[s])) {
    if (s > 0 && WordByte(t[s - 1])) return kNone;  // \b[A-Z]
    p = s + 1;
  } else if (size_t l = MultiAt(t, s)) {
    p = s + l;
  } else {
    return kNone;
  }
  const size_t q = ForeEnd(t, p);
  if (q == kNone) return kNone;
  // The optional middle name (" " upper fore) first, as the greedy ? prefers, then without it.
  if (const size_t u = q + 1 < t.size() && t[q] == ' ' ? UpperAt(t, q + 1) : 0) {
    const size_t q2 = ForeEnd(t, q + 1 + u);
    if (q2 != kNone) {
      if (const size_t e = TailEnd(t, q2); e != kNone) return e;
    }
  }
  return TailEnd(t, q);
}

// 0x80 in each byte of `w` that may start a match (A-Z, or any byte from 0x80: a multi-byte
// letter's lead byte is checked by MatchEnd). Exact per byte: no carry crosses a byte.
uint64_t StartBytes(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kLow7 = 0x7F7F7F7F7F7F7F7Full,
                     kHigh = 0x8080808080808080ull;
  const uint64_t low = w & kLow7;
  const uint64_t from_a = low + kOnes * (0x80 - 'A');      // high bit: byte >= 'A'
  const uint64_t past_z = low + kOnes * (0x80 - 'Z' - 1);  // high bit: byte > 'Z'
  return ((from_a & ~past_z & ~w) | w) & kHigh;
}

}  // namespace

bool IsNameParticle(std::string_view word) {
  if (word.empty() || word.size() > kLongestParticle) return false;
  return std::binary_search(kPackedParticles.begin(), kPackedParticles.end(), Packed(word));
}

const NamePatternClasses& NameClasses() {
  static const NamePatternClasses kClasses = [] {
    NamePatternClasses c;
    c.multi = R"([\xC3-\xC9][\x80-\xBF]|\xE1[\xB8-\xBB][\x80-\xBF])";
    c.upper = "(?:[A-Z]|" + c.multi + ")";
    c.start = "(?:\\b[A-Z]|" + c.multi + ")";
    c.lower = "(?:[a-z]|" + c.multi + ")";
    c.any = "(?:[A-Za-z]|" + c.multi + ")";
    c.join = R"((?:['\-]|\xE2\x80\x99))";
    c.fore = "(?:" + c.lower + "|" + c.join + c.upper + "?){1,20}";
    c.sur = "(?:" + c.any + "|" + c.join + "){1,30}";
    std::string alternation;
    for (std::string_view p : kParticles)
      alternation.append(alternation.empty() ? "" : "|").append(p);
    c.particle = "(?:" + alternation + ") ";
    return c;
  }();
  return kClasses;
}

std::string NameRunMatcher::Pattern() {
  const NamePatternClasses& c = NameClasses();
  return c.start + c.fore + "(?: " + c.upper + c.fore + ")? (?:" + c.particle + "){0,2}" + c.upper +
         c.sur;
}

bool NameRunMatcher::Find(std::string_view t, size_t from, size_t* start, size_t* length) const {
  auto found = [&](size_t s) {
    const size_t e = MatchEnd(t, s);
    if (e == kNone) return false;
    *start = s;
    *length = e - s;
    return true;
  };
  size_t i = from;
  for (; i + 8 <= t.size(); i += 8) {
    // Eight bytes a step: prose has a capital every few dozen bytes.
    for (uint64_t m = StartBytes(latin_text::Word8(t, i)); m; m &= m - 1)
      if (found(i + (std::countr_zero(m) >> 3))) return true;
  }
  for (; i < t.size(); ++i)
    if (found(i)) return true;
  return false;
}

}  // namespace datasweep
