// admission_number in prose: staff and admission numbers are found only after their label,
// and a form that names a person with their staff number is PROTECTED.
#include <catch2/catch.hpp>

#include "classifiers/content_analyzer.h"
#include "classifiers/detector_set.h"

using namespace datasweep;

namespace {

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

std::vector<std::string> Numbers(std::string_view text) {
  std::vector<std::string> out;
  Set().Scan(text, 0, true, "", [&](const Detection& d) {
    if (d.detector->Info().id == "admission_number") out.push_back(d.validated.value);
  });
  return out;
}

Verdict Classify(std::string_view text) {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  a.OnText(text, "body");
  return a.Finish();
}

}  // namespace

TEST_CASE("labelled staff and admission numbers", "[admission_number]") {
  CHECK(Numbers("Employee number: E80559\nBank: HSBC") == std::vector<std::string>{"E80559"});
  CHECK(Numbers("Payroll no. 123456 (April)") == std::vector<std::string>{"123456"});
  CHECK(Numbers("Staff ID:\t4521") == std::vector<std::string>{"4521"});
  CHECK(Numbers("Adno 004512, Year 8") == std::vector<std::string>{"004512"});
  CHECK(Numbers("Personnel ref: HR-20931") == std::vector<std::string>{"HR20931"});
}

TEST_CASE("numbers that are not a person's", "[admission_number]") {
  CHECK(Numbers("Our Published Admission Number: 180 places").empty());
  CHECK(Numbers("Staff ID 2025 cards are ready").empty());  // a year
  CHECK(Numbers("Invoice number: 123456").empty());         // no staff label
  CHECK(Numbers("Employee number: 000000").empty());        // placeholder
  CHECK(Numbers("There are 45 staff, number 12 on leave").empty());
}

TEST_CASE("a bank details form with a name and staff number is PROTECTED", "[admission_number]") {
  const Verdict v = Classify(
      "Change of bank details (payroll)\nEmployee: Kaiyah Stoianov\nEmployee number: E30156\n"
      "Effective from the November payroll.\n");
  CHECK(v.data_class == DataClass::kProtected);
  CHECK(v.subjects == 1);
}
