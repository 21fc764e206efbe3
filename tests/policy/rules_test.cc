// Every location rule firing and not firing across the five kinds of location (SPEC §4).
#include "policy/rules.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace datasweep;

namespace {

Location Loc(LocationKind k, bool encrypted = false, bool pupils = false, bool secure = false) {
  Location l;
  l.kind = k;
  l.encrypted = encrypted;
  l.pupil_accessible = pupils;
  l.secure = secure;
  l.drive = k == LocationKind::kLocal ? "C:" : "";
  return l;
}

std::vector<std::string> Fired(const FileFacts& f, const Location& l) {
  std::vector<std::string> ids;
  for (const auto& v : LocationRules().Evaluate(f, l)) {
    CHECK_FALSE(v.source.empty());  // every violation cites its clause
    ids.push_back(v.rule);
  }
  return ids;
}

bool Has(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const Location kLocal = Loc(LocationKind::kLocal);
const Location kUsb = Loc(LocationKind::kRemovable);
const Location kUsbEncrypted = Loc(LocationKind::kRemovable, true);
const Location kPupilShare = Loc(LocationKind::kShare, false, true);
const Location kStaffShare = Loc(LocationKind::kShare, false, false, true);
const Location kMailStore = Loc(LocationKind::kEmailStore);

}  // namespace

TEST_CASE("personal data placement rules", "[rules]") {
  FileFacts f;
  f.data_class = DataClass::kRestricted;
  CHECK(Fired(f, kLocal) == std::vector<std::string>{"local-drive-personal-data"});
  CHECK(LocationRules().Evaluate(f, kLocal)[0].severity == Severity::kCritical);
  CHECK(Fired(f, kUsb) == std::vector<std::string>{"unencrypted-removable"});
  CHECK(Fired(f, kUsbEncrypted).empty());
  CHECK(Fired(f, kPupilShare) == std::vector<std::string>{"pupil-accessible-personal-data"});
  CHECK(Fired(f, kStaffShare).empty());
  CHECK(Fired(f, kMailStore).empty());
  f.data_class = DataClass::kProtected;
  CHECK(LocationRules().Evaluate(f, kLocal)[0].severity == Severity::kHigh);
  f.data_class = DataClass::kUnrestricted;
  for (const auto& l : {kLocal, kUsb, kUsbEncrypted, kPupilShare, kStaffShare, kMailStore})
    CHECK(Fired(f, l).empty());
}

TEST_CASE("e-mail rules", "[rules]") {
  FileFacts f;
  f.is_email = true;
  f.now = 1'800'000'000;
  f.email_date = f.now - 30 * 86400;
  CHECK(Has(Fired(f, kLocal), "local-drive-email"));
  CHECK_FALSE(Has(Fired(f, kStaffShare), "local-drive-email"));
  CHECK_FALSE(Has(Fired(f, kLocal), "stale-email"));
  f.email_date = f.now - 300 * 86400;
  CHECK(Has(Fired(f, kStaffShare), "stale-email"));
  CHECK(Has(Fired(f, kUsbEncrypted), "stale-email"));
  CHECK(Has(Fired(f, kMailStore), "stale-email"));
  f.attachment_class = DataClass::kProtected;
  CHECK(Has(Fired(f, kMailStore), "unencrypted-email-attachment"));
  f.attachment_class = DataClass::kUnrestricted;
  CHECK_FALSE(Has(Fired(f, kMailStore), "unencrypted-email-attachment"));
}

TEST_CASE("photos, passwords, software and uninspectable files", "[rules]") {
  FileFacts photo;
  photo.is_photo = true;
  CHECK(Has(Fired(photo, kLocal), "pupil-photo-exposed"));
  CHECK(Has(Fired(photo, kPupilShare), "pupil-photo-exposed"));
  CHECK_FALSE(Has(Fired(photo, kStaffShare), "pupil-photo-exposed"));
  CHECK_FALSE(Has(Fired(photo, kUsbEncrypted), "pupil-photo-exposed"));

  FileFacts pw;
  pw.has_credential = true;
  for (const auto& l : {kLocal, kUsb, kStaffShare, kMailStore})
    CHECK(Has(Fired(pw, l), "written-password"));

  FileFacts exe;
  exe.is_executable = true;
  CHECK(Has(Fired(exe, kLocal), "unapproved-software"));
  CHECK(Has(Fired(exe, kPupilShare), "unapproved-software"));
  CHECK_FALSE(Has(Fired(exe, kMailStore), "unapproved-software"));

  FileFacts locked;
  locked.inspected = false;
  locked.encrypted = true;
  CHECK(Has(Fired(locked, kLocal), "uninspectable"));
  CHECK(Has(Fired(locked, kUsb), "uninspectable"));
  CHECK(Has(Fired(locked, kPupilShare), "uninspectable"));
  CHECK_FALSE(Has(Fired(locked, kUsbEncrypted), "uninspectable"));
  CHECK_FALSE(Has(Fired(locked, kStaffShare), "uninspectable"));
}

TEST_CASE("policy settings turn rules off and change severity", "[rules]") {
  FileFacts f;
  f.data_class = DataClass::kProtected;
  LocationRules off({{"local-drive-personal-data", false, std::nullopt}});
  CHECK(off.Evaluate(f, kLocal).empty());
  LocationRules low({{"unencrypted-removable", true, Severity::kLow}});
  REQUIRE(low.Evaluate(f, kUsb).size() == 1);
  CHECK(low.Evaluate(f, kUsb)[0].severity == Severity::kLow);
}
