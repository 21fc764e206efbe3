// Unit tests of the csv, sarif and html sinks and their text helpers, in process. The script
// tests (tests/outputs.cmake) check the same outputs with independent parsers and a browser.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli/record_sink.h"
#include "cli/sinks/report_sinks.h"
#include "cli/sinks/sink_text.h"
#include "tests/outputs/sample_records.h"

namespace datasweep {
namespace {

std::string Render(std::unique_ptr<RecordSink> (*make)(std::ostream&, const SinkOptions&),
                   const std::vector<Record>& records) {
  std::ostringstream out;
  auto sink = make(out, SinkOptions{});
  for (const Record& r : records) sink->Write(r);
  sink->Finish(testing::SampleSummary(records));
  return out.str();
}

Record Flagged(std::string path) {
  Record r;
  r.path = std::move(path);
  r.verdict.data_class = DataClass::kRestricted;
  r.verdict.subjects = 12;
  r.location.kind = LocationKind::kLocal;
  r.location.drive = "C:";
  r.violations.push_back({"local-drive-personal-data", Severity::kCritical,
                          "RESTRICTED file on local drive C: — move it", "002 §12.2"});
  return r;
}

TEST_CASE("ValidUtf8 replaces each invalid sequence and keeps valid text", "[outputs]") {
  CHECK(sinks::ValidUtf8("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(sinks::ValidUtf8("caf\xE9!") == "caf\xEF\xBF\xBD!");
  CHECK(sinks::ValidUtf8("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong '/'
  CHECK(sinks::ValidUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(sinks::ValidUtf8("\xF0\x9F\x98\x80") == "\xF0\x9F\x98\x80");                  // emoji
  CHECK(sinks::ValidUtf8("ab\xE2\x82") == "ab\xEF\xBF\xBD\xEF\xBF\xBD");              // truncated
}

TEST_CASE("HtmlEscape neutralises markup in text and attributes", "[outputs]") {
  CHECK(sinks::HtmlEscape("<img src=x onerror='a'>&\"") ==
        "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;");
}

TEST_CASE("path helpers split members, folders and drives", "[outputs]") {
  Record member;
  member.path = "E:\\a.zip!/b.zip!/c.csv";
  member.container = "E:\\a.zip";
  CHECK(sinks::OuterPath(member) == "E:\\a.zip");
  CHECK(sinks::MemberPath(member) == "b.zip!/c.csv");
  CHECK(sinks::ParentFolder("C:\\Users\\x\\f.docx") == "C:\\Users\\x");
  CHECK(sinks::ParentFolder("C:\\f.docx") == "C:\\");
  CHECK(sinks::ParentFolder("/srv/f") == "/srv");
  CHECK(sinks::ParentFolder("f") == ".");
  CHECK(sinks::HumanBytes(0) == "0 bytes");
  CHECK(sinks::HumanBytes(1536) == "1.5 KB");
  CHECK(sinks::HumanBytes(5ull << 30) == "5.0 GB");
}

TEST_CASE("csv: BOM, CRLF, quoting and the formula guard", "[outputs]") {
  Record r = Flagged("=1+2,\"x\"");
  r.owner = "@me";
  r.verdict.reasons = {"-1 reason"};
  const std::string csv = Render(MakeCsvSink, {r});
  REQUIRE(csv.rfind("\xEF\xBB\xBFpath,real_path,", 0) == 0);
  CHECK(csv.find("\r\n\"'=1+2,\"\"x\"\"\",") != std::string::npos);
  CHECK(csv.find(",'@me\r\n") != std::string::npos);
  CHECK(csv.find(",'-1 reason,") != std::string::npos);
  CHECK(csv.find("local-drive-personal-data:critical,critical,") != std::string::npos);
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
}

TEST_CASE("sarif: a log with no violations is still a complete document", "[outputs]") {
  Record clean;
  clean.path = "/srv/x.txt";
  const auto doc = Json::parse(Render(MakeSarifSink, {clean}));
  CHECK(doc["version"] == "2.1.0");
  CHECK(doc["runs"][0]["results"].empty());
  CHECK(doc["runs"][0]["tool"]["driver"]["rules"].size() == LocationRules::Catalogue().size());
}

TEST_CASE("sarif: one result per violation, outer file as the artifact", "[outputs]") {
  Record r = Flagged("C:\\a b.zip!/in/c.csv");
  r.container = "C:\\a b.zip";
  r.violations.push_back({"written-password", Severity::kHigh, "delete it", "004 §4.2(d)"});
  const auto doc = Json::parse(Render(MakeSarifSink, {r}));
  const auto& results = doc["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "file:///C:/a%20b.zip");
  CHECK(results[0]["properties"]["member"] == "in/c.csv");
  CHECK(results[0]["level"] == "error");
  CHECK(results[0]["message"]["text"] == "RESTRICTED file on local drive C: — move it (12 people)");
  CHECK(results[0]["partialFingerprints"]["primaryLocationLineHash"] !=
        results[1]["partialFingerprints"]["primaryLocationLineHash"]);
}

TEST_CASE("html: escapes names, keeps masked samples masked, lists only what needs action",
          "[outputs]") {
  Record r = Flagged("C:\\<script>x()<\\script>.csv");
  r.verdict.samples = {{"upn", "K8********07A", "Sheet1!B2", Confidence::kHigh}};
  Record quiet;
  quiet.path = "/srv/staff/ordinary-letter.docx";
  const std::string html = Render(MakeHtmlSink, {r, quiet});
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;x()&lt;\\script&gt;.csv") != std::string::npos);
  CHECK(html.find("upn K8********07A (Sheet1!B2)") != std::string::npos);
  CHECK(html.find("ordinary-letter.docx") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  CHECK(html.rfind("</html>\n") == html.size() - 8);
}

TEST_CASE("html: the sample report lists every violation once per rule", "[outputs]") {
  const auto records = testing::SampleRecords();
  const std::string html = Render(MakeHtmlSink, records);
  size_t violations = 0;
  for (const Record& r : records) violations += r.violations.size();
  size_t rows = 0;
  const std::string table = html.substr(html.find("id=\"violations\""));
  for (size_t at = table.find("<span class=\"sev sev-"); at != std::string::npos;
       at = table.find("<span class=\"sev sev-", at + 1))
    ++rows;
  CHECK(rows == violations);
}

}  // namespace
}  // namespace datasweep
