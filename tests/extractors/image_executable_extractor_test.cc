#include <catch2/catch.hpp>

#include "tests/extractors/harness.h"

using namespace datasweep;
using namespace datasweep::testing;

TEST_CASE("jpeg with EXIF camera: photo and camera attributes") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("camera.jpg"));
  CHECK(r.mime == "image/jpeg");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.attrs.at("photo") == "yes");
  CHECK(r.attrs.at("camera") == "Canon EOS 5D");
  CHECK(r.attrs.at("dimensions") == "800x600");
  CHECK(r.text.empty());
}

TEST_CASE("jpeg without EXIF: a photo by size only when at least 640x480") {
  Harness h;
  const Record& big = h.ScanFile(Fixture("big.jpg"));
  CHECK(big.attrs.at("photo") == "yes");
  CHECK(big.attrs.count("camera") == 0);
  const Record& small = h.ScanFile(Fixture("small.jpg"));
  CHECK(small.attrs.count("photo") == 0);
  CHECK(small.attrs.at("dimensions") == "100x80");
}

TEST_CASE("png icon is typed but not a photo") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("icon.png"));
  CHECK(r.mime == "image/png");
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.attrs.count("photo") == 0);
  CHECK(r.attrs.at("dimensions") == "64x48");
}

TEST_CASE("heic: dimensions from ispe make it a photo") {
  // Minimal ISOBMFF: ftyp heic + an ispe property of 4032x3024.
  std::string heic(
      "\0\0\0\x18"
      "ftypheic\0\0\0\0mif1heic",
      24);
  heic += std::string(
      "\0\0\0\x14"
      "ispe\0\0\0\0\0\0\x0f\xc0\0\0\x0b\xd0",
      20);
  Harness h;
  const Record& r = h.ScanMemory(heic, "IMG_0001.HEIC");
  CHECK(r.mime == "image/heic");
  CHECK(r.attrs.at("dimensions") == "4032x3024");
  CHECK(r.attrs.at("photo") == "yes");
}

TEST_CASE("executables are typed for the unapproved-software rule") {
  Harness h;
  const Record& r = h.ScanFile(Fixture("setup.exe"));
  CHECK(r.outcome.status == ScanStatus::kComplete);
  CHECK(r.attrs.at("executable") == "PE32+ executable (x86-64)");
  const Record& elf = h.ScanMemory(std::string("\x7F"
                                               "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0",
                                               18),
                                   "tool", &ExtractorNamed("ExecutableExtractor"));
  CHECK(elf.attrs.at("executable") == "ELF 64-bit shared object");
}
