// UTF-8 helpers for names written in Latin script ("Zoë", "Łukasz", "Ó Súilleabháin").
// Detector patterns run with byte semantics, so validators decode the letters themselves.
// Stateless and thread-safe.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace datasweep::latin_text {

// Decodes the code point at s[pos] and sets *len to its byte length (1 for ASCII or a
// malformed byte, which decodes as itself).
char32_t Decode(std::string_view s, size_t pos, size_t* len);

// The code point that ends just before `end` (0 when end == 0).
char32_t DecodeBefore(std::string_view s, size_t end);

// A letter of the Latin script: ASCII, Latin-1 Supplement, Latin Extended-A/B and Extended
// Additional (Vietnamese).
bool IsLetter(char32_t c);
bool IsUpper(char32_t c);

// Lower-cased, with diacritics removed where the base letter is plain ASCII:
// "Siobhán" → "siobhan", "Łukasz" → "lukasz". Other bytes are kept as they are.
std::string Fold(std::string_view s);

// ASCII lower case of one byte: what tolower does in the C locale the scanner runs in, inline
// (a libc call per byte was 6-7% of a text sweep: every candidate's context is lower-cased).
inline char AsciiLower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

// Eight bytes of `s` from `pos` (which must leave eight) as one little-endian word.
inline uint64_t Word8(std::string_view s, size_t pos) {
  uint64_t w;
  std::memcpy(&w, s.data() + pos, 8);
  return w;
}

// 0x80 in each byte of `word` equal to `c`, 0 elsewhere (exact: no carry between bytes), so
// the text scans below test eight bytes per step instead of one.
inline uint64_t BytesEqual(uint64_t word, char c) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
  const uint64_t x = word ^ (0x0101010101010101ull * static_cast<unsigned char>(c));
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// The number of bytes of `s` equal to `c`.
inline size_t CountByte(std::string_view s, char c) {
  size_t n = 0, i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    // The 0x80 flags as 0/1 per byte, summed by one multiply (std::popcount is a libgcc call
    // without -mpopcnt).
    n += (((BytesEqual(Word8(s, i), c) >> 7) * 0x0101010101010101ull) >> 56);
  }
  for (; i < s.size(); ++i) n += s[i] == c;
  return n;
}

// True when `s` holds any byte outside ASCII.
bool HasNonAscii(std::string_view s);

}  // namespace datasweep::latin_text
