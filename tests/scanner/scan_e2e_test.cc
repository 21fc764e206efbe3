// The binary end to end: the JSONL contract (SPEC §5), exit codes, locations, walk hazards.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <catch2/catch.hpp>

#include "tests/identifiers.h"
#include "tests/scanner/scan_fixture.h"

using namespace datasweep::testing;
using nlohmann::json;

namespace {

std::string Upn(int n) { return ValidUpn("801200014", n); }

std::string ClassListCsv(int pupils) {
  std::string csv = "Legal Surname,Legal Forename,UPN,DOB,Reg Group\r\n";
  for (int i = 1; i <= pupils; ++i)
    csv += "Surname" + std::to_string(i) + ",Pupil,\"" + Upn(i) + "\"," +
           std::to_string(1 + i % 28) + "/09/2014,7B\r\n";
  return csv;
}

}  // namespace

TEST_CASE("a CSV class list of 30 pupils is RESTRICTED with 30 subjects, every key present",
          "[e2e]") {
  ScratchDir dir;
  dir.Write("Y7 contacts.csv", ClassListCsv(30));
  const std::string out = dir.Path("report.jsonl");
  const auto r = RunDatasweep("scan '" + dir.Path("Y7 contacts.csv") + "' -f jsonl -o '" + out +
                              "' --location '" + dir.Path() + "=local,drive=C:'");
  CHECK(r.exit_code == 1);  // a critical violation at the default --fail-on high
  struct stat st;
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::ifstream in(out);
  const auto recs = ParseJsonl(std::string(std::istreambuf_iterator<char>(in), {}));
  REQUIRE(recs.size() == 2);
  const json& f = recs[0];
  for (auto key :
       {"type", "path", "real_path", "container", "size", "mtime", "mime", "status", "class",
        "subjects", "reasons", "detections", "samples", "location", "violations"})
    CHECK(f.contains(key));
  CHECK(f["class"] == "RESTRICTED");
  CHECK(f["subjects"] == 30);
  CHECK(f["status"] == "complete");
  CHECK(f["path"] == "C:\\Y7 contacts.csv");
  CHECK(f["location"]["kind"] == "local");
  CHECK(f["location"]["drive"] == "C:");
  CHECK(f["detections"]["upn"] == 30);
  CHECK(f["reasons"][0] == "30 distinct people with PROTECTED data (threshold 10)");
  REQUIRE(f["violations"].size() == 1);
  CHECK(f["violations"][0]["rule"] == "local-drive-personal-data");
  CHECK(f["violations"][0]["severity"] == "critical");
  CHECK(f["violations"][0]["source"] == "002 §12.1-12.3");
  for (const auto& s : f["samples"]) {
    for (auto key : {"detector", "masked", "where", "confidence"}) CHECK(s.contains(key));
    if (s["detector"] == "upn")
      CHECK(s["where"].get<std::string>().find_first_of("0123456789") != std::string::npos);
  }
  // No raw UPN anywhere in the report.
  std::ifstream again(out);
  const std::string text(std::istreambuf_iterator<char>(again), {});
  for (int i = 1; i <= 30; ++i) CHECK(text.find(Upn(i)) == std::string::npos);
  const json& s = recs[1];
  CHECK(s["type"] == "summary");
  for (auto key : {"files", "bytes", "elapsed_s", "by_class", "by_status", "violations"})
    CHECK(s.contains(key));
  CHECK(s["by_class"]["RESTRICTED"] == 1);
  CHECK(s["violations"]["local-drive-personal-data"] == 1);
}

TEST_CASE("exit codes follow --fail-on and usage errors exit 2", "[e2e]") {
  ScratchDir dir;
  dir.Write("list.csv", ClassListCsv(12));
  const std::string loc = " --location '" + dir.Path() + "=removable'";
  CHECK(RunDatasweep("scan -q '" + dir.Path() + "'" + loc).exit_code == 1);
  CHECK(RunDatasweep("scan -q '" + dir.Path() + "'" + loc + " --fail-on never").exit_code == 0);
  CHECK(RunDatasweep("scan -q '" + dir.Path() + "'").exit_code ==
        0);  // no location: no rule applies
  CHECK(RunDatasweep("scan -q '" + dir.Path() + "' --bogus").exit_code == 2);
  CHECK(RunDatasweep("scan -q '" + dir.Path() + "' --location '/x=cloud'").exit_code == 2);
  CHECK(RunDatasweep("scan -q /nonexistent/path").exit_code == 2);
  CHECK(RunDatasweep("scan -q '" + dir.Path() + "' -f pdf").exit_code == 2);
  // An unwritable report path: exit 2, and no partial report left behind.
  CHECK(
      RunDatasweep("scan -q '" + dir.Path() + "' -f jsonl -o /nonexistent-dir/r.jsonl").exit_code ==
      2);
}

TEST_CASE("walk hazards: links, loops, FIFOs, sockets and unreadable files never hang",
          "[e2e][walk]") {
  ScratchDir dir;
  dir.Write("a/ok.txt", "nothing personal\n");
  ::symlink("..", dir.Path("a/loop").c_str());
  ::symlink("/etc/passwd", dir.Path("a/outside").c_str());
  ::mkfifo(dir.Path("a/pipe").c_str(), 0644);
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock_path = dir.Path("a/sock");
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path.c_str());
  ::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  dir.Write("a/secret.txt", "DOB: 01/02/2013\n");
  ::chmod(dir.Path("a/secret.txt").c_str(), 0);
  dir.Write("a/locked/inner.txt", "x");
  ::chmod(dir.Path("a/locked").c_str(), 0);
  // Root reads anything: drop to nobody so permission errors are real.
  const std::string prefix = ::geteuid() == 0
                                 ? "timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups"
                                 : "timeout 60";
  const auto r = RunDatasweep("scan -f jsonl '" + dir.Path() + "'", prefix);
  ::close(sock);
  REQUIRE(r.exit_code == 0);
  const auto recs = ParseJsonl(r.out);
  auto status = [&](const std::string& suffix) {
    const json* rec = RecordFor(recs, suffix);
    return rec ? (*rec)["status"].get<std::string>() : std::string("missing");
  };
  CHECK(status("/a/ok.txt") == "complete");
  CHECK(status("/a/loop") == "skipped");
  CHECK(status("/a/outside") == "skipped");
  CHECK(status("/a/pipe") == "skipped");
  CHECK(status("/a/sock") == "skipped");
  CHECK(status("/a/secret.txt") == "error");
  CHECK((*RecordFor(recs, "/a/secret.txt"))["status_reason"].get<std::string>().find("ermission") !=
        std::string::npos);
  CHECK(status("/a/locked") == "error");
  CHECK(RecordFor(recs, "/etc/passwd") == nullptr);
}

TEST_CASE("non-UTF-8 file names survive into valid JSON", "[e2e]") {
  ScratchDir dir;
  dir.Write(std::string("caf\xE9 list.txt"), "NI number AB 12 34 56 C\n");
  const auto r = RunDatasweep("scan -f jsonl '" + dir.Path() + "'");
  const auto recs = ParseJsonl(r.out);  // throws on invalid JSON
  REQUIRE(recs.size() == 2);
  CHECK(recs[0].contains("path_bytes"));
  CHECK(recs[0]["class"] == "PROTECTED");
}

TEST_CASE("UTF-16 and Windows-1252 text is decoded", "[e2e]") {
  ScratchDir dir;
  const std::string text = "Staff record: NI number AB 12 34 56 C\r\n";
  std::string le = "\xFF\xFE", nobom;
  for (char c : text) le += std::string{c, '\0'}, nobom += std::string{c, '\0'};
  dir.Write("bom.txt", le);
  dir.Write("nobom.txt", nobom);
  dir.Write("cp1252.txt", "Caf\xE9 \x93note\x94: NI number AB 12 34 56 C\n");
  const auto recs = ParseJsonl(RunDatasweep("scan -f jsonl '" + dir.Path() + "'").out);
  for (auto name : {"/bom.txt", "/nobom.txt", "/cp1252.txt"}) {
    const json* rec = RecordFor(recs, name);
    REQUIRE(rec);
    INFO(name);
    CHECK((*rec)["detections"].value("nino", 0) == 1);
  }
}

TEST_CASE("scanning changes neither content, mtime nor atime", "[e2e]") {
  ScratchDir dir;
  const std::string f = dir.Write("letter.txt", "DOB: 01/02/2013 NHS No: 943 476 5919\n");
  struct timespec times[2] = {{1'600'000'000, 0}, {1'600'000'000, 0}};
  ::utimensat(AT_FDCWD, f.c_str(), times, 0);
  RunDatasweep("scan -q '" + dir.Path() + "'");
  struct stat st;
  REQUIRE(::stat(f.c_str(), &st) == 0);
  CHECK(st.st_atim.tv_sec == 1'600'000'000);
  CHECK(st.st_mtim.tv_sec == 1'600'000'000);
}
