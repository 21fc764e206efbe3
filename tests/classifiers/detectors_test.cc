// Each detector on real sentences: valid vectors found, look-alikes and context-less weak
// forms rejected, boundaries respected.
#include <catch2/catch.hpp>

#include "classifiers/detector_set.h"

using namespace datasweep;

namespace {

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

// Validated detections of `id` in `text`.
std::vector<Detection> Find(std::string_view text, std::string_view id,
                            std::string_view header = "") {
  std::vector<Detection> out;
  Set().Scan(text, 0, true, header, [&](const Detection& d) {
    if (d.detector->Info().id == id) out.push_back(d);
  });
  return out;
}

}  // namespace

TEST_CASE("upn", "[detectors]") {
  CHECK(Find("Pupil UPN: H801200001001 (Year 7)", "upn").size() == 1);
  CHECK(Find("ref A801200005001", "upn").empty());      // check letter wrong
  CHECK(Find("H8012000010011", "upn").empty());         // 14 chars: not a UPN
  CHECK(Find("UPN h801200001001", "upn").size() == 1);  // lower case in exports
}

TEST_CASE("uln needs context", "[detectors]") {
  CHECK(Find("ULN: 9276308686", "uln").size() == 1);
  CHECK(Find("Order 9276308686 shipped", "uln").empty());
  CHECK(Find("ULN: 9276308687", "uln").empty());
}

TEST_CASE("nino", "[detectors]") {
  auto d = Find("NI number AB 12 34 56 C on file", "nino");
  REQUIRE(d.size() == 1);
  CHECK(d[0].validated.value == "AB123456C");
  CHECK(d[0].validated.confidence == Confidence::kHigh);  // context raised it
  CHECK(Find("code QQ123456A", "nino").empty());
  CHECK(Find("code BG123456A", "nino").empty());
  CHECK(Find("code AB123456E", "nino").empty());
}

TEST_CASE("nhs number", "[detectors]") {
  CHECK(Find("NHS No: 943 476 5919", "nhs_number").size() == 1);
  CHECK(Find("see 943 476 5919 above", "nhs_number").size() == 1);  // 3-3-4 form stands alone
  CHECK(Find("invoice 9434765919", "nhs_number").empty());          // bare 10 digits need context
  CHECK(Find("NHS number 9434765919", "nhs_number").size() == 1);
  CHECK(Find("NHS No: 111 111 1111", "nhs_number").empty());  // repeated digits
  CHECK(Find("NHS No: 943 476 5918", "nhs_number").empty());  // checksum fails
  CHECK(Find("tel 0943 476 59190", "nhs_number").empty());    // inside a longer number
}

TEST_CASE("email: role mailboxes are not personal", "[detectors]") {
  CHECK(Find("write to jane.smith77@gmail.com", "email").size() == 1);
  CHECK(Find("write to office@oakfield.sch.uk", "email").empty());
  CHECK(Find("email wcaicthelpdesk@westcoventryacademy.org today", "email").empty());
  // Recruitment and service mailboxes in adverts and newsletters are roles, not people.
  CHECK(Find("e-mail recruitment@hollinsvale.derbyshire.sch.uk", "email").empty());
  CHECK(Find("book via lettings@oakfield.sch.uk", "email").empty());
  CHECK(Find("contact j.patel@oakfield.sch.uk", "email").size() == 1);
}

TEST_CASE("phone: numbering plan, not any 11 digits", "[detectors]") {
  CHECK(Find("Mobile: 07700 900123", "phone").size() == 1);
  CHECK(Find("call +44 (0)7911 123456", "phone").size() == 1);
  CHECK(Find("Tel (0161) 496 0000", "phone").size() == 1);
  CHECK(Find("ref 12345678901", "phone").empty());
  CHECK(Find("Tel 0412 345 6789", "phone").empty());             // 04 unused
  CHECK(Find("order 07911123456 dispatched", "phone").empty());  // ungrouped, no context
}

TEST_CASE("phone: a number on a line with a role mailbox or website is the organisation's",
          "[detectors]") {
  CHECK(Find("Tel 01632 960123 | office@oakfield.sch.uk", "phone").empty());
  CHECK(Find("contact Mrs Gallagher on 01457 860123 or e-mail recruitment@hollinsvale.sch.uk",
             "phone")
            .empty());
  CHECK(Find("Tel 01632 960123 www.oakfield.sch.uk", "phone").empty());
  // A person's own address on the line does not make the number a switchboard.
  CHECK(Find("Mobile: 07700 900123, jane.smith77@gmail.com", "phone").size() == 1);
}

TEST_CASE("postcode", "[detectors]") {
  CHECK(Find("12 Acacia Avenue, Leeds LS1 4AB", "postcode").size() == 1);
  CHECK(Find("code WX1 1AA", "postcode").empty());
  CHECK(Find("SW1A 1CA", "postcode").empty());
}

TEST_CASE("date of birth needs a birth-date word or column", "[detectors]") {
  CHECK(Find("DOB: 01/03/2012", "date_of_birth").size() == 1);
  CHECK(Find("Date of birth 1st March 2012", "date_of_birth").size() == 1);
  CHECK(Find("Sports day is on 01/07/2026", "date_of_birth").empty());
  CHECK(Find("DOB 32/01/2012", "date_of_birth").empty());
  CHECK(Find("14/02/2013", "date_of_birth", "Date of Birth").size() == 1);
}

TEST_CASE("payment card", "[detectors]") {
  CHECK(Find("Card 4111 1111 1111 1111 exp 12/27", "payment_card").size() == 1);
  CHECK(Find("Card 4111 1111 1111 1112", "payment_card").empty());
  CHECK(Find("ISBN 9780140449136", "payment_card").empty());
}

TEST_CASE("credential", "[detectors]") {
  CHECK(Find("wifi password: Summer2024!", "credential").size() == 1);
  CHECK(Find("-----BEGIN RSA PRIVATE KEY-----\nMIIE", "credential").size() == 1);
  CHECK(Find("Password: ********", "credential").empty());
  CHECK(Find("Passwords: must be changed every term", "credential").empty());
}

TEST_CASE("export patterns cover every detector", "[detectors]") {
  CHECK(Set().ExportPatterns().size() >= Set().Detectors().size());
}
