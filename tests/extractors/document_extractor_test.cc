#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

TEST_CASE("pdf: text page by page, the class list is on page 3") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("page3.pdf"));
  CHECK(r.mime == "application/pdf");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const auto pupils = Pupils();
  REQUIRE(r.text_at.count("page 1"));
  CHECK(r.text_at.at("page 1").find("School trip information, page 1") != std::string::npos);
  REQUIRE(r.text_at.count("page 3"));
  CHECK(r.text_at.at("page 3").find(pupils[0][2]) != std::string::npos);
  CHECK(r.text_at.at("page 3").find(pupils[29][0]) != std::string::npos);
  CHECK(r.text_at.at("page 1").find(pupils[0][2]) == std::string::npos);
}

TEST_CASE("pdf: a user password makes it encrypted, an owner password alone does not") {
  Harness h;
  const Record& locked = h.ScanFile(Fixture("user_password.pdf"));
  CHECK(locked.outcome.status == ScanStatus::kEncrypted);
  CHECK(locked.text.empty());
  const Record& owner = h.ScanFile(Fixture("owner_password.pdf"));
  CHECK(owner.outcome.status == ScanStatus::kComplete);
  CHECK(owner.HasText(Pupils()[3][2]));
}

TEST_CASE("pdf: the same file works from memory (an archive member) and garbage is an error") {
  std::ifstream in(Fixture("page3.pdf"), std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  Harness h;
  const Record& r = h.ScanMemory(data, "page3.pdf");
  CHECK(r.HasText(Pupils()[7][2]));
  const Record& bad = h.ScanMemory("%PDF-1.4\n garbage", "bad.pdf");
  CHECK(bad.outcome.status == ScanStatus::kError);
}

TEST_CASE("pdf: an expired time budget stops between pages as partial") {
  Harness h;
  h.expired = true;
  const Record& r = h.ScanFile(Fixture("page3.pdf"));
  CHECK(r.outcome.status == ScanStatus::kPartial);
  CHECK_THAT(r.outcome.reason, Catch::Contains("time"));
}

// A PDF of `pages` pages, each one line of Helvetica: "Page N of the register: pupil N".
std::string ManyPagePdf(int pages) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", "",
                                      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string kids;
  for (int i = 1; i <= pages; ++i) {
    const int page = static_cast<int>(objects.size()) + 1;
    kids += std::to_string(page) + " 0 R ";
    const std::string content = "BT /F1 12 Tf 72 720 Td (Page " + std::to_string(i) +
                                " of the register: pupil " + std::to_string(i) + ") Tj ET";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font "
        "<< /F1 3 0 R >> >> /Contents " +
        std::to_string(page + 1) + " 0 R >>");
    objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content +
                      "\nendstream");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>";
  return PdfFromObjects(objects);
}

TEST_CASE("pdf: pages read on several threads reach the sink in page order") {
  const std::string pdf = ManyPagePdf(150);  // three batches of pages
  Harness sequential;
  const Record& one = sequential.ScanMemory(pdf, "register.pdf");
  REQUIRE(one.outcome.status == ScanStatus::kComplete);
  REQUIRE(one.wheres.size() == 150);
  CHECK(one.wheres[149] == "page 150");
  CHECK(one.text_at.at("page 150").find("pupil 150") != std::string::npos);

  // Tasks started backwards, each on a thread of its own, all at once.
  Harness threaded;
  size_t tasks = 0;
  threaded.for_each = [&](size_t count, const std::function<void(size_t)>& body) {
    tasks += count;
    std::vector<std::thread> pool;
    for (size_t i = count; i-- > 0;) pool.emplace_back(body, i);
    for (auto& t : pool) t.join();
  };
  const Record& many = threaded.ScanMemory(pdf, "register.pdf");
  CHECK(tasks == 19);  // 8 + 8 + 3 tasks of up to 8 pages
  CHECK(many.outcome.status == ScanStatus::kComplete);
  CHECK(many.wheres == one.wheres);
  CHECK(many.text == one.text);
  for (int i = 1; i <= 150; ++i) {
    const std::string page = "page " + std::to_string(i);
    REQUIRE(many.text_at.count(page));
    CHECK(many.text_at.at(page) ==
          "Page " + std::to_string(i) + " of the register: pupil " + std::to_string(i) + "\n");
  }
}

TEST_CASE("html: tags stripped, entities decoded, script and style dropped") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.html"));
  CHECK(r.mime == "text/html");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.HasText("Tutor group 7B & friends"));
  CHECK(
      r.HasText("Caf\xC3\xA9 trip \xE2\x80\x93 \xC2\xA3"
                "5"));
  CHECK(r.HasText(Pupils()[5][2]));
  CHECK_FALSE(r.HasText("SCRIPTTEXT"));
  CHECK_FALSE(r.HasText("color: red"));
  CHECK_FALSE(r.HasText("<td>"));
}

TEST_CASE("html: a page that declares no charset is read as UTF-8 when it is UTF-8") {
  Harness h;
  // libxml2 alone would read these bytes as ISO-8859-1: "Â£31,650".
  const Record& r = h.ScanMemory(
      "<html><body><p>Salary: \xC2\xA3"
      "31,650 - \xC2\xA3"
      "49,084, Caf\xC3\xA9</p></body></html>",
      "advert.html");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(
      r.HasText("\xC2\xA3"
                "31,650 - \xC2\xA3"
                "49,084, Caf\xC3\xA9"));
  CHECK_FALSE(r.HasText("\xC3\x82"));
  // A declared charset still decides: Windows-1252 bytes stay Windows-1252.
  Harness h2;
  const Record& l = h2.ScanMemory(
      "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\xE9 \xA3"
      "5</p></body></html>",
      "latin.html");
  CHECK(
      l.HasText("Caf\xC3\xA9 \xC2\xA3"
                "5"));
}

TEST_CASE("xml: element names kept as context for values") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("ctf.xml"));
  CHECK(r.mime == "text/xml");
  CHECK(r.HasText("UPN: " + Pupils()[0][2] + "\n"));
  CHECK(r.HasText("Surname: " + Pupils()[1][0] + "\n"));
}

TEST_CASE("xml: entity expansion bombs are not expanded") {
  std::string bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  bomb += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i < 10; ++i)
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"" + [&] {
      std::string s;
      for (int k = 0; k < 10; ++k) s += "&lol" + std::to_string(i - 1) + ";";
      return s;
    }() + "\">";
  bomb += "]><lolz>&lol9;</lolz>";
  Harness h;
  const Record& r = h.ScanMemory(bomb, "bomb.xml", &ExtractorNamed("HtmlExtractor"));
  CHECK(r.text.size() < 10000);
}

TEST_CASE("rtf: control words stripped, escapes decoded, tables and pictures skipped") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("record.rtf"));
  CHECK(r.mime == "text/rtf");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const auto pupils = Pupils();
  CHECK(r.HasText("Pupil record\n"));
  CHECK(r.HasText("Name: " + pupils[3][1] + " " + pupils[3][0] + "\n"));
  CHECK(r.HasText("UPN: " + pupils[3][2] + "\n"));
  CHECK(r.HasText("Caf\xC3\xA9 \xE2\x82\xAC r\xC3\xA9sum\xC3\xA9\tdone"));  // \'e9, \u8364?
  CHECK_FALSE(r.HasText("Calibri"));
  CHECK_FALSE(r.HasText("Riched20"));
  CHECK_FALSE(r.HasText("Office"));
  CHECK_FALSE(r.HasText("89504e"));
  CHECK_FALSE(r.HasText("0102"));
  CHECK_FALSE(r.HasText("\\"));
}

TEST_CASE("rtf: \\ansicpg selects the code page for \\'xx") {
  Harness h;
  // 0xE9 in CP1251 is Cyrillic small letter short i (U+0439).
  const Record& r =
      h.ScanMemory("{\\rtf1\\ansi\\ansicpg1251 \\'e9}", "x.rtf", &ExtractorNamed("RtfExtractor"));
  CHECK(r.text == "\xD0\xB9");
}
