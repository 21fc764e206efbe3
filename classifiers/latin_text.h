// UTF-8 helpers for names written in Latin script ("Zoë", "Łukasz", "Ó Súilleabháin").
// Detector patterns run with byte semantics, so validators decode the letters themselves.
// Stateless and thread-safe.
#pragma once
#include <cstddef>
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

// True when `s` holds any byte outside ASCII.
bool HasNonAscii(std::string_view s);

}  // namespace datasweep::latin_text
