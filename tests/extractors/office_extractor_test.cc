#include <catch2/catch.hpp>

#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

TEST_CASE("xlsx: every cell with sheet, row and column, dates as dd/mm/yyyy") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.xlsx"));
  CHECK(r.mime == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const auto pupils = Pupils();
  REQUIRE(r.At("Year 7", 0, 0));
  CHECK(r.At("Year 7", 0, 0)->text == "Legal Surname");
  for (size_t i = 0; i < pupils.size(); ++i) {
    const uint32_t row = i + 1;
    REQUIRE(r.At("Year 7", row, 2));
    CHECK(r.At("Year 7", row, 2)->text == pupils[i][2]);  // UPN in column C
    REQUIRE(r.At("Year 7", row, 3));
    CHECK(r.At("Year 7", row, 3)->text == pupils[i][3]);  // a real date cell → dd/mm/yyyy
    CHECK(r.At("Year 7", row, 4)->text == pupils[i][4]);
  }
  CHECK(r.cells.size() == 5 * 31);
}

TEST_CASE("xlsx: data on the third sheet is found there") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("third_sheet.xlsx"));
  REQUIRE(r.At("Cover", 0, 0));
  CHECK(r.At("Cover", 0, 0)->text == "Summer term trip");
  REQUIRE(r.At("Notes", 2, 1));  // B3
  CHECK(r.At("Notes", 2, 1)->text == "Coach leaves at 9am");
  REQUIRE(r.At("Pupils", 5, 2));
  CHECK(r.At("Pupils", 5, 2)->text == Pupils()[4][2]);
}

TEST_CASE("docx: paragraphs as text, table cells with table/row/col") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.docx"));
  CHECK(r.mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const auto pupils = Pupils();
  CHECK(r.HasText("Year 7 tutor group 7B\n"));
  CHECK(r.HasText("Dear parent of " + pupils[0][1] + " " + pupils[0][0]));
  REQUIRE(r.At("table 1", 0, 2));
  CHECK(r.At("table 1", 0, 2)->text == "UPN");
  REQUIRE(r.At("table 1", 30, 2));
  CHECK(r.At("table 1", 30, 2)->text == pupils[29][2]);
  CHECK(r.At("table 1", 30, 0)->text == pupils[29][0]);
  CHECK_FALSE(r.HasText(pupils[29][2]));  // table text comes as cells only
}

TEST_CASE("pptx: slides in order with their labels") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.pptx"));
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.HasWhere("slide 1"));
  CHECK(r.HasWhere("slide 2"));
  CHECK(r.text.find("Welcome to Year 7") < r.text.find("Tutor group 7B"));
  CHECK(r.HasText(Pupils()[11][2]));
}

TEST_CASE("ods: cells by sheet name, repeated rows counted") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.ods"));
  CHECK(r.mime == "application/vnd.oasis.opendocument.spreadsheet");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  REQUIRE(r.At("Empty", 0, 0));
  // Row 0 is a title, rows 1-3 a repeated empty block, the header is row 4.
  REQUIRE(r.At("Class 7B", 4, 2));
  CHECK(r.At("Class 7B", 4, 2)->text == "UPN");
  REQUIRE(r.At("Class 7B", 5, 2));
  CHECK(r.At("Class 7B", 5, 2)->text == Pupils()[0][2]);
}

TEST_CASE("odt and odp: text, spaces, tabs, table cells, slides") {
  Harness h;
  const auto pupils = Pupils();
  const Record& t = h.ScanFile(Fixture("class_list.odt"));
  CHECK(t.outcome.status == ScanStatus::kComplete);
  CHECK(t.HasText("Pupil: " + pupils[1][1] + " " + pupils[1][0] + "\tDOB " + pupils[1][3]));
  REQUIRE(t.At("Table1", 3, 2));
  CHECK(t.At("Table1", 3, 2)->text == pupils[2][2]);
  const Record& p = h.ScanFile(Fixture("class_list.odp"));
  CHECK(p.HasWhere("slide 2"));
  CHECK(p.HasText("UPN " + pupils[2][2]));
}

TEST_CASE("office: a truncated package is an error or partial, never complete") {
  std::ifstream in(Fixture("class_list.xlsx"), std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  Harness h;
  const Record& r =
      h.ScanMemory(data.substr(0, data.size() / 2), "cut.xlsx", &ExtractorNamed("XlsxExtractor"));
  CHECK(r.outcome.status != ScanStatus::kComplete);
}
