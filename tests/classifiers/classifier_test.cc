// People counting and the verdict (SPEC §1) through the ContentAnalyzer, on tables and prose.
#include <catch2/catch.hpp>

#include "classifiers/content_analyzer.h"
#include "tests/identifiers.h"

using namespace datasweep;

namespace {

// A valid UPN for serial n (LA 801, school 2000, year 12).
std::string Upn(int n) { return testing::ValidUpn("801200012", n); }

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

Verdict ClassList(int pupils, const std::vector<std::string>& header) {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  for (uint32_t c = 0; c < header.size(); ++c) a.OnCell({"Sheet1", 0, c}, header[c]);
  for (int i = 1; i <= pupils; ++i) {
    const uint32_t r = i;
    a.OnCell({"Sheet1", r, 0}, "Pupil" + std::to_string(i));
    a.OnCell({"Sheet1", r, 1}, "Smith");
    a.OnCell({"Sheet1", r, 2}, Upn(i));
    a.OnCell({"Sheet1", r, 3}, std::to_string(1 + i % 28) + "/03/2013");
  }
  return a.Finish();
}

}  // namespace

TEST_CASE("a class list of 30 pupils with UPNs and DOBs is RESTRICTED with 30 subjects",
          "[classifier]") {
  const Verdict v = ClassList(30, {"Forename", "Legal Surname", "UPN", "DOB"});
  CHECK(v.data_class == DataClass::kRestricted);
  CHECK(v.subjects == 30);
  CHECK(v.detections.at("upn") == 30);
  CHECK(v.detections.at("date_of_birth") == 30);
  REQUIRE_FALSE(v.reasons.empty());
  CHECK(v.reasons[0] == "30 distinct people with PROTECTED data (threshold 10)");
  // Samples are masked and say where they are.
  for (const auto& s : v.samples) {
    CHECK(s.masked.find("801200") == std::string::npos);
    CHECK_FALSE(s.where.empty());
  }
}

TEST_CASE("a list of 5 pupils is PROTECTED, not RESTRICTED", "[classifier]") {
  const Verdict v = ClassList(5, {"Forename", "Surname", "UPN", "Date of Birth"});
  CHECK(v.data_class == DataClass::kProtected);
  CHECK(v.subjects == 5);
}

TEST_CASE("the same pupil named many times is one person", "[classifier]") {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  std::string letter;
  for (int i = 0; i < 12; ++i) letter += "Regarding UPN " + Upn(7) + ", attendance this week.\n";
  a.OnText(letter, "");
  const Verdict v = a.Finish();
  CHECK(v.subjects == 1);
  CHECK(v.data_class == DataClass::kProtected);
}

TEST_CASE("a complete record for one person is RESTRICTED", "[classifier]") {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  a.OnText("Admission form\nUPN: " + Upn(3) +
               "\nDate of birth: 04/05/2014\nAddress: 12 Acacia Avenue, Leeds LS1 4AB\n"
               "Mother's mobile: 07700 900123\nNHS No: 943 476 5919\n",
           "");
  const Verdict v = a.Finish();
  CHECK(v.data_class == DataClass::kRestricted);
  REQUIRE(v.reasons.size() >= 1);
  CHECK(v.reasons.back().find("complete record") != std::string::npos);
}

TEST_CASE("role contacts and event dates do not raise the class", "[classifier]") {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  a.OnText(
      "Oakfield Academy, School Office Tel: 0113 496 0000, office@oakfield.sch.uk\n"
      "Sports day is on 01/07/2026. Invoice 9434765918. ISBN 9780140449136.\n",
      "");
  const Verdict v = a.Finish();
  CHECK(v.data_class == DataClass::kUnrestricted);
  CHECK(v.subjects == 0);
}

TEST_CASE("a match straddling a chunk boundary is found exactly once", "[classifier]") {
  for (size_t k = 1; k <= 12; ++k) {
    ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
    const std::string value = "NHS No: 943 476 5919";
    std::string text(ContentAnalyzer::kWindow * 2, 'x');
    for (size_t i = 0; i < text.size(); i += 80) text[i] = ' ';
    const size_t at = ContentAnalyzer::kWindow - value.size() + k;
    text.replace(at - 1, 1, " ");
    text.replace(at, value.size(), value);
    text[at + value.size()] = ' ';
    // Feed in pieces that split exactly at the window size.
    a.OnText(std::string_view(text).substr(0, ContentAnalyzer::kWindow), "");
    a.OnText(std::string_view(text).substr(ContentAnalyzer::kWindow), "");
    const Verdict v = a.Finish();
    INFO("split " << k << " bytes before the end of the value");
    CHECK(v.detections.count("nhs_number"));
    CHECK(v.detections.at("nhs_number") == 1);
  }
}
