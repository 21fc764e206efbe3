// The policy file: the shipped default parses; errors carry line numbers.
#include <catch2/catch.hpp>

#include "policy/policy.h"

using namespace datasweep;

TEST_CASE("the default policy parses cleanly", "[policy]") {
  Policy p;
  std::vector<PolicyError> errors;
  CHECK(Policy::Parse(Policy::DefaultText(), &p, &errors));
  CHECK(errors.empty());
  CHECK(p.classification.restricted_min_people == 10);
  CHECK(p.classification.complete_record_min_kinds == 4);
}

TEST_CASE("policy errors name the line", "[policy]") {
  Policy p;
  std::vector<PolicyError> errors;
  const std::string yaml = "version: 1\nclassification:\n  restricted_min_people: 5\n  shoe_size: 9\n"
                           "detectors:\n  nhs_numbr: {enabled: false}\nrules:\n  local-drive-email: {severity: huge}\n";
  CHECK_FALSE(Policy::Parse(yaml, &p, &errors));
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].line == 4);
  CHECK(errors[0].message.find("shoe_size") != std::string::npos);
  CHECK(errors[1].line == 6);
  CHECK(errors[2].line == 8);
}

TEST_CASE("policy settings are applied", "[policy]") {
  Policy p;
  std::vector<PolicyError> errors;
  REQUIRE(Policy::Parse("classification: {restricted_min_people: 25}\ndetectors: {phone: {enabled: false}}\n"
                        "limits: {max_depth: 3}\nexclude: ['*/node_modules/*']\n"
                        "locations: [{path: /srv/pupils, kind: share, pupil_accessible: true}]\n",
                        &p, &errors));
  CHECK(p.classification.restricted_min_people == 25);
  CHECK(p.disabled_detectors.count("phone"));
  CHECK(p.limits.max_depth == 3);
  CHECK(p.exclude.size() == 1);
  REQUIRE(p.locations.size() == 1);
  CHECK(p.locations[0].pupil_accessible);
  CHECK(p.Fingerprint() != Policy::Default().Fingerprint());
}
