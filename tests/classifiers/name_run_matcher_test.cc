// NameRunMatcher against the regex it stands for: the same leftmost-first matches, from every
// start position, on random runs of name-like tokens (particles, joins, letters outside ASCII,
// broken UTF-8, over-long words) and on prose; and DetectorSet with the matcher against
// DetectorSet with RE2 alone, detection for detection.
#include "classifiers/detectors/name_run_matcher.h"

#include <re2/re2.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "classifiers/detector_set.h"

namespace datasweep {
namespace {

using Matches = std::vector<std::pair<size_t, size_t>>;  // (start, length)

const RE2& NameRunRegex() {
  static const RE2 re = [] {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingLatin1);  // as DetectorSet compiles it
    return RE2(NameRunMatcher::Pattern(), o);
  }();
  return re;
}

Matches ByRegex(std::string_view text, size_t from) {
  Matches out;
  re2::StringPiece m;
  while (from <= text.size() &&
         NameRunRegex().Match(text, from, text.size(), RE2::UNANCHORED, &m, 1)) {
    const size_t start = m.data() - text.data();
    out.emplace_back(start, m.size());
    from = start + std::max<size_t>(m.size(), 1);
  }
  return out;
}

Matches ByMatcher(std::string_view text, size_t from) {
  Matches out;
  const NameRunMatcher matcher;
  size_t start = 0, length = 0;
  while (from <= text.size() && matcher.Find(text, from, &start, &length)) {
    out.emplace_back(start, length);
    from = start + std::max<size_t>(length, 1);
  }
  return out;
}

std::string RandomRun(std::mt19937& rng, size_t tokens) {
  static const std::vector<std::string> kTokens = {"John",
                                                   "Smith",
                                                   "Ayesha",
                                                   "Okafor",
                                                   "O'Brien",
                                                   "Smith-Jones",
                                                   "O\xE2\x80\x99Neill",
                                                   "Zo\xC3\xAB",
                                                   "\xC3\x89lodie",
                                                   "\xC5\x81ukasz",
                                                   "\xC3\x93",
                                                   "N\xC3\xAD",
                                                   "Nic",
                                                   "Mac",
                                                   "Mc",
                                                   "ap",
                                                   "Ap",
                                                   "van",
                                                   "Van",
                                                   "der",
                                                   "de",
                                                   "De",
                                                   "Della",
                                                   "della",
                                                   "Del",
                                                   "bin",
                                                   "Bint",
                                                   "al",
                                                   "Al",
                                                   "the",
                                                   "The",
                                                   "Year",
                                                   "GCSE",
                                                   "McDonald",
                                                   "JoHn",
                                                   "x",
                                                   "A",
                                                   "a",
                                                   "Q",
                                                   "_",
                                                   "7",
                                                   "9B",
                                                   " ",
                                                   " ",
                                                   " ",
                                                   " ",
                                                   "  ",
                                                   ",",
                                                   ", ",
                                                   ".",
                                                   "-",
                                                   "'",
                                                   "\xE2\x80\x99",
                                                   "\xE2\x80\x9C",
                                                   "\xC3",
                                                   "\x80",
                                                   "\xE1",
                                                   "\xE1\xB8",
                                                   "\xE1\xB8\x82",
                                                   "\xE1\xBA\xA0",
                                                   "\xE1\xB7\x80",
                                                   "\xC2\xA0",
                                                   "\xCA\x80",
                                                   "\xC9\xBF",
                                                   "\t",
                                                   "\n",
                                                   "Abcdefghijklmnopqrstu",
                                                   "Abcdefghijklmnopqrs",
                                                   "Abcdefghijklmnopqrstuvwxyzabcdef",
                                                   "A'B'C'D'E'F'G'H'I'J'K",
                                                   "O'",
                                                   "'s"};
  std::string s;
  for (size_t k = 0; k < tokens; ++k) s += kTokens[rng() % kTokens.size()];
  return s;
}

// Every detector, with or without their hand-written matchers.
class WithoutMatcher final : public Detector {
 public:
  explicit WithoutMatcher(std::unique_ptr<Detector> d) : d_(std::move(d)) {}
  const DetectorInfo& Info() const override { return d_->Info(); }
  std::vector<std::string> Patterns() const override { return d_->Patterns(); }
  std::vector<std::string_view> ContextWords() const override { return d_->ContextWords(); }
  std::vector<std::string_view> NegativeContextWords() const override {
    return d_->NegativeContextWords();
  }
  std::optional<Validated> Validate(const Candidate& c) const override { return d_->Validate(c); }

 private:
  std::unique_ptr<Detector> d_;
};

std::vector<std::string> Detections(const DetectorSet& set, std::string_view text,
                                    size_t report_from, bool final) {
  std::vector<std::string> out;
  set.Scan(text, report_from, final, "", [&](const Detection& d) {
    out.push_back(std::string(d.detector->Info().id) + "@" + std::to_string(d.offset) + "+" +
                  std::to_string(d.length) + " " + d.validated.value + " " + d.validated.note);
  });
  return out;
}

}  // namespace

TEST_CASE("the name-run pattern compiles", "[name_run]") { REQUIRE(NameRunRegex().ok()); }

TEST_CASE("NameRunMatcher finds what the regex finds", "[name_run]") {
  const std::string letter = "Dear parents, John Paul Smith and Anna van der Berg came.";
  CHECK(ByRegex(letter, 0) == Matches{{14, 15}, {34, 17}});
  CHECK(ByMatcher(letter, 0) == ByRegex(letter, 0));
  CHECK(ByMatcher("Anna De Luca", 0) == Matches{{0, 12}});
  CHECK(ByMatcher("xAnna Smith", 0).empty());  // \b before an ASCII capital
  std::mt19937 rng(2026);
  for (int k = 0; k < 20000; ++k) {
    const std::string s = RandomRun(rng, 1 + rng() % 12);
    INFO("text '" << s << "'");
    REQUIRE(ByMatcher(s, 0) == ByRegex(s, 0));
    const size_t from = rng() % (s.size() + 1);  // a start inside the text: \b sees its byte
    INFO("from " << from);
    REQUIRE(ByMatcher(s, from) == ByRegex(s, from));
  }
}

TEST_CASE("DetectorSet finds the same with the matcher as with RE2 alone", "[name_run]") {
  const DetectorSet fast(DetectorSet::AllDetectors());
  std::vector<std::unique_ptr<Detector>> plain;
  for (auto& d : DetectorSet::AllDetectors())
    plain.push_back(std::make_unique<WithoutMatcher>(std::move(d)));
  const DetectorSet slow(std::move(plain));
  const std::string prose =
      "Dear Mrs Okafor,\nPupil name: Ayesha Okafor (7B) was absent. Siobh\xC3\xA1n \xC3\x93 "
      "S\xC3\xBAilleabh\xC3\xA1in and Anna van der Berg, Year 10, met Tom Ng. Smith, John "
      "phoned 01632 960123.\nThe Head Teacher and The Trust Board met in London Road.\n";
  std::mt19937 rng(7);
  std::vector<std::string> texts = {prose};
  for (int k = 0; k < 300; ++k) texts.push_back(prose.substr(rng() % 40) + RandomRun(rng, 40));
  size_t found = 0;
  for (const std::string& t : texts) {
    INFO("text '" << t << "'");
    for (size_t report_from : {size_t{0}, t.size() / 3}) {
      const auto a = Detections(fast, t, report_from, true);
      REQUIRE(a == Detections(slow, t, report_from, true));
      REQUIRE(Detections(fast, t, report_from, false) == Detections(slow, t, report_from, false));
      found += a.size();
    }
  }
  CHECK(found > 1000);  // the texts do hold names: the comparison is not of empty lists
}

}  // namespace datasweep
