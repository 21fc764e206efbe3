// Laptop-return mode: the per-owner plan (move / delete / check, copies) and its sections in
// the console and html reports.
#include "cli/sinks/remediation.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "cli/record_sink.h"

using namespace datasweep;
using namespace datasweep::sinks;

namespace {

Location Where(LocationKind kind, bool secure = false) {
  Location l;
  l.kind = kind;
  l.secure = secure;
  l.prefix = kind == LocationKind::kLocal ? "/mnt/laptop" : "/srv/x";
  if (kind == LocationKind::kLocal) l.drive = "C:";
  return l;
}

Record Rec(std::string path, LocationKind kind, DataClass c, std::string owner,
           std::vector<std::string> rules, uint64_t size = 5000) {
  Record r;
  r.path = std::move(path);
  r.real_path = r.path;
  r.size = size;
  r.location = Where(kind);
  r.verdict.data_class = c;
  r.verdict.subjects = c == DataClass::kRestricted ? 31 : c == DataClass::kProtected ? 2 : 0;
  r.owner = std::move(owner);
  for (auto& rule : rules) r.violations.push_back({rule, Severity::kHigh, "msg", "002 §12.2"});
  return r;
}

const RemediationItem* Find(const std::vector<OwnerRemediation>& plan, const std::string& owner,
                            const std::string& file) {
  for (const auto& o : plan)
    if (o.owner == owner)
      for (const auto& i : o.items)
        if (i.file == file) return &i;
  return nullptr;
}

std::vector<Record> Laptop() {
  std::vector<Record> rs;
  rs.push_back(Rec("C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx", LocationKind::kLocal,
                   DataClass::kRestricted, "jsmith", {"local-drive-personal-data"}, 18231));
  rs.push_back(Rec("C:\\Users\\jsmith\\Desktop\\Copy of Y7 contacts.xlsx", LocationKind::kLocal,
                   DataClass::kRestricted, "jsmith", {"local-drive-personal-data"}, 18231));
  rs.push_back(Rec("C:\\Users\\jsmith\\Documents\\Y7 contacts (2).xlsx", LocationKind::kLocal,
                   DataClass::kRestricted, "jsmith", {"local-drive-personal-data"}, 18231));
  // Same name, different size: a different file, not a copy.
  rs.push_back(Rec("C:\\Users\\jsmith\\Old\\Y7 contacts.xlsx", LocationKind::kLocal,
                   DataClass::kRestricted, "jsmith", {"local-drive-personal-data"}, 9999));
  // Already on the home drive (a secure share): the local copy is deleted, not moved.
  Record home = Rec("/srv/home/jsmith/SEN register.xlsx", LocationKind::kShare,
                    DataClass::kRestricted, "jsmith", {});
  home.location = Where(LocationKind::kShare, true);
  rs.push_back(home);
  rs.push_back(Rec("C:\\Users\\jsmith\\Desktop\\SEN register - Copy.xlsx", LocationKind::kLocal,
                   DataClass::kRestricted, "jsmith", {"local-drive-personal-data"}));
  // An old mailbox that is also e-mail on a local drive: past retention, so deleted.
  rs.push_back(Rec("C:\\Users\\jsmith\\Outlook\\archive.pst", LocationKind::kLocal,
                   DataClass::kRestricted, "jsmith", {"local-drive-email", "stale-email"}));
  rs.push_back(Rec("C:\\Users\\jsmith\\Outlook\\recent.msg", LocationKind::kLocal,
                   DataClass::kProtected, "jsmith", {"local-drive-email"}));
  rs.push_back(Rec("C:\\Users\\amir\\Downloads\\proxy-tool.exe", LocationKind::kLocal,
                   DataClass::kUnrestricted, "amir", {"unapproved-software"}));
  rs.push_back(Rec("C:\\Users\\amir\\passwords.txt", LocationKind::kLocal, DataClass::kUnrestricted,
                   "amir", {"written-password"}));
  Record enc = Rec("C:\\Users\\amir\\private.zip", LocationKind::kLocal, DataClass::kUnrestricted,
                   "amir", {"uninspectable"});
  enc.outcome.reason = "encrypted archive";
  rs.push_back(enc);
  // A member's violation acts on its outer file, once.
  Record member = Rec("E:\\export.zip!/pupils.csv", LocationKind::kRemovable,
                      DataClass::kRestricted, "jsmith", {"unencrypted-removable"});
  member.container = "E:\\export.zip";
  member.depth = 1;
  rs.push_back(member);
  rs.push_back(Rec("E:\\export.zip", LocationKind::kRemovable, DataClass::kRestricted, "jsmith",
                   {"unencrypted-removable"}));
  // Shares are not part of the laptop-return list.
  rs.push_back(Rec("/srv/pupils/list.csv", LocationKind::kShare, DataClass::kRestricted, "bob",
                   {"pupil-accessible-personal-data"}));
  return rs;
}

}  // namespace

TEST_CASE("copy keys ignore copy markers and case, not size", "[remediation]") {
  CHECK(CopyKey("C:\\a\\Y7 Contacts.xlsx", 10) == "y7 contacts.xlsx|10");
  CHECK(CopyKey("C:\\a\\Copy of Y7 contacts.xlsx", 10) == "y7 contacts.xlsx|10");
  CHECK(CopyKey("/x/Y7 contacts - Copy (3).xlsx", 10) == "y7 contacts.xlsx|10");
  CHECK(CopyKey("/x/Y7 contacts (12).xlsx", 10) == "y7 contacts.xlsx|10");
  CHECK(CopyKey("/x/Y7 contacts (v2).xlsx", 10) != "y7 contacts.xlsx|10");
  CHECK(CopyKey("/x/Y7 contacts.xlsx", 11) != CopyKey("/x/Y7 contacts.xlsx", 10));
}

TEST_CASE("the plan says what each owner moves and deletes", "[remediation]") {
  RemediationPlanner planner;
  for (const auto& r : Laptop()) planner.Add(r);
  const auto plan = planner.Plan();
  REQUIRE(plan.size() == 2);  // amir, jsmith; bob's share file is not on a laptop
  CHECK(plan[0].owner == "amir");
  CHECK(plan[1].owner == "jsmith");

  auto item = Find(plan, "jsmith", "C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kMove);
  CHECK(item->why == "RESTRICTED, 31 people");
  for (const char* copy : {"C:\\Users\\jsmith\\Desktop\\Copy of Y7 contacts.xlsx",
                           "C:\\Users\\jsmith\\Documents\\Y7 contacts (2).xlsx"}) {
    item = Find(plan, "jsmith", copy);
    REQUIRE(item);
    CHECK(item->action == RemediationAction::kDelete);
    CHECK(item->why == "a copy of C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx");
    CHECK(item->rules.count("copy"));
  }
  item = Find(plan, "jsmith", "C:\\Users\\jsmith\\Old\\Y7 contacts.xlsx");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kMove);
  item = Find(plan, "jsmith", "C:\\Users\\jsmith\\Desktop\\SEN register - Copy.xlsx");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kDelete);
  CHECK(item->why.find("/srv/home/jsmith/SEN register.xlsx") != std::string::npos);
  item = Find(plan, "jsmith", "C:\\Users\\jsmith\\Outlook\\archive.pst");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kDelete);
  CHECK(item->why == "e-mail older than six months");
  item = Find(plan, "jsmith", "C:\\Users\\jsmith\\Outlook\\recent.msg");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kMove);
  item = Find(plan, "jsmith", "E:\\export.zip");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kMove);
  CHECK_FALSE(Find(plan, "jsmith", "E:\\export.zip!/pupils.csv"));
  CHECK(Find(plan, "amir", "C:\\Users\\amir\\Downloads\\proxy-tool.exe")->action ==
        RemediationAction::kDelete);
  CHECK(Find(plan, "amir", "C:\\Users\\amir\\passwords.txt")->action == RemediationAction::kDelete);
  item = Find(plan, "amir", "C:\\Users\\amir\\private.zip");
  REQUIRE(item);
  CHECK(item->action == RemediationAction::kCheck);
  CHECK(item->why == "could not be inspected: encrypted archive");
  // Delete first, then move, then check; paths in order within each.
  for (const auto& o : plan)
    for (size_t i = 1; i < o.items.size(); ++i)
      CHECK(std::make_pair(o.items[i - 1].action, o.items[i - 1].file) <
            std::make_pair(o.items[i].action, o.items[i].file));
}

TEST_CASE("no local or removable violations: an empty plan", "[remediation]") {
  RemediationPlanner planner;
  planner.Add(Rec("/srv/pupils/list.csv", LocationKind::kShare, DataClass::kRestricted, "bob",
                  {"pupil-accessible-personal-data"}));
  planner.Add(Rec("C:\\clean.txt", LocationKind::kLocal, DataClass::kUnrestricted, "bob", {}));
  CHECK(planner.Plan().empty());
}

TEST_CASE("the console and html reports have a laptop-return section", "[remediation]") {
  const auto records = Laptop();
  Summary summary;
  for (const auto& r : records) summary.Add(r, r.depth == 0);
  std::ostringstream text, html;
  auto console = MakeSink("text", text, {});
  auto page = MakeSink("html", html, {});
  for (const auto& r : records) {
    console->Write(r);
    page->Write(r);
  }
  console->Finish(summary);
  page->Finish(summary);

  const std::string t = text.str();
  const size_t at = t.find("Laptop-return list");
  REQUIRE(at != std::string::npos);
  const std::string section = t.substr(at);
  CHECK(section.find("  amir (3 files)") != std::string::npos);
  CHECK(section.find("  jsmith (8 files)") != std::string::npos);
  CHECK(
      section.find(
          "    Delete:\n      C:\\Users\\amir\\Downloads\\proxy-tool.exe  (unapproved software)") !=
      std::string::npos);
  CHECK(section.find("Move to the home drive") != std::string::npos);
  CHECK(section.find("C:\\Users\\jsmith\\Desktop\\Copy of Y7 contacts.xlsx  (a copy of ") !=
        std::string::npos);
  CHECK(section.find("/srv/pupils/list.csv") == std::string::npos);

  const std::string h = html.str();
  const size_t from = h.find("id=\"remediation\"");
  const size_t to = h.find("id=\"worst-folders\"");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  const std::string part = h.substr(from, to - from);
  CHECK(part.find("amir") != std::string::npos);
  CHECK(part.find("Copy of Y7 contacts.xlsx") != std::string::npos);
  CHECK(part.find("a copy of C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx") != std::string::npos);
  CHECK(part.find("e-mail older than six months") != std::string::npos);
  CHECK(part.find("list.csv") == std::string::npos);
}
