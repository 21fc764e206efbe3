// Tables laid out in running text (classifiers/text_table.h) and the verdicts they lead to: a
// mark sheet pasted into a .txt, a PDF page or an HTML table is as RESTRICTED as the same sheet
// in a spreadsheet.
#include "classifiers/text_table.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "classifiers/content_analyzer.h"

using namespace datasweep;

namespace {

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

// Pupils whose names are in the shipped name lists, and some that are not.
const std::vector<std::string> kSurnames = {"Johnston", "Carter", "Mistry", "Okafor",
                                            "Lane",     "Kemp",   "Hunter", "Popescu",
                                            "Chapman",  "Mills",  "Howard", "Adeyemi"};
const std::vector<std::string> kForenames = {"Muhammad", "Omar",   "Matteo", "Ebony",
                                             "Zara",     "Amira",  "Priya",  "Kiara",
                                             "Oscar",    "Arthur", "Paul",   "Edward"};

// A teacher's mark sheet: title lines, a header row, one row per pupil with "Surname, Forename".
std::string MarkSheet(const std::string& sep) {
  std::string t = "Mock exam results\r\n\r\nYear 11 maths mock, paper 1\r\n\r\n";
  t += "Student" + sep + "Class" + sep + "Mark" + sep + "Grade" + sep + "Progress\r\n";
  for (size_t i = 0; i < kSurnames.size(); ++i) {
    std::string name = kSurnames[i] + ", " + kForenames[i];
    if (sep != "\t") name.resize(22, ' ');  // fixed-width columns
    t += name + sep + std::to_string(7 + i % 5) + "B" + sep + std::to_string(30 + i * 5) + sep +
         std::to_string(1 + i % 9) + sep + (i % 2 ? "Below" : "On track") + "\r\n";
  }
  return t + "\r\nTo be discussed at the department meeting.\r\n";
}

Verdict ScanText(const std::string& text, size_t chunk = 1 << 20) {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  for (size_t i = 0; i < text.size(); i += chunk)
    a.OnText(std::string_view(text).substr(i, chunk), "");
  return a.Finish();
}

}  // namespace

TEST_CASE("text table: a tab-separated header row types the rows below it", "[text_table]") {
  TextTable t;
  std::vector<TextCell> cells;
  CHECK(t.Feed("Mock exam results", cells) == TextTable::LineKind::kProse);
  CHECK(t.Feed("Surname\tForename\tNC Year\tSEN Provision\tPrimary Need\tNotes", cells) ==
        TextTable::LineKind::kHeader);
  REQUIRE(cells.size() == 6);
  CHECK(t.Feed("Campbell\tIsabella\t9\tK\tSEMH\t", cells) == TextTable::LineKind::kRow);
  REQUIRE(cells.size() == 5);  // the empty Notes cell is left out
  CHECK(cells[4].col == 4);
  CHECK(cells[4].text == "SEMH");
  // A row whose values read like column names ("Mark", "EHCP") is still a row.
  CHECK(t.Feed("Lee\tMark\t2\tK\tPD\tEHCP", cells) == TextTable::LineKind::kRow);
  CHECK(t.Feed("", cells) == TextTable::LineKind::kProse);  // a blank line keeps the table open
  CHECK(t.Active());
  CHECK(t.Feed("Signed by the SENCO.", cells) == TextTable::LineKind::kProse);
  CHECK_FALSE(t.Active());
  CHECK(t.Feed("Moss\tPhoebe\t2\tE\tSEMH\t", cells) == TextTable::LineKind::kProse);
}

TEST_CASE("text table: space-aligned columns map cells by position", "[text_table]") {
  TextTable t;
  std::vector<TextCell> cells;
  CHECK(t.Feed("Name              Reg Group   DOB          Postcode", cells) ==
        TextTable::LineKind::kHeader);
  // The empty Reg Group cell must not shift the DOB into the wrong column.
  CHECK(t.Feed("Smith, John                   04/05/2013   LS1 4AB", cells) ==
        TextTable::LineKind::kRow);
  REQUIRE(cells.size() == 3);
  CHECK(cells[0].col == 0);
  CHECK(cells[1].col == 2);
  CHECK(cells[2].col == 3);
}

TEST_CASE("text table: prose with double spaces or one personal word is not a header",
          "[text_table]") {
  TextTable t;
  std::vector<TextCell> cells;
  CHECK(
      t.Feed("Staff must record every concern.  The DSL reviews the log weekly.  Parents are told.",
             cells) == TextTable::LineKind::kProse);
  CHECK(t.Feed("Item\tQty\tPrice\tTotal", cells) == TextTable::LineKind::kProse);
  CHECK(t.Feed("Name\tRole\tRoom", cells) ==
        TextTable::LineKind::kProse);  // only one personal column
  CHECK_FALSE(t.Active());
}

TEST_CASE("text table: a mark sheet in a .txt is RESTRICTED, tab-separated or fixed-width",
          "[text_table]") {
  for (const std::string sep : {"\t", "    "}) {
    const Verdict v = ScanText(MarkSheet(sep));
    CHECK(v.data_class == DataClass::kRestricted);
    CHECK(v.subjects == static_cast<int>(kSurnames.size()));
    CHECK(v.detections.count("assessment_result"));
  }
  // Chunk boundaries inside lines change nothing.
  const Verdict chunked = ScanText(MarkSheet("\t"), 7);
  CHECK(chunked.data_class == DataClass::kRestricted);
  CHECK(chunked.subjects == static_cast<int>(kSurnames.size()));
}

TEST_CASE("text table: the same names as a plain list are not 10 people", "[text_table]") {
  std::string t = "Class of 2019 reunion: who is coming\n";
  for (size_t i = 0; i < kSurnames.size(); ++i) t += kForenames[i] + " " + kSurnames[i] + "\n";
  const Verdict v = ScanText(t);
  CHECK(v.data_class == DataClass::kUnrestricted);
}

TEST_CASE("text table: a safeguarding log in tab-separated text counts each row's pupil",
          "[text_table]") {
  std::string t = "Safeguarding concerns log\nDSL: Mr Isaac Greenwood. Strictly confidential.\n\n";
  t += "Date\tPupil\tClass\tConcern\tAction\n";
  for (size_t i = 0; i < 11; ++i)
    t += std::to_string(10 + i) + "/09/2026\t" + kForenames[i] + " " + kSurnames[i] + "\t" +
         std::to_string(7 + i % 4) + "F\tarrived hungry\tEarly help offered\n";
  const Verdict v = ScanText(t);
  CHECK(v.data_class == DataClass::kRestricted);
  CHECK(v.subjects >= 11);
}

TEST_CASE("person_name: names outside the lists are found before a class or year group",
          "[text_table]") {
  // Neither name is in the shipped dictionaries; the class group after them says "pupil".
  const Verdict v = ScanText(
      "Medical information - Manveer Hirsi (7B)\nCondition: asthma.\n"
      "In an emergency contact Dafydd (Dad) on 07700 900742.\n");
  CHECK(v.data_class == DataClass::kProtected);
  CHECK(v.detections.count("person_name"));
  CHECK(
      ScanText("Notes from the review: Adaeze Okwuosa, Year 10\n").detections.count("person_name"));
  // Without the group, two unknown capitalised words are not taken for a name.
  CHECK_FALSE(
      ScanText("Medical information - Manveer Hirsi arrived.\n").detections.count("person_name"));
  CHECK_FALSE(ScanText("Room booking: Science Block (7B)\n").detections.count("person_name"));
}
