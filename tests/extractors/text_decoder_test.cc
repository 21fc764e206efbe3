// TextDecoder::Detect: the word-at-a-time NUL counting and ASCII skipping against a byte-by-byte
// reference of the same rules, on random heads that sit near every decision's threshold.
#include "extractors/text_decoder.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

namespace datasweep {
namespace {

bool ReferenceValidUtf8(std::string_view s) {
  size_t i = 0, bad = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0) {
      ++bad, ++i;
      continue;
    }
    if (i + n > s.size()) break;
    bool ok = true;
    for (size_t k = 1; k < n; ++k) ok &= (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
    if (!ok) {
      ++bad, ++i;
      continue;
    }
    i += n;
  }
  return bad == 0;
}

TextDecoder::Encoding Reference(std::string_view h) {
  using E = TextDecoder::Encoding;
  if (h.substr(0, 3) == "\xEF\xBB\xBF") return E::kUtf8;
  if (h.substr(0, 2) == "\xFF\xFE") return E::kUtf16Le;
  if (h.substr(0, 2) == "\xFE\xFF") return E::kUtf16Be;
  size_t even = 0, odd = 0;
  const size_t n = std::min<size_t>(h.size(), 4096);
  for (size_t i = 0; i < n; ++i)
    if (h[i] == 0) (i % 2 ? odd : even)++;
  if (n >= 4 && odd * 10 >= n * 3 && even * 20 < n) return E::kUtf16Le;
  if (n >= 4 && even * 10 >= n * 3 && odd * 20 < n) return E::kUtf16Be;
  return ReferenceValidUtf8(h) ? E::kUtf8 : E::kWindows1252;
}

TEST_CASE("Detect decides as the byte-by-byte rules do", "[text_decoder]") {
  std::mt19937 rng(5);
  int utf16 = 0, cp1252 = 0;
  for (int k = 0; k < 4000; ++k) {
    const size_t size = rng() % 5000;
    // NULs at even, odd or any positions with a random density; letters, and now and then
    // UTF-8 sequences (valid or cut) far into the head.
    const unsigned nul_rate = rng() % 100, side = rng() % 3;
    std::string h(size, 'a');
    for (size_t i = 0; i < size; ++i) {
      const bool nul_here = (side == 2 || i % 2 == side) && rng() % 100 < nul_rate;
      if (nul_here)
        h[i] = '\0';
      else if (rng() % 500 == 0)
        h[i] = static_cast<char>(0x80 + rng() % 0x80);
      else if (rng() % 500 == 0)
        h.replace(i, 2, "\xC3\xA9").resize(size);
    }
    const auto want = Reference(h);
    utf16 += want == TextDecoder::Encoding::kUtf16Le || want == TextDecoder::Encoding::kUtf16Be;
    cp1252 += want == TextDecoder::Encoding::kWindows1252;
    INFO("case " << k << " size " << size);
    REQUIRE(TextDecoder::Detect(h) == want);
  }
  CHECK(utf16 > 100);  // the generator reaches every outcome
  CHECK(cp1252 > 100);
}

}  // namespace
}  // namespace datasweep
