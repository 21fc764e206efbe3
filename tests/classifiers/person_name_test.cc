// person_name on real sentences: names written with letters outside ASCII, particles,
// apostrophes and hyphens, names in form fields and before a class group; and the prose that
// must not be taken for a name. Also the UTF-8 helpers and masking those names rely on.
#include <catch2/catch.hpp>

#include "classifiers/detector_set.h"
#include "classifiers/latin_text.h"
#include "classifiers/masking.h"
#include "classifiers/name_dictionary.h"

using namespace datasweep;

namespace {

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

// Normalised values of the person_name detections in `text`.
std::vector<std::string> Names(std::string_view text) {
  std::vector<std::string> out;
  Set().Scan(text, 0, true, "", [&](const Detection& d) {
    if (d.detector->Info().id == "person_name") out.push_back(d.validated.value);
  });
  return out;
}

bool HasName(std::string_view text, const std::string& value) {
  for (const auto& n : Names(text))
    if (n == value) return true;
  return false;
}

}  // namespace

TEST_CASE("names with letters outside ASCII", "[person_name]") {
  CHECK(HasName("Łukasz Wójcik phoned the office this morning.", "lukasz wojcik"));
  CHECK(HasName("Zoë Thompson was absent on Monday.", "zoe thompson"));
  CHECK(HasName("Pupil name: Žydrūnė Petrauskienė\nForm: 9R", "zydrune petrauskiene"));
  CHECK(HasName("Notes from the review: Éabha Blake, 8W", "eabha blake"));
  CHECK(HasName("Medical information - Aistė Rezaeian (10K)", "aiste rezaeian"));
}

TEST_CASE("surname particles, apostrophes and hyphens", "[person_name]") {
  CHECK(HasName("Dear Siobhán Ó Súilleabháin,\nThank you for your letter.",
                "siobhan o suilleabhain"));
  CHECK(HasName("Concern raised about Ābha Ní Bhriain (7C) at break.", "abha ni bhriain"));
  CHECK(HasName("Pupil name: Fatima ap Rhys", "fatima ap rhys"));
  CHECK(HasName("Sean O'Brien joined the choir.", "sean o'brien"));
  CHECK(
      HasName("Liam O\xE2\x80\x99"
              "Connor joined the choir.",
              "liam o\xE2\x80\x99"
              "connor"));
  CHECK(HasName("Jessica Smith-Jones joined the choir.", "jessica smith-jones"));
  CHECK(HasName("Anna van der Berg joined the choir.", "anna van der berg"));
  CHECK(HasName("Letter to Mr. Okafor about the trip", "mr okafor"));
}

TEST_CASE("names in form fields and before a class group", "[person_name]") {
  CHECK(HasName("Employee: Poppy Sivapalan\nEmployee number: E36457", "poppy sivapalan"));
  CHECK(HasName("Pupil name: Wrenna Kanagaratnam\nForm: 4A", "wrenna kanagaratnam"));
  CHECK(HasName("Medical information - Ruaridh King (7K)", "ruaridh king"));
}

TEST_CASE("a letter's salutation names its person by the forename", "[person_name]") {
  CHECK(HasName("Dear Yusuf,\n\nyour salary will move to M4", "yusuf"));
  CHECK(Names("Dear Parents,\nthe trip is on Friday.").empty());
  CHECK(Names("Dear Colleagues, please note").empty());
  CHECK(Names("Dear Yusuf Entwistle has left").size() == 1);  // no comma: the full-name rules
}

TEST_CASE("prose that is not a name", "[person_name]") {
  CHECK(Names("Dear Parents and Carers, the trip is on Friday.").empty());
  CHECK(Names("Name: Year Group").empty());
  CHECK(Names("The Great Fire of London began in Pudding Lane.").empty());
  CHECK(Names("Holidays on the Costa Del Sol are popular.").empty());
  CHECK(Names("Employee: Head Teacher").empty());
  CHECK(Names("naïveÉabha Blake").empty());  // glued to a word: not the start of a name
}

TEST_CASE("dictionary lookups ignore accents", "[person_name]") {
  const NameDictionary& d = NameDictionary::Get();
  CHECK(d.IsForename("Zoë"));
  CHECK(d.IsForename("Siobhán"));
  CHECK(d.IsSurname("Wojcik"));
  CHECK(d.IsSurname("WÓJCIK"));
  CHECK_FALSE(d.IsForename("Thë"));
}

TEST_CASE("UTF-8 letters: case, folding, masking", "[person_name]") {
  size_t len = 0;
  CHECK(latin_text::Decode("Ł", 0, &len) == 0x141);
  CHECK(len == 2);
  CHECK(latin_text::IsUpper(0x141));
  CHECK_FALSE(latin_text::IsUpper(0x142));
  CHECK(latin_text::IsUpper(0x17D));       // Ž
  CHECK_FALSE(latin_text::IsUpper(0xE9));  // é
  CHECK(latin_text::Fold("Súilleabháin") == "suilleabhain");
  CHECK(latin_text::DecodeBefore("naïve", 4) == 0xEF);
  // One star per letter; no byte of a letter outside ASCII survives past a word's first.
  CHECK(Mask("Éabha Żak", DetailKind::kName) == "É**** Ż**");
  CHECK(Mask("petrauskienė", DetailKind::kName) == "p***********");
}

// A cell under a "Name" or "SEN" header can hold anything; the fuzzer found card numbers,
// digits and malformed bytes there passing through as they were (tests/fuzz/regressions/detector).
TEST_CASE("Word masking stars digits and malformed bytes, keeps only initials", "[person_name]") {
  CHECK(Mask("4223 4855 0564 9344", DetailKind::kSpecial) == "**** **** **** ****");
  CHECK(Mask("Room 39", DetailKind::kSpecial) == "R*** **");
  CHECK(Mask("O'Brien-Smith, Jo", DetailKind::kName) == "O'B****-S****, J*");
  CHECK(Mask("4166 9475<<<<r", DetailKind::kName) == "**** ****<<<<r");
  CHECK(Mask("\xE9\xE9"
             "ab",
             DetailKind::kName) == "****");       // lone Latin-1 bytes are not initials
  CHECK(Mask("K", DetailKind::kSpecial) == "K");  // a one-letter code: nothing to hide
}
