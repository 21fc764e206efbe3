#include <catch2/catch.hpp>

#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

TEST_CASE("zip members are scanned with their paths") {
  Harness h;
  const Record& top = h.ScanFile(Fixture("class_list.zip"));
  CHECK(top.mime == "application/zip");
  CHECK(top.outcome.status == ScanStatus::kComplete);
  const Record* csv = h.Find("class_list.zip!/lists/class_list.csv");
  REQUIRE(csv);
  CHECK(csv->HasContent(Pupils()[0][2]));  // the first pupil's UPN
  CHECK(csv->HasContent("Legal Surname"));
  if (!csv->cells.empty()) {  // CSV read as a table: positions survive the container
    REQUIRE(csv->At("", 1, 2));
    CHECK(csv->At("", 1, 2)->text == Pupils()[0][2]);
  }
  REQUIRE(h.Find("class_list.zip!/readme.txt"));
  CHECK(h.Find("class_list.zip!/readme.txt")->text == "hello");
}

TEST_CASE("zip inside zip is recursed to the innermost member") {
  Harness h;
  h.ScanFile(Fixture("nested.zip"));
  const Record* inner = h.Find("nested.zip!/b.zip!/c.csv");
  REQUIRE(inner);
  CHECK(inner->HasContent(Pupils()[29][2]));
  REQUIRE(h.Find("nested.zip!/b.zip"));
  CHECK(h.Find("nested.zip!/b.zip")->mime == "application/zip");
}

TEST_CASE("encrypted zip entries are reported encrypted, not read") {
  Harness h;
  const Record& top = h.ScanFile(Fixture("encrypted.zip"));
  const Record* m = h.Find("encrypted.zip!/class_list.csv");
  REQUIRE(m);
  CHECK(m->outcome.status == ScanStatus::kEncrypted);
  CHECK(m->text.empty());
  CHECK(top.attrs.at("encrypted_parts") == "1");
}

TEST_CASE("a zip bomb stops at the ratio limit and is partial") {
  Harness h;
  const Record& top = h.ScanFile(Fixture("bomb.zip"));
  CHECK(top.outcome.status == ScanStatus::kPartial);
  CHECK_THAT(top.outcome.reason, Catch::Contains("ratio"));
  const Record* m = h.Find("bomb.zip!/zeros.bin");
  REQUIRE(m);
  CHECK(m->truncated);
  CHECK(m->size < 8u << 20);  // stopped long before the 60 MB it inflates to
}

TEST_CASE("member size cap truncates and marks partial") {
  Harness h;
  h.limits.max_member_bytes = 100;
  const Record& top = h.ScanFile(Fixture("class_list.zip"));
  CHECK(top.outcome.status == ScanStatus::kPartial);
  const Record* csv = h.Find("class_list.zip!/lists/class_list.csv");
  REQUIRE(csv);
  CHECK(csv->size == 100);
  CHECK(csv->truncated);
}

TEST_CASE("a zip that is really an xlsx is delegated to the spreadsheet code") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("reordered_xlsx.zip"), &ExtractorNamed("ZipExtractor"));
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const Record* none = h.Find("reordered_xlsx.zip!/xl/workbook.xml");
  CHECK(none == nullptr);
  REQUIRE(r.At("Year 7", 1, 2));
  CHECK(r.At("Year 7", 1, 2)->text == Pupils()[0][2]);
}

TEST_CASE("garbage is an error, not a crash") {
  Harness h;
  const Record& r =
      h.ScanMemory("PK\x03\x04 definitely not a zip", "bad.zip", &ExtractorNamed("ZipExtractor"));
  CHECK(r.outcome.status == ScanStatus::kError);
}
