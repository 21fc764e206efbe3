// The word-at-a-time text scans (latin_text::CountByte, TextTable::MayBeTableLine) against
// byte-by-byte definitions, on every alignment of short random lines.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <string>

#include "classifiers/latin_text.h"
#include "classifiers/text_table.h"

namespace datasweep {
namespace {

std::string RandomLine(std::mt19937& rng, size_t size) {
  static constexpr char kBytes[] = {' ', ' ', ' ', '\t', 'a', 'Z', '\n', '\x80', '\xff', '\x20'};
  std::string s(size, ' ');
  for (char& c : s) c = kBytes[rng() % sizeof kBytes];
  return s;
}

bool NaiveMayBeTableLine(std::string_view line) {
  return line.size() <= 2000 &&
         (line.find('\t') != std::string_view::npos || line.find("  ") != std::string_view::npos);
}

TEST_CASE("CountByte counts like std::count", "[text_scan]") {
  std::mt19937 rng(7);
  for (int k = 0; k < 5000; ++k) {
    const std::string s = RandomLine(rng, rng() % 40);
    for (char c : {'\n', ' ', '\xff', '\x80'})
      REQUIRE(latin_text::CountByte(s, c) ==
              static_cast<size_t>(std::count(s.begin(), s.end(), c)));
  }
}

TEST_CASE("MayBeTableLine finds a tab or two spaces anywhere", "[text_scan]") {
  std::mt19937 rng(11);
  for (int k = 0; k < 20000; ++k) {
    std::string s = RandomLine(rng, rng() % 40);
    // Mostly single spaces between letters, so a pair straddling a word boundary is tested.
    for (char& c : s)
      if (c == '\t' && rng() % 4) c = 'x';
    INFO("line '" << s << "'");
    REQUIRE(TextTable::MayBeTableLine(s) == NaiveMayBeTableLine(s));
  }
  CHECK(TextTable::MayBeTableLine("abcdefg  hij"));   // the pair across eight bytes
  CHECK(TextTable::MayBeTableLine("abcdefgh ij  "));  // the pair in the tail
  CHECK_FALSE(TextTable::MayBeTableLine("abcdefg hijklmn opq rst"));
}

// The whole lines before the first line with a tab or two spaces in a row.
size_t NaivePlainLinesPrefix(std::string_view text) {
  size_t end = 0;
  while (true) {
    const size_t nl = text.find('\n', end);
    if (nl == std::string_view::npos) return end;
    const std::string_view line = text.substr(end, nl - end);
    if (line.find('\t') != std::string_view::npos || line.find("  ") != std::string_view::npos)
      return end;
    end = nl + 1;
  }
}

TEST_CASE("PlainLinesPrefix stops before the first line that may be a table row", "[text_scan]") {
  std::mt19937 rng(13);
  for (int k = 0; k < 20000; ++k) {
    std::string s = RandomLine(rng, rng() % 60);
    for (char& c : s)
      if ((c == '\t' || c == ' ') && rng() % 3) c = 'x';  // runs of several plain lines
    INFO("text '" << s << "'");
    REQUIRE(TextTable::PlainLinesPrefix(s) == NaivePlainLinesPrefix(s));
  }
  CHECK(TextTable::PlainLinesPrefix("one two\nthree four\nfive  six\nseven\n") == 19);
  CHECK(TextTable::PlainLinesPrefix("abcdefg \n bcdefgh\n") == 18);  // a space either side of \n
  CHECK(TextTable::PlainLinesPrefix("no newline") == 0);
}

}  // namespace
}  // namespace datasweep
