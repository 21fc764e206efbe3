// StateStore and RecordCodec on real files in a scratch folder: the packed record form round-
// trips every field and rejects damage, the reuse decision follows identity/size/mtime/
// fingerprint/location, the lock refuses a second writer, a newer schema is refused and an
// older one migrates.
#include "scanner/state_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>

#include "scanner/record_codec.h"
#include "tests/scanner/scan_fixture.h"

namespace datasweep {
namespace {

using testing::ScratchDir;

Record FullRecord(const std::string& real_path) {
  Record r;
  r.path = "C:\\x\\" + real_path.substr(real_path.rfind('/') + 1);
  r.real_path = real_path;
  r.container = "C:\\outer.zip";
  r.size = 123456789012;
  r.mtime = -5;
  r.mime = "text/csv";
  r.outcome = {ScanStatus::kPartial, "member limit"};
  r.verdict.data_class = DataClass::kRestricted;
  r.verdict.subjects = 31;
  r.verdict.reasons = {"31 distinct people", "complete record"};
  r.verdict.detections = {{"upn", 31}, {"email", 2}};
  r.verdict.has_credential = true;
  r.verdict.samples = {{"upn", "K8********07A", "Sheet1!B2", Confidence::kHigh}};
  r.location.prefix = "/mnt/laptop";
  r.location.kind = LocationKind::kLocal;
  r.location.encrypted = true;
  r.location.pupil_accessible = true;
  r.location.drive = "C:";
  r.location.origin = "command line";
  r.violations = {{"local-drive-personal-data", Severity::kCritical, "move it", "002 §12.2"}};
  r.owner = "jsmith";
  r.depth = 1;
  r.attributes = {{"photo", "yes"}, {"camera", "X"}};
  return r;
}

WalkEntry Entry(const std::string& path) {
  WalkEntry e;
  e.path = path;
  REQUIRE(lstat(path.c_str(), &e.st) == 0);
  return e;
}

// After the file's timestamps: the store trusts records of files not changed since the scan began.
int64_t Later() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
             .count() +
         1'000'000'000;
}

TEST_CASE("packed records round-trip every field and reject damage") {
  std::vector<Record> in = {FullRecord("/a/b.csv"), Record{}};
  in[1].real_path = "/a/\xff\xfe";  // not UTF-8: kept byte for byte
  const std::string packed = PackRecords(in);
  auto out = UnpackRecords(packed);
  REQUIRE(out);
  REQUIRE(out->size() == 2);
  for (size_t i = 0; i < in.size(); ++i) CHECK(ToJson((*out)[i]).dump() == ToJson(in[i]).dump());
  CHECK((*out)[1].real_path == in[1].real_path);
  for (size_t n = 0; n < packed.size(); ++n) CHECK_FALSE(UnpackRecords(packed.substr(0, n)));
  CHECK_FALSE(UnpackRecords(packed + "x"));
}

TEST_CASE("a stored file is reused only while identity, size, times, settings and place hold") {
  ScratchDir dir;
  const std::string file = dir.Write("share/list.csv", "a,b\n");
  const std::string state_path = dir.Path("state.db");
  LocationTable none;
  {
    auto state = StateStore::Open(state_path, StateStore::Mode::kSweep);
    bool resumed = true;
    state->BeginSweep({dir.Path("share")}, "fp1", 1000, &resumed, &none);
    CHECK_FALSE(resumed);
    Record top = FullRecord(file);
    top.depth = 0;
    top.container.reset();
    top.path = none.DisplayPath(file);
    top.location = none.Find(file);
    state->Done(Entry(file), {top}, false, Later(), 0);
    state->FinishSweep(true, 0.5);
  }
  struct stat st;
  REQUIRE(stat(state_path.c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);

  auto lookup = [&](const std::string& fingerprint, const LocationTable* where) {
    auto state = StateStore::Open(state_path, StateStore::Mode::kSweep);
    bool resumed = false;
    state->BeginSweep({dir.Path("share")}, fingerprint, 1000, &resumed, where);
    std::vector<Record> got;
    uintptr_t hint = 0;
    const bool hit = state->Lookup(Entry(file), &got, &hint);
    state->FinishSweep(false, 0);
    return hit ? got : std::vector<Record>{};
  };
  const auto same = lookup("fp1", &none);
  REQUIRE(same.size() == 1);
  CHECK(same[0].verdict.detections.at("upn") == 31);
  CHECK(lookup("fp2", &none).empty());  // another policy or binary

  LocationTable laptop;
  Location l;
  l.prefix = dir.Path("share");
  l.kind = LocationKind::kLocal;
  l.drive = "C:";
  laptop.Add(l);
  CHECK(lookup("fp1", &laptop).empty());  // the folder became a laptop drive
  CHECK(lookup("fp1", &none).size() == 1);

  std::ofstream(file, std::ios::app) << "c,d\n";  // size and mtime change
  CHECK(lookup("fp1", &none).empty());
}

TEST_CASE("an e-mail's stored verdict is reused while it cannot change with the date") {
  ScratchDir dir;
  const std::string state_path = dir.Path("state.db");
  const int64_t day = 24 * 3600, now = 1'800'000'000;
  LocationTable table;
  Location local;
  local.prefix = dir.Path("share/laptop");
  local.kind = LocationKind::kLocal;
  table.Add(local);
  struct Mail {
    std::string rel;
    int64_t age_days;
    bool stale;  // the stale-email violation fired when it was scanned
  };
  const std::vector<Mail> mails = {{"laptop/old.eml", 200, true},     // stale: stays stale
                                   {"laptop/new.eml", 10, false},     // turns stale at 183 days
                                   {"unknown/old.eml", 200, false}};  // no location: never fires
  std::vector<std::string> files;
  {
    auto state = StateStore::Open(state_path, StateStore::Mode::kSweep);
    bool resumed = false;
    state->BeginSweep({dir.Path("share")}, "fp", now, &resumed, &table);
    for (const auto& m : mails) {
      const std::string file = dir.Write("share/" + m.rel, "From: a@b\n\nhello\n");
      files.push_back(file);
      Record r;
      r.real_path = file;
      r.path = table.DisplayPath(file);
      r.location = table.Find(file);
      r.attributes = {{"email_date", FormatTimestamp(now - m.age_days * day)}};
      if (m.stale) r.violations = {{"stale-email", Severity::kLow, "delete it", "002 §9.1"}};
      state->Done(Entry(file), {r}, false, Later(), 0);
    }
    state->FinishSweep(true, 0.1);
  }
  auto reused = [&](int64_t when) {
    auto state = StateStore::Open(state_path, StateStore::Mode::kSweep);
    bool resumed = false;
    state->BeginSweep({dir.Path("share")}, "fp", when, &resumed, &table);
    std::vector<bool> hits;
    for (const auto& f : files) {
      std::vector<Record> got;
      uintptr_t hint = 0;
      hits.push_back(state->Lookup(Entry(f), &got, &hint));
    }
    state->FinishSweep(false, 0);
    return hits;
  };
  CHECK(reused(now + day) == std::vector<bool>{true, true, true});
  // 171 days later the new message is 181 days old: re-read before the rule can fire for it.
  CHECK(reused(now + 171 * day) == std::vector<bool>{true, false, true});
  CHECK(reused(now + 3650 * day) == std::vector<bool>{true, false, true});
}

TEST_CASE("a version 1 state migrates: its packed records move and are still reused") {
  ScratchDir dir;
  const std::string file = dir.Write("share/list.csv", "a,b\n");
  const std::string path = dir.Path("state.db");
  LocationTable none;
  Record top = FullRecord(file);
  top.depth = 0;
  top.container.reset();
  top.path = none.DisplayPath(file);
  top.location = none.Find(file);
  {
    auto state = StateStore::Open(path, StateStore::Mode::kSweep);
    bool resumed = false;
    state->BeginSweep({dir.Path("share")}, "fp", 1000, &resumed, &none);
    state->Done(Entry(file), {top}, false, Later(), 0);
    state->FinishSweep(true, 0.1);
  }
  {  // back to the version 1 layout: the packed copy in versions.packed
    SqliteDb db(path, SQLITE_OPEN_READWRITE);
    db.Exec(
        "UPDATE versions SET packed = (SELECT packed FROM packed_records WHERE version_id = "
        "versions.id); DROP TABLE packed_records;"
        " UPDATE meta SET value = 1 WHERE key = 'schema_version'");
  }
  auto state = StateStore::Open(path, StateStore::Mode::kSweep);
  bool resumed = false;
  state->BeginSweep({dir.Path("share")}, "fp", 1000, &resumed, &none);
  std::vector<Record> got;
  uintptr_t hint = 0;
  REQUIRE(state->Lookup(Entry(file), &got, &hint));
  REQUIRE(got.size() == 1);
  CHECK(ToJson(got[0]).dump() == ToJson(top).dump());
  state->FinishSweep(true, 0.1);
  SqliteDb db(path, SQLITE_OPEN_READONLY);
  auto count = [&](const char* sql) {
    SqliteStmt q = db.Prepare(sql);
    REQUIRE(q.Step());
    return q.Int(0);
  };
  CHECK(count("SELECT value FROM meta WHERE key = 'schema_version'") == 2);
  CHECK(count("SELECT count(*) FROM packed_records") == 1);
  CHECK(count("SELECT count(*) FROM versions WHERE packed IS NOT NULL") == 0);
}

TEST_CASE("a second writer is refused; a newer schema is refused") {
  ScratchDir dir;
  const std::string path = dir.Path("state.db");
  {
    auto first = StateStore::Open(path, StateStore::Mode::kSweep);
    CHECK_THROWS_AS(StateStore::Open(path, StateStore::Mode::kSweep), StateLocked);
    CHECK_NOTHROW(StateStore::Open(path, StateStore::Mode::kRead));  // readers take no lock
  }
  CHECK_NOTHROW(StateStore::Open(path, StateStore::Mode::kSweep));  // released with the store
  {
    SqliteDb db(path, SQLITE_OPEN_READWRITE);
    db.Exec("UPDATE meta SET value = 99 WHERE key = 'schema_version'");
  }
  CHECK_THROWS_WITH(StateStore::Open(path, StateStore::Mode::kSweep),
                    Catch::Contains("newer datasweep"));
  CHECK_THROWS_AS(StateStore::Open(path, StateStore::Mode::kRead), StateError);
}

}  // namespace
}  // namespace datasweep
