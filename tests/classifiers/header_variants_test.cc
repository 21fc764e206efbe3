#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "classifiers/table_headers.h"

namespace datasweep {

TEST_CASE("run-together MIS and census headers are recognised", "[table_headers]") {
  CHECK(NormaliseHeader("DateOfBirth") == "date of birth");
  CHECK(NormaliseHeader("Contact1Tel") == "contact 1 tel");
  CHECK(ClassifyHeader("FSMeligible")->detector_id == "special_category");
  CHECK(ClassifyHeader("SENprovision")->detector_id == "special_category");
  CHECK(ClassifyHeader("PostCode")->detector_id == "postcode");
  CHECK(ClassifyHeader("LegalSurname")->detector_id == "person_name");
  CHECK(ClassifyHeader("Candidate")->detector_id == "person_name");
  CHECK(ClassifyHeader("Candidate No")->detector_id == "admission_number");
  CHECK_FALSE(ClassifyHeader("NCyearActual").has_value());
  CHECK_FALSE(ClassifyHeader("Period").has_value());
}

TEST_CASE("ClassifyHeader's rule index gives the answer of testing every rule", "[table_headers]") {
  // Header words and pieces in MIS, census and payroll styles, with case, digits and punctuation.
  const std::vector<std::string> words = {
      "Date",     "of",        "Birth",   "DOB",       "D.O.B.",      "Legal",     "Surname",
      "Forename", "Preferred", "name",    "Name",      "UPN",         "ULN",       "NHS",
      "No",       "Number",    "NI",      "Contact",   "1",           "2",         "Tel",
      "Mobile",   "Email",     "E-mail",  "Address",   "Line",        "Post",      "Code",
      "PostCode", "SEN",       "FSM",     "eligible",  "FSMeligible", "Ever6",     "Pupil",
      "Premium",  "Medical",   "Allergy", "Ethnicity", "Religion",    "Salary",    "Pay",
      "Sort",     "Account",   "Bank",    "KS2",       "Maths",       "Grade",     "Target",
      "Mark",     "Period",    "Year",    "Reg",       "Group",       "Candidate", "Adm",
      "Staff",    "Employee",  "Parent",  "Carer",     "Doctor",      "Gender",    "Attendance",
      "%",        "_",         "/",       "-",         " ",           " ",         "(",
      ")",        "#"};
  std::mt19937 rng(5);
  size_t classified = 0;
  for (int k = 0; k < 40000; ++k) {
    std::string h;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) h += words[rng() % words.size()] + (rng() % 3 ? " " : "");
    INFO("header '" << h << "'");
    const auto fast = ClassifyHeader(h), scan = ClassifyHeaderByScan(h);
    REQUIRE(fast.has_value() == scan.has_value());
    if (fast) {
      REQUIRE(fast->detector_id == scan->detector_id);
      REQUIRE(fast->kind == scan->kind);
      REQUIRE(fast->identifies == scan->identifies);
      REQUIRE(fast->needs_validation == scan->needs_validation);
      ++classified;
    }
  }
  CHECK(classified > 10000);  // both answers are exercised
  CHECK(classified < 38000);
}

}  // namespace datasweep
