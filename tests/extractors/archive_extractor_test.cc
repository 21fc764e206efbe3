#include <catch2/catch.hpp>

#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

TEST_CASE("tar.gz, tar.bz2, tar.xz and 7z members are scanned with their paths") {
  const auto pupils = Pupils();
  for (const std::string name : {"class_list.tar.gz", "class_list.tar.bz2", "class_list.tar.xz"}) {
    Harness h;
    const Record& r = h.ScanFile(Fixture(name));
    CHECK(r.outcome.status == ScanStatus::kComplete);
    const Record* m = h.Find(name + "!/export/class_list.csv");
    INFO(name);
    REQUIRE(m);
    CHECK(m->HasContent(pupils[0][2]));
    CHECK(m->HasContent(pupils[29][2]));
  }
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.7z"));
  CHECK(r.mime == "application/x-7z-compressed");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  REQUIRE(h.Find("class_list.7z!/class_list.csv"));
  CHECK(h.Find("class_list.7z!/class_list.csv")->HasContent(pupils[15][2]));
}

TEST_CASE("a 7z held in memory (a member) is read through the seekable source") {
  std::ifstream in(Fixture("class_list.7z"), std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  Harness h;
  h.ScanMemory(data, "x.7z");
  REQUIRE(h.Find("x.7z!/class_list.csv"));
}

TEST_CASE("a bare .gz is one member named from the gzip header") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("class_list.csv.gz"));
  CHECK(r.outcome.status == ScanStatus::kComplete);
  const Record* m = h.Find("class_list.csv.gz!/class_list.csv");
  REQUIRE(m);
  CHECK(m->HasContent(Pupils()[2][2]));
}

TEST_CASE("encrypted 7z: entries encrypted, with encrypted headers the archive is") {
  Harness h;
  h.ScanFile(Fixture("encrypted.7z"));
  const Record* m = h.Find("encrypted.7z!/class_list.csv");
  REQUIRE(m);
  CHECK(m->outcome.status == ScanStatus::kEncrypted);
  CHECK(m->text.empty());
  Harness h2;
  const Record& r = h2.ScanFile(Fixture("encrypted_headers.7z"));
  CHECK(r.outcome.status == ScanStatus::kEncrypted);
}

TEST_CASE("gzip bomb stops at the ratio limit") {
  // 200 MB of one repeated line, gzipped by the test itself (about 200 KB). (All-zero data
  // would read as an empty tar: zero blocks are its end marker.)
  const std::string cmd =
      "yes AAAA | head -c 200000000 | gzip -c > '" + FixtureDir() + "/../zeros.gz'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  Harness h;
  const Record& r = h.ScanFile(FixtureDir() + "/../zeros.gz");
  CHECK(r.outcome.status == ScanStatus::kPartial);
  REQUIRE(h.records.size() == 2);
  CHECK(h.records[0].truncated);
  CHECK(h.records[0].size < (32u << 20));
}

TEST_CASE("garbage claiming to be gzip is an error") {
  Harness h;
  const Record& r = h.ScanMemory(std::string("\x1f\x8b\x08\x00garbage", 11), "bad.gz",
                                 &ExtractorNamed("ArchiveExtractor"));
  CHECK((r.outcome.status == ScanStatus::kError || r.outcome.status == ScanStatus::kPartial));
  CHECK(r.outcome.status != ScanStatus::kComplete);
}
