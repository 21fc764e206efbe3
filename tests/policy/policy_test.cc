// The policy file: the shipped default parses; errors carry line numbers.
#include "policy/policy.h"

#include <catch2/catch.hpp>
#include <map>

#include "classifiers/detector_set.h"

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
  const std::string yaml =
      "version: 1\nclassification:\n  restricted_min_people: 5\n  shoe_size: 9\n"
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
  REQUIRE(Policy::Parse(
      "classification: {restricted_min_people: 25}\ndetectors: {phone: {enabled: false}}\n"
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

TEST_CASE("the default policy lists every rule of SPEC §4 with its clause", "[policy]") {
  const Policy p = Policy::Default();
  const std::string text(Policy::DefaultText());
  for (const auto& info : LocationRules::Catalogue()) {
    bool listed = false;
    for (const auto& r : p.rules) listed |= r.id == info.id && r.enabled;
    CHECK(listed);
    const size_t at = text.find(std::string(info.id) + ":");
    REQUIRE(at != std::string::npos);
    const std::string line = text.substr(at, text.find('\n', at) - at);
    CHECK(line.find(std::string(ToString(info.default_severity))) != std::string::npos);
  }
  CHECK(p.custom_detectors.empty());
  CHECK(p.classification.detector_min_confidence.empty());
}

TEST_CASE("detectors take a minimum confidence of their own", "[policy]") {
  Policy p;
  std::vector<PolicyError> errors;
  REQUIRE(
      Policy::Parse("detectors:\n  phone: {min_confidence: high}\n  email: {enabled: false, "
                    "min_confidence: low}\n",
                    &p, &errors));
  CHECK(p.classification.detector_min_confidence.at("phone") == Confidence::kHigh);
  CHECK(p.classification.detector_min_confidence.at("email") == Confidence::kLow);
  CHECK(p.disabled_detectors.count("email"));
  CHECK(p.Fingerprint() != Policy::Default().Fingerprint());
  errors.clear();
  CHECK_FALSE(Policy::Parse("detectors:\n  phone: {min_confidence: sure}\n", &p, &errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
}

TEST_CASE("custom detectors: patterns and term lists", "[policy]") {
  const std::string yaml =
      "custom_detectors:\n"
      "  - id: payroll_number\n"
      "    kind: identifier\n"
      "    strong: true\n"
      "    patterns: ['\\bPAY-[0-9]{6}\\b']\n"
      "    context: [Payroll]\n"
      "  - {id: codewords, kind: special, terms: [Operation Bluebird, 'C+P plan'], confidence: "
      "high}\n"
      "detectors:\n"
      "  codewords: {min_confidence: low}\n";
  Policy p;
  std::vector<PolicyError> errors;
  REQUIRE(Policy::Parse(yaml, &p, &errors));
  REQUIRE(p.custom_detectors.size() == 2);
  CHECK(p.custom_detectors[0].strong);
  CHECK(p.custom_detectors[1].kind == DetailKind::kSpecial);
  CHECK(p.custom_detectors[1].confidence == Confidence::kHigh);
  CHECK(p.classification.detector_min_confidence.at("codewords") == Confidence::kLow);
  CHECK(p.Fingerprint() != Policy::Default().Fingerprint());

  // They join the built-in set and find what they describe, and nothing else.
  const DetectorSet set(p.MakeDetectors(), p.disabled_detectors);
  REQUIRE(set.Find("payroll_number"));
  REQUIRE(set.Find("codewords"));
  std::map<std::string, std::vector<std::string>> found;
  set.Scan("Payroll: PAY-123456 and PAY-12345. Re operation bluebird, see the c+p PLAN; CxP plan.",
           0, true, "", [&](const Detection& d) {
             found[std::string(d.detector->Info().id)].push_back(d.validated.value);
           });
  CHECK(found["payroll_number"] == std::vector<std::string>{"PAY-123456"});
  CHECK(found["codewords"] == std::vector<std::string>{"operation bluebird", "c+p plan"});
}

TEST_CASE("bad custom detectors are errors with line numbers", "[policy]") {
  const std::string yaml =
      "custom_detectors:\n"
      "  - {id: broken, patterns: ['PAY-(']}\n"      // 2: does not compile
      "  - {id: upn, terms: [x]}\n"                  // 3: a built-in id
      "  - {id: Bad-Id, terms: [x]}\n"               // 4: not snake case
      "  - {id: nothing}\n"                          // 5: no patterns or terms
      "  - {id: everything, patterns: ['a*']}\n"     // 6: matches the empty string
      "  - {id: oddkind, kind: shoe, terms: [x]}\n"  // 7: unknown kind
      "detectors:\n"
      "  not_defined: {enabled: false}\n";  // 9: unknown detector
  Policy p;
  std::vector<PolicyError> errors;
  CHECK_FALSE(Policy::Parse(yaml, &p, &errors));
  std::vector<int> lines;
  for (const auto& e : errors) lines.push_back(e.line);
  CHECK(lines == std::vector<int>{2, 3, 4, 5, 6, 7, 9});
  CHECK(errors[0].message.find("does not compile") != std::string::npos);
}

TEST_CASE("thresholds, exclusions and locations parse with their types checked", "[policy]") {
  Policy p;
  std::vector<PolicyError> errors;
  REQUIRE(Policy::Parse(
      "classification: {restricted_min_people: 12, complete_record_min_kinds: 3}\n"
      "exclude: ['*/node_modules/*', '*.iso']\n"
      "locations:\n  - {path: /mnt/laptop, kind: local, drive: 'C:'}\n"
      "  - {path: /media/usb, kind: removable, encrypted: true}\n"
      "rules:\n  stale-email: {severity: medium}\n  uninspectable: {enabled: false}\n",
      &p, &errors));
  CHECK(p.classification.restricted_min_people == 12);
  CHECK(p.classification.complete_record_min_kinds == 3);
  CHECK(p.exclude == std::vector<std::string>{"*/node_modules/*", "*.iso"});
  REQUIRE(p.locations.size() == 2);
  CHECK(p.locations[0].drive == "C:");
  CHECK(p.locations[1].encrypted);
  const LocationRules rules(p.rules);
  FileFacts facts;
  facts.is_email = true;
  facts.email_date = 0;
  facts.now = 400 * 86400;
  Location share;
  share.kind = LocationKind::kShare;
  share.secure = true;
  const auto v = rules.Evaluate(facts, share);
  REQUIRE(v.size() == 1);
  CHECK(v[0].rule == "stale-email");
  CHECK(v[0].severity == Severity::kMedium);
  errors.clear();
  CHECK_FALSE(
      Policy::Parse("classification: {restricted_min_people: many}\nexclude: 7\n", &p, &errors));
  CHECK(errors.size() == 2);
}
