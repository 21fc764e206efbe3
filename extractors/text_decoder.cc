#include "extractors/text_decoder.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "extractors/charset_util.h"

namespace datasweep {
namespace {

// Length of the valid UTF-8 prefix of s, tolerating a sequence cut off at the very end.
bool MostlyValidUtf8(std::string_view s) {
  size_t i = 0, bad = 0;
  while (i < s.size()) {
    // 32 ASCII bytes at a time: most text is all ASCII, and this runs over every file's head.
    if (i + 32 <= s.size()) {
      uint64_t w[4];
      std::memcpy(w, s.data() + i, 32);
      if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ull) == 0) {
        i += 32;
        continue;
      }
    }
    const unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0) {
      ++bad;
      ++i;
      continue;
    }
    if (i + n > s.size()) break;  // truncated at the end of the head: fine
    bool ok = true;
    for (size_t k = 1; k < n; ++k) ok &= (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
    if (!ok) {
      ++bad;
      ++i;
      continue;
    }
    i += n;
  }
  return bad == 0;
}

constexpr std::array<char16_t, 32> kCp1252High = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

}  // namespace

TextDecoder::Encoding TextDecoder::Detect(std::string_view h) {
  if (h.substr(0, 3) == "\xEF\xBB\xBF") return Encoding::kUtf8;
  if (h.substr(0, 2) == "\xFF\xFE") return Encoding::kUtf16Le;
  if (h.substr(0, 2) == "\xFE\xFF") return Encoding::kUtf16Be;
  // UTF-16 without a BOM: ASCII-range text has a NUL in every other byte.
  size_t even = 0, odd = 0;
  const size_t n = std::min<size_t>(h.size(), 4096);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {  // eight bytes a step: 0x80 flags in the NUL bytes, summed
    uint64_t w;
    std::memcpy(&w, h.data() + i, 8);
    constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full, kEven = 0x0080008000800080ull;
    const uint64_t nul = ~(((w & kLow7) + kLow7) | w | kLow7);
    even += (((nul & kEven) >> 7) * 0x0101010101010101ull) >> 56;
    odd += (((nul & (kEven << 8)) >> 7) * 0x0101010101010101ull) >> 56;
  }
  for (; i < n; ++i)
    if (h[i] == 0) (i % 2 ? odd : even)++;
  if (n >= 4 && odd * 10 >= n * 3 && even * 20 < n) return Encoding::kUtf16Le;
  if (n >= 4 && even * 10 >= n * 3 && odd * 20 < n) return Encoding::kUtf16Be;
  return MostlyValidUtf8(h) ? Encoding::kUtf8 : Encoding::kWindows1252;
}

std::string_view TextDecoder::Name(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf16Le:
      return "UTF-16LE";
    case Encoding::kUtf16Be:
      return "UTF-16BE";
    case Encoding::kWindows1252:
      return "Windows-1252";
  }
  return "";
}

void TextDecoder::Decode(std::string_view block, std::string& out) {
  out.clear();
  switch (encoding_) {
    case Encoding::kUtf8:
      if (first_ && block.substr(0, 3) == "\xEF\xBB\xBF") block.remove_prefix(3);
      out.assign(block);
      break;
    case Encoding::kWindows1252:
      out.reserve(block.size());
      for (unsigned char c : block) {
        if (c < 0x80)
          out.push_back(static_cast<char>(c));
        else if (c < 0xA0)
          AppendUtf8(out, kCp1252High[c - 0x80]);
        else
          AppendUtf8(out, c);
      }
      break;
    default:
      DecodeUtf16(block, out);
  }
  first_ = false;
}

void TextDecoder::DecodeUtf16(std::string_view block, std::string& out) {
  std::string data;
  if (!carry_.empty()) {
    data = carry_;
    data.append(block);
    block = data;
    carry_.clear();
  }
  const bool le = encoding_ == Encoding::kUtf16Le;
  size_t i = 0;
  if (first_ && block.size() >= 2 &&
      ((le && block.substr(0, 2) == "\xFF\xFE") || (!le && block.substr(0, 2) == "\xFE\xFF")))
    i = 2;
  out.reserve(block.size() / 2);
  for (; i + 1 < block.size(); i += 2) {
    const unsigned char a = block[i], b = block[i + 1];
    const char16_t u =
        le ? static_cast<char16_t>(a | (b << 8)) : static_cast<char16_t>((a << 8) | b);
    if (u >= 0xD800 && u <= 0xDBFF) {
      high_surrogate_ = u;
      continue;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      if (high_surrogate_)
        AppendUtf8(out, 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (u - 0xDC00));
      high_surrogate_ = 0;
      continue;
    }
    high_surrogate_ = 0;
    AppendUtf8(out, u == 0 ? U' ' : u);
  }
  if (i < block.size()) carry_.assign(block.substr(i));
}

}  // namespace datasweep
