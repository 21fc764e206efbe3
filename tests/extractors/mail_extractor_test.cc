#include <catch2/catch.hpp>

#include "extractors/mime_message.h"
#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

TEST_CASE("eml: decoded headers, quoted-printable body, date, base64 attachment as member") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("mail.eml"));
  CHECK(r.mime == "message/rfc822");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.HasText("From: Zo\xC3\xAB Teacher <zoe.teacher@example.sch.uk>\n"));
  CHECK(r.HasText("Subject: Class list 7B \xE2\x80\x93 confidential\n"));
  CHECK(
      r.HasText("Caf\xC3\xA9 money due \xE2\x82\xAC"
                "5."));
  const auto pupils = Pupils();
  CHECK(r.HasText("Pupil of concern: " + pupils[4][1] + " " + pupils[4][0]));
  CHECK_FALSE(r.HasText("<b>"));                 // the html alternative is not read twice
  CHECK_FALSE(r.HasText("TGVnYWwgU3VybmFtZS"));  // base64 is not text
  CHECK(r.attrs.at("email_date") == "2024-01-02T09:30:00Z");
  const Record* att = h.Find("mail.eml!/class list.csv");
  REQUIRE(att);
  CHECK(att->HasContent("Legal Surname"));
  CHECK(att->HasContent(pupils[29][2]));
}

TEST_CASE("eml: html-only body is stripped, RFC 2231 filenames, nested message") {
  const std::string msg =
      "From: a@example.org\r\nSubject: =?iso-8859-1?q?r=E9sum=E9?=\r\n"
      "Date: Wed, 3 Jan 2024 10:00:00 +0100\r\n"
      "Content-Type: multipart/mixed; boundary=XX\r\n\r\n"
      "preamble\r\n--XX\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n"
      "<p>Dear Mr Smith &amp; family, caf\xE9</p><script>x()</script>\r\n"
      "--XX\r\nContent-Type: application/octet-stream\r\n"
      "Content-Disposition: attachment; filename*=UTF-8''na%C3%AFve%20list.txt\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\naGVsbG8gd29ybGQ=\r\n"
      "--XX\r\nContent-Type: message/rfc822\r\n\r\n"
      "From: b@example.org\r\nSubject: inner\r\n\r\ninner body\r\n"
      "--XX--\r\nepilogue\r\n";
  Harness h;
  const Record& r = h.ScanMemory(msg, "m.eml", &ExtractorNamed("EmlExtractor"));
  CHECK(r.HasText("Subject: r\xC3\xA9sum\xC3\xA9\n"));
  CHECK(r.HasText("Dear Mr Smith & family, caf\xC3\xA9"));
  CHECK_FALSE(r.HasText("x()"));
  CHECK_FALSE(r.HasText("preamble"));
  CHECK(r.attrs.at("email_date") == "2024-01-03T09:00:00Z");
  REQUIRE(h.Find("m.eml!/na\xC3\xAFve list.txt"));
  CHECK(h.Find("m.eml!/na\xC3\xAFve list.txt")->text == "hello world");
  const Record* inner = h.Find("m.eml!/message 3.eml");
  REQUIRE(inner);
  CHECK(inner->mime == "message/rfc822");
  CHECK(inner->HasContent("inner body"));
}

TEST_CASE("eml: an html part without a charset parameter is sniffed as UTF-8") {
  const std::string msg =
      "From: a@example.org\r\nSubject: pay\r\nContent-Type: text/html\r\n\r\n"
      "<p>Salary \xC2\xA3"
      "31,650 - \xC2\xA3"
      "49,084, caf\xC3\xA9</p>\r\n";
  Harness h;
  const Record& r = h.ScanMemory(msg, "m.eml", &ExtractorNamed("EmlExtractor"));
  CHECK(
      r.HasText("Salary \xC2\xA3"
                "31,650 - \xC2\xA3"
                "49,084, caf\xC3\xA9"));
}

TEST_CASE("mbox: each message is a member, >From unquoted") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("mail.mbox"));
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const Record* m1 = h.Find("mail.mbox!/message 1.eml");
  const Record* m2 = h.Find("mail.mbox!/message 2.eml");
  REQUIRE(m1);
  REQUIRE(m2);
  CHECK(m1->mime == "message/rfc822");
  CHECK(m1->HasContent("Subject: Class list 7B"));
  REQUIRE(h.Find("mail.mbox!/message 1.eml!/class list.csv"));
  CHECK(h.Find("mail.mbox!/message 1.eml!/class list.csv")->HasContent(Pupils()[0][2]));
  CHECK(m2->HasContent("From the office: noted."));
  CHECK_FALSE(m2->HasContent(">From"));
  CHECK(m2->attrs.at("email_date") == "2024-01-03T10:00:00Z");
}

TEST_CASE("mime helpers") {
  CHECK(DecodeQuotedPrintable("a=3Db=\r\nc") == "a=bc");
  CHECK(DecodeBase64("aGk=") == "hi");
  CHECK(DecodeEncodedWords("=?utf-8?q?a?= =?utf-8?q?b?= c") == "ab c");
  CHECK(MailDateToRfc3339("2 Jan 2024 09:30 GMT").value() == "2024-01-02T09:30:00Z");
  CHECK_FALSE(MailDateToRfc3339("yesterday"));
}
