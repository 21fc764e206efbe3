// The --location contract (SPEC §4) and the longest-prefix table.
#include "policy/location.h"

#include <catch2/catch.hpp>

using namespace datasweep;

TEST_CASE("location argument parses every kind and flag", "[location]") {
  std::string err;
  auto l = ParseLocationArg("/mnt/laptop=local,drive=C:", &err);
  REQUIRE(l);
  CHECK(l->prefix == "/mnt/laptop");
  CHECK(l->kind == LocationKind::kLocal);
  CHECK(l->drive == "C:");
  l = ParseLocationArg("/media/usb=removable,encrypted", &err);
  REQUIRE(l);
  CHECK(l->kind == LocationKind::kRemovable);
  CHECK(l->encrypted);
  l = ParseLocationArg("/srv/pupils=share,pupil-accessible", &err);
  REQUIRE(l);
  CHECK(l->pupil_accessible);
  l = ParseLocationArg("/srv/staff=share,secure", &err);
  REQUIRE(l);
  CHECK(l->secure);
  l = ParseLocationArg("/srv/mail=email-store", &err);
  REQUIRE(l);
  CHECK(l->kind == LocationKind::kEmailStore);
  l = ParseLocationArg("/data/a=b=share", &err);  // '=' inside the path
  REQUIRE(l);
  CHECK(l->prefix == "/data/a=b");
}

TEST_CASE("location argument rejects bad input with a sentence", "[location]") {
  std::string err;
  CHECK_FALSE(ParseLocationArg("/x=cloud", &err));
  CHECK(err.find("unknown location kind") != std::string::npos);
  CHECK_FALSE(ParseLocationArg("/x=local,shiny", &err));
  CHECK_FALSE(ParseLocationArg("/x=local,drive=CC", &err));
  CHECK_FALSE(ParseLocationArg("nokind", &err));
}

TEST_CASE("longest prefix wins, on component boundaries", "[location]") {
  LocationTable t;
  std::string err;
  t.Add(*ParseLocationArg("/srv=share,secure", &err));
  t.Add(*ParseLocationArg("/srv/pupils=share,pupil-accessible", &err));
  CHECK(t.Find("/srv/pupils/x.docx").pupil_accessible);
  CHECK(t.Find("/srv/staff/x.docx").secure);
  CHECK_FALSE(t.Find("/srv/pupilsX/y").pupil_accessible);  // not a component boundary
  CHECK(t.Find("/home/x").kind == LocationKind::kUnknown);
}

TEST_CASE("drive mapping shows Windows paths", "[location]") {
  LocationTable t;
  std::string err;
  t.Add(*ParseLocationArg("/mnt/laptop=local,drive=c:", &err));
  CHECK(t.DisplayPath("/mnt/laptop/Users/jsmith/Desktop/Y7 contacts.xlsx") ==
        "C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx");
  CHECK(t.DisplayPath("/mnt/laptop/a.zip!/b/c.csv") == "C:\\a.zip!/b/c.csv");
  CHECK(t.DisplayPath("/other/file") == "/other/file");
}
