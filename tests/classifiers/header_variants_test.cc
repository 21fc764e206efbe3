#include <catch2/catch.hpp>

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

}  // namespace datasweep
