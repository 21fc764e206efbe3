// Table layout survives extraction: HTML rows and PDF column gaps come out as tab-separated
// lines (read as tables by classifiers/text_table.h), a TSV whose names hold commas is still
// sniffed as TSV, and a mailbox carries the date of its oldest message.
#include <catch2/catch.hpp>
#include <string>

#include "extractors/csv_reader.h"
#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

namespace {

// A one-page PDF drawing `cells` (text, x) on one line at y=700 in 10 pt Helvetica, with a
// correct cross-reference table.
std::string PdfLine(const std::vector<std::pair<std::string, int>>& cells) {
  std::string content;
  for (const auto& [text, x] : cells)
    content += "BT /F1 10 Tf " + std::to_string(x) + " 700 Td (" + text + ") Tj ET\n";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "endstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
  return PdfFromObjects(objects);
}

}  // namespace

TEST_CASE("html: a table row is one line of tab-separated cells, whatever the source layout") {
  Harness h;
  const Record& r = h.ScanMemory(
      "<html><body><p>SEN register</p>\n<table>\n <tr>\n  <th>Surname</th>\n  <th>Forename</th>\n"
      "  <th>Primary Need</th>\n </tr>\n <tr>\n  <td>Campbell</td>\n  <td>Isabella\n   Rose</td>\n"
      "  <td>SEMH<br>reviewed</td>\n </tr>\n</table><p>End of list</p></body></html>",
      "register.html");
  CAPTURE(r.text);
  CHECK(r.HasText("Surname\tForename\tPrimary Need\n"));
  CHECK(r.HasText("Campbell\tIsabella Rose\tSEMH reviewed\n"));
  CHECK(r.HasText("SEN register\n"));
  CHECK(r.HasText("End of list"));
}

TEST_CASE("pdf: a wide gap between words on a line becomes a tab, a space stays a space") {
  Harness h;
  const Record& r = h.ScanMemory(
      PdfLine({{"Smith, John", 50}, {"7B", 200}, {"64", 260}, {"On track", 300}}), "marks.pdf");
  REQUIRE(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.HasText("Smith, John\t7B\t64\tOn track"));
}

TEST_CASE("csv sniff: a TSV whose name column reads 'Surname, Forename' is tab-separated") {
  const std::string tsv =
      "Mock exam results\nYear 11 maths mock, paper 1\nStudent\tClass\tMark\tGrade\n"
      "Johnston, Muhammad\t11H\t40\t1\nCarter, Omar\t11W\t42\t8\nMistry, Matteo\t7L\t36\t4\n";
  CHECK(CsvReader::SniffDelimiter(tsv) == '\t');
  CHECK(CsvReader::SniffDelimiter("a,b,c\n1,2,3\n4,5,6\n") == ',');
}

TEST_CASE("mbox: the mailbox's email_date is its oldest message's date") {
  Harness h;
  const Record& r = h.ScanMemory(
      "From a@example.sch.uk Wed Jan  3 10:00:00 2024\nFrom: a@example.sch.uk\n"
      "Date: Wed, 03 Jan 2024 10:00:00 +0000\nSubject: one\n\nHello.\n\n"
      "From b@example.sch.uk Mon Jun  2 09:00:00 2025\nFrom: b@example.sch.uk\n"
      "Date: Mon,\n 02 Jun 2025 09:00:00 +0100\nSubject: two\n\nHi.\n\n"
      "From c@example.sch.uk Tue Jan  2 09:30:00 2024\nFrom: c@example.sch.uk\nSubject: no "
      "date\n\nx\n",
      "box.mbox");
  REQUIRE(r.attrs.count("email_date"));
  CHECK(r.attrs.at("email_date") == "2024-01-03T10:00:00Z");
  REQUIRE(h.Find("box.mbox!/message 2.eml"));
  CHECK(h.Find("box.mbox!/message 2.eml")->attrs.at("email_date") == "2025-06-02T08:00:00Z");
}
