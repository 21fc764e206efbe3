// Through the real binary: automatic removable/encrypted locations (with a fake mount table and
// sysfs), command-line overrides, custom detectors and per-detector confidence from --policy,
// policy and ignore files inside a scanned tree never obeyed, and no progress output when
// stderr is not a terminal.
#include <catch2/catch.hpp>

#include "tests/identifiers.h"
#include "tests/scanner/scan_fixture.h"

using namespace datasweep::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string Upn(int n) { return ValidUpn("801200014", n); }

std::string ClassListCsv(int pupils) {
  std::string csv = "Legal Surname,Legal Forename,UPN,DOB,Reg Group\r\n";
  for (int i = 1; i <= pupils; ++i)
    csv += "Surname" + std::to_string(i) + ",Pupil,\"" + Upn(i) + "\"," +
           std::to_string(1 + i % 28) + "/09/2014,7B\r\n";
  return csv;
}

std::string Q(const std::string& s) { return "'" + s + "'"; }

// A fake sysfs with a USB stick sdb (partition sdb1 = 8:17) and dm-0 (254:0), a LUKS
// mapping on top of sdb1.
void FakeSysfs(const ScratchDir& sys) {
  const fs::path root = sys.Path();
  const fs::path disk =
      root / "devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0/block/sdb";
  fs::create_directories(disk / "sdb1");
  sys.Write((disk / "removable").string().substr(root.string().size() + 1), "1\n");
  sys.Write((disk / "sdb1/partition").string().substr(root.string().size() + 1), "1\n");
  fs::create_directory_symlink(disk.parent_path().parent_path(), disk / "device");
  const fs::path dm = root / "devices/virtual/block/dm-0";
  fs::create_directories(dm / "slaves");
  sys.Write("devices/virtual/block/dm-0/dm/uuid", "CRYPT-LUKS2-0011223344-usbcrypt\n");
  fs::create_directory_symlink(disk / "sdb1", dm / "slaves/sdb1");
  fs::create_directories(root / "dev/block");
  fs::create_directory_symlink(disk / "sdb1", root / "dev/block/8:17");
  fs::create_directory_symlink(dm, root / "dev/block/254:0");
}

std::vector<json> ScanJsonl(const std::string& args) {
  const auto r = RunDatasweep("scan " + args + " -f jsonl -q");
  return ParseJsonl(r.out);
}

bool HasViolation(const json& rec, const std::string& rule) {
  for (const auto& v : rec["violations"])
    if (v["rule"] == rule) return true;
  return false;
}

// Runs the binary with stdout discarded and returns what it wrote to stderr.
std::string Stderr(const std::string& args) {
  const std::string cmd = "'" + std::string(DATASWEEP_BINARY) + "' " + args + " 2>&1 >/dev/null";
  FILE* p = ::popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  for (size_t n; p && (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  if (p) ::pclose(p);
  return out;
}

}  // namespace

TEST_CASE("a USB stick is detected as removable; LUKS on it as encrypted; --location overrides",
          "[e2e][locations]") {
  ScratchDir stick, sys, conf;
  stick.Write("Y7 contacts.csv", ClassListCsv(30));
  FakeSysfs(sys);
  const std::string plain =
      conf.Write("plain", "40 22 8:17 / " + stick.Path() + " rw,nosuid - vfat /dev/sdb1 rw\n");
  const std::string luks =
      conf.Write("luks", "40 22 254:0 / " + stick.Path() + " rw - ext4 /dev/mapper/usbcrypt rw\n");
  const std::string hooks = " --sysfs " + Q(sys.Path()) + " --mountinfo ";

  auto recs = ScanJsonl(Q(stick.Path()) + hooks + Q(plain));
  const json* f = RecordFor(recs, "Y7 contacts.csv");
  REQUIRE(f);
  CHECK((*f)["location"]["kind"] == "removable");
  CHECK((*f)["location"]["encrypted"] == false);
  CHECK(HasViolation(*f, "unencrypted-removable"));

  recs = ScanJsonl(Q(stick.Path()) + hooks + Q(luks));
  f = RecordFor(recs, "Y7 contacts.csv");
  REQUIRE(f);
  CHECK((*f)["location"]["kind"] == "removable");
  CHECK((*f)["location"]["encrypted"] == true);
  CHECK_FALSE(HasViolation(*f, "unencrypted-removable"));

  // A hardware-encrypted stick sysfs cannot see into: the command line says so.
  recs = ScanJsonl(Q(stick.Path()) + hooks + Q(plain) + " --location " +
                   Q(stick.Path() + "=removable,encrypted"));
  f = RecordFor(recs, "Y7 contacts.csv");
  REQUIRE(f);
  CHECK((*f)["location"]["encrypted"] == true);
  CHECK_FALSE(HasViolation(*f, "unencrypted-removable"));

  // And the policy overrides too: the stick is a laptop disk image, shown as D:.
  const std::string policy = conf.Write(
      "policy.yaml", "locations: [{path: '" + stick.Path() + "', kind: local, drive: 'D:'}]\n");
  recs = ScanJsonl(Q(stick.Path()) + hooks + Q(plain) + " --policy " + Q(policy));
  f = RecordFor(recs, "Y7 contacts.csv");
  REQUIRE(f);
  CHECK((*f)["location"]["kind"] == "local");
  CHECK((*f)["path"] == "D:\\Y7 contacts.csv");
  CHECK(HasViolation(*f, "local-drive-personal-data"));

  // Not quiet: the detection is announced on stderr, so nobody is surprised by it.
  const std::string err = Stderr("scan " + Q(stick.Path()) + hooks + Q(plain) + " -f jsonl");
  CHECK(err.find("unencrypted removable media") != std::string::npos);
  CHECK(err.find("sdb: removable=1") != std::string::npos);
}

TEST_CASE("policy and ignore files inside the scanned tree are never obeyed", "[e2e][policy]") {
  ScratchDir tree;
  tree.Write("Y7 contacts.csv", ClassListCsv(30));
  const std::string hide_all =
      "version: 1\nexclude: ['*']\ndetectors: {upn: {enabled: false}, date_of_birth: {enabled: "
      "false}}\n"
      "rules: {local-drive-personal-data: {enabled: false}}\n";
  for (const char* name :
       {"datasweep.yaml", ".datasweep.yaml", ".datasweep/policy.yaml", "policy.yaml"})
    tree.Write(name, hide_all);
  for (const char* name : {".datasweepignore", ".gitignore", ".ignore", ".dsignore"})
    tree.Write(name, "*\n*.csv\n");
  const auto recs = ScanJsonl(Q(tree.Path()) + " --location " + Q(tree.Path() + "=local,drive=C:"));
  const json* f = RecordFor(recs, "Y7 contacts.csv");
  REQUIRE(f);
  CHECK((*f)["class"] == "RESTRICTED");
  CHECK((*f)["detections"]["upn"] == 30);
  CHECK(HasViolation(*f, "local-drive-personal-data"));
  for (const char* name :
       {"datasweep.yaml", ".datasweep/policy.yaml", ".datasweepignore", ".gitignore"})
    CHECK(RecordFor(recs, name));  // scanned like any file, not read as configuration
}

TEST_CASE("a policy file adds custom term lists and patterns, with their own minimum confidence",
          "[e2e][policy]") {
  ScratchDir tree, conf;
  tree.Write("notes.txt",
             "Minutes. Operation Bluebird review moved; payroll PAY-482910 queried.\n");
  auto policy = [&](const std::string& floor) {
    return conf.Write(
        "p" + floor + ".yaml",
        "custom_detectors:\n"
        "  - {id: codewords, kind: special, terms: [Operation Bluebird], confidence: low}\n"
        "  - {id: payroll_number, kind: identifier, strong: true, patterns: "
        "['\\bPAY-[0-9]{6}\\b']}\n" +
            (floor.empty() ? "" : "detectors: {codewords: {min_confidence: " + floor + "}}\n"));
  };
  // Low-confidence terms are below the default floor (medium) …
  auto recs = ScanJsonl(Q(tree.Path()) + " --policy " + Q(policy("")));
  const json* f = RecordFor(recs, "notes.txt");
  REQUIRE(f);
  CHECK_FALSE(f->at("detections").contains("codewords"));
  CHECK(f->at("detections")["payroll_number"] == 1);
  // … until the policy lowers that detector's own floor.
  recs = ScanJsonl(Q(tree.Path()) + " --policy " + Q(policy("low")));
  f = RecordFor(recs, "notes.txt");
  REQUIRE(f);
  CHECK(f->at("detections")["codewords"] == 1);
  const std::string text =
      RunDatasweep("scan " + Q(tree.Path()) + " -f jsonl -q --policy " + Q(policy("low"))).out;
  CHECK(text.find("PAY-482910") == std::string::npos);  // masked like any other value
  // A broken policy is a usage error naming the line.
  const std::string bad =
      conf.Write("bad.yaml", "custom_detectors:\n  - {id: x, patterns: ['(']}\n");
  CHECK(RunDatasweep("scan " + Q(tree.Path()) + " --policy " + Q(bad)).exit_code == 2);
  CHECK(Stderr("scan " + Q(tree.Path()) + " --policy " + Q(bad)).find("bad.yaml:2:") !=
        std::string::npos);
}

TEST_CASE("no progress output when stderr is not a terminal", "[e2e][progress]") {
  ScratchDir tree;
  for (int i = 0; i < 20; ++i) tree.Write("d/f" + std::to_string(i) + ".txt", "hello\n");
  CHECK(Stderr("scan " + Q(tree.Path()) + " -f jsonl").empty());
  CHECK(Stderr("scan " + Q(tree.Path()) + " -q").empty());
}
