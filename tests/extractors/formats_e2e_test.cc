// End to end: the datasweep binary on the generated format fixtures. The same RESTRICTED class
// list must be found in every format and inside every container, with the member path.
#include <catch2/catch.hpp>

#include "tests/extractors/harness.h"
#include "tests/scanner/scan_fixture.h"

using namespace datasweep::testing;

namespace {

const std::vector<nlohmann::json>& ScanAll() {
  static const std::vector<nlohmann::json> records = [] {
    const RunResult r = RunDatasweep("scan '" + FixtureDir() + "' -f jsonl -j 1");
    return ParseJsonl(r.out);
  }();
  return records;
}

const nlohmann::json& Rec(const std::string& suffix) {
  const nlohmann::json* r = RecordFor(ScanAll(), "/formats/" + suffix);
  if (!r) FAIL("no record for " + suffix);
  return *r;
}

}  // namespace

TEST_CASE("e2e: the class list is RESTRICTED in every document format") {
  for (const char* f : {"class_list.xlsx", "class_list.docx", "class_list.ods", "class_list.odt",
                        "class_list.xls", "class_list.html", "class_list.csv", "page3.pdf",
                        "third_sheet.xlsx", "owner_password.pdf", "reordered_xlsx.zip"}) {
    INFO(f);
    const auto& r = Rec(f);
    CHECK(r["status"] == "complete");
    CHECK(r["class"] == "RESTRICTED");
    CHECK(r["detections"].value("upn", 0) >= 30);
  }
}

TEST_CASE("e2e: the class list is RESTRICTED inside every container, with the member path") {
  const std::vector<std::pair<std::string, std::string>> members = {
      {"class_list.zip", "class_list.zip!/lists/class_list.csv"},
      {"nested.zip", "nested.zip!/b.zip!/c.csv"},
      {"class_list.tar.gz", "class_list.tar.gz!/export/class_list.csv"},
      {"class_list.tar.bz2", "class_list.tar.bz2!/export/class_list.csv"},
      {"class_list.tar.xz", "class_list.tar.xz!/export/class_list.csv"},
      {"class_list.7z", "class_list.7z!/class_list.csv"},
      {"class_list.csv.gz", "class_list.csv.gz!/class_list.csv"},
      {"mail.eml", "mail.eml!/class list.csv"},
      {"mail.mbox", "mail.mbox!/message 1.eml!/class list.csv"}};
  for (const auto& [outer, member] : members) {
    INFO(member);
    const auto& m = Rec(member);
    CHECK(m["class"] == "RESTRICTED");
    CHECK(m["path"].get<std::string>().ends_with(member));
    CHECK(m["container"].is_string());
    CHECK(Rec(outer)["class"] == "RESTRICTED");  // the container takes its members' class
  }
}

TEST_CASE("e2e: where points at the sheet cell and the PDF page") {
  bool sheet = false, page = false;
  for (const auto& s : Rec("third_sheet.xlsx")["samples"])
    if (s["detector"] == "upn") sheet |= s["where"].get<std::string>().starts_with("Pupils!C");
  for (const auto& s : Rec("page3.pdf")["samples"])
    if (s["detector"] == "upn")
      page |= s["where"].get<std::string>().starts_with("page 3");  // "page 3 table 1!C4"
  CHECK(sheet);
  CHECK(page);
}

TEST_CASE("e2e: encrypted files and members are encrypted, never silently UNRESTRICTED") {
  CHECK(Rec("user_password.pdf")["status"] == "encrypted");
  CHECK(Rec("encrypted.zip!/class_list.csv")["status"] == "encrypted");
  CHECK(Rec("encrypted.7z!/class_list.csv")["status"] == "encrypted");
  CHECK(Rec("encrypted_headers.7z")["status"] == "encrypted");
  CHECK(Rec("bomb.zip")["status"] == "partial");
}
