#include "tests/outputs/sample_records.h"

#include <string>

namespace datasweep::testing {
namespace {

Location Local() {
  Location l;
  l.prefix = "/mnt/laptop";
  l.kind = LocationKind::kLocal;
  l.drive = "C:";
  return l;
}

Location Usb() {
  Location l;
  l.prefix = "/media/usb";
  l.kind = LocationKind::kRemovable;
  l.drive = "E:";
  return l;
}

Location PupilShare() {
  Location l;
  l.prefix = "/srv/pupils";
  l.kind = LocationKind::kShare;
  l.pupil_accessible = true;
  return l;
}

Location StaffShare() {
  Location l;
  l.prefix = "/srv/staff";
  l.kind = LocationKind::kShare;
  l.secure = true;
  return l;
}

Record Make(std::string path, Location where, DataClass c, std::string owner) {
  Record r;
  r.path = std::move(path);
  // The path on the scanning machine: a drive-mapped display path maps back under the prefix.
  std::string tail = r.path;
  if (!where.drive.empty() && tail.starts_with(where.drive)) tail = tail.substr(where.drive.size());
  for (char& c : tail)
    if (c == '\\') c = '/';
  r.real_path = tail.starts_with("/") ? (where.drive.empty() ? tail : where.prefix + tail)
                                      : where.prefix + "/" + tail;
  r.size = 1000 + r.path.size() * 37;
  r.mtime = 1772442840;  // 2026-03-02T09:14:00Z
  r.mime = "text/plain";
  r.verdict.data_class = c;
  r.location = std::move(where);
  r.owner = std::move(owner);
  return r;
}

void Violate(Record& r, std::string rule, Severity s, std::string message, std::string source) {
  r.violations.push_back({std::move(rule), s, std::move(message), std::move(source)});
}

void People(Record& r, int n) {
  r.verdict.subjects = n;
  r.verdict.detections = {{"upn", n}, {"date_of_birth", n}, {"person_name", 2 * n}};
  r.verdict.reasons = {std::to_string(n) + " distinct people with PROTECTED data (threshold 10)"};
  r.verdict.samples = {{"upn", "K8********07A", "Sheet1!B2", Confidence::kHigh},
                       {"date_of_birth", "**/**/2013", "Sheet1!C2", Confidence::kHigh}};
}

void Status(Record& r, ScanStatus s, std::string reason) {
  r.outcome.status = s;
  r.outcome.reason = std::move(reason);
}

}  // namespace

std::vector<Record> SampleRecords() {
  std::vector<Record> out;
  const std::string kMove = "move it to your home drive";

  Record r = Make("C:\\Users\\jsmith\\Desktop\\Y7 contacts.xlsx", Local(), DataClass::kRestricted,
                  "jsmith");
  r.mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  People(r, 31);
  Violate(r, "local-drive-personal-data", Severity::kCritical,
          "RESTRICTED file on local drive C: — " + kMove, "002 §12.2");
  out.push_back(r);

  r = Make("C:\\Users\\jsmith\\Desktop\\=HYPERLINK(\"evil.example\",\"open\").csv", Local(),
           DataClass::kProtected, "jsmith");
  People(r, 3);
  Violate(r, "local-drive-personal-data", Severity::kHigh,
          "PROTECTED file on local drive C: — " + kMove, "002 §12.1-12.3");
  out.push_back(r);

  r = Make("C:\\Users\\jsmith\\Documents\\Smith, \"Jo\"\nnotes.docx", Local(),
           DataClass::kProtected, "jsmith");
  People(r, 2);
  r.verdict.reasons = {"a complete record, \"4 kinds\", of one person"};
  Violate(r, "local-drive-personal-data", Severity::kHigh,
          "PROTECTED file on local drive C: — " + kMove, "002 §12.1-12.3");
  out.push_back(r);

  r = Make("/srv/pupils/Year 9/<img src=x onerror=alert(1)> & <b>notes.txt", PupilShare(),
           DataClass::kProtected, "<b>bob</b>");
  People(r, 4);
  Violate(r, "pupil-accessible-personal-data", Severity::kCritical,
          "PROTECTED file on a share pupils can read — move it to a staff-only share",
          "002 §9.2, 003 §7.2");
  out.push_back(r);

  r = Make("/srv/pupils/Year 9/caf\xE9 menu.txt", PupilShare(), DataClass::kUnrestricted, "bob");
  Status(r, ScanStatus::kError, "open: Permission denied");
  out.push_back(r);

  r = Make("E:\\export.zip", Usb(), DataClass::kRestricted, "jsmith");
  r.mime = "application/zip";
  People(r, 12);
  Violate(r, "unencrypted-removable", Severity::kCritical,
          "RESTRICTED file on an unencrypted removable drive — move it to your home drive and "
          "use an encrypted stick",
          "002 §13.2, §16.5; 003 §8.2; 004 §4.2(j)");
  out.push_back(r);
  r = Make("E:\\export.zip!/pupils/sen register.csv", Usb(), DataClass::kRestricted, "jsmith");
  r.container = "E:\\export.zip";
  r.depth = 1;
  People(r, 12);
  r.verdict.detections["sen"] = 12;
  out.push_back(r);
  r = Make("E:\\export.zip!/inner.zip!/contacts.csv", Usb(), DataClass::kProtected, "jsmith");
  r.container = "E:\\export.zip";
  r.depth = 2;
  People(r, 5);
  Status(r, ScanStatus::kPartial, "member size limit 64 MiB reached");
  out.push_back(r);

  r = Make("C:\\Users\\jsmith\\Documents\\salaries.xlsx", Local(), DataClass::kUnrestricted,
           "jsmith");
  Status(r, ScanStatus::kEncrypted, "password-protected OOXML (agile encryption)");
  Violate(r, "uninspectable", Severity::kMedium,
          "encrypted file on local drive C: could not be inspected — check it with its owner", "—");
  out.push_back(r);

  r = Make("/srv/staff/finance/broken.pdf", StaffShare(), DataClass::kUnrestricted, "bursar");
  Status(r, ScanStatus::kError, "PDF: xref table damaged");
  out.push_back(r);
  r = Make("/srv/staff/design/poster.psd", StaffShare(), DataClass::kUnrestricted, "design");
  Status(r, ScanStatus::kUnsupported, "image/vnd.adobe.photoshop is not a supported format");
  out.push_back(r);

  r = Make("C:\\Users\\amir\\Desktop\\Re: trip.msg", Local(), DataClass::kProtected, "amir");
  r.mime = "application/vnd.ms-outlook";
  People(r, 2);
  Violate(r, "local-drive-email", Severity::kHigh, "e-mail on local drive C: — " + kMove,
          "002 §12.2");
  Violate(r, "stale-email", Severity::kLow,
          "e-mail older than six months kept in a file store — delete it", "002 §9.1");
  out.push_back(r);

  r = Make("C:\\Users\\amir\\Desktop\\passwords.txt", Local(), DataClass::kUnrestricted, "amir");
  r.verdict.has_credential = true;
  r.verdict.detections = {{"credential", 3}};
  r.verdict.samples = {{"credential", "pa******d1", "line 2", Confidence::kHigh}};
  Violate(r, "written-password", Severity::kHigh,
          "written-down passwords — delete the file and change the passwords",
          "004 §4.2(d), 000 §9");
  out.push_back(r);

  r = Make("C:\\Users\\amir\\Pictures\\IMG_0001.jpg", Local(), DataClass::kUnrestricted, "amir");
  r.mime = "image/jpeg";
  r.attributes["photo"] = "yes";
  Violate(r, "pupil-photo-exposed", Severity::kMedium, "photograph on local drive C: — " + kMove,
          "002 §12.4");
  out.push_back(r);

  r = Make("C:\\Users\\amir\\Downloads\\proxy-tool.exe", Local(), DataClass::kUnrestricted, "amir");
  r.mime = "application/vnd.microsoft.portable-executable";
  Violate(r, "unapproved-software", Severity::kLow,
          "program in a user area — delete it (software is installed by IT)",
          "000 §12, 004 §4.2(h), §4.5(m)");
  out.push_back(r);

  // Relative display paths (a scan of "."), so the formula starters open the cell.
  for (const char* name : {"=cmd|' /C calc'!A0.csv", "+44 7700 900123.txt", "-2+3.csv",
                           "@SUM(A1).csv", "\tleading tab.txt", "\rleading cr.txt"}) {
    r = Make(name, StaffShare(), DataClass::kUnrestricted, "=owner()");
    r.outcome.reason = "";
    out.push_back(r);
  }

  // Bulk: ordinary files on the staff share, some PROTECTED, so folders and charts have weight.
  for (int i = 0; i < 120; ++i) {
    const std::string folder = "/srv/staff/" + std::string(i % 3 == 0   ? "hr"
                                                           : i % 3 == 1 ? "sen"
                                                                        : "office");
    const DataClass c = i % 7 == 0   ? DataClass::kRestricted
                        : i % 4 == 0 ? DataClass::kProtected
                                     : DataClass::kUnrestricted;
    r = Make(folder + "/file" + std::to_string(i) + ".docx", StaffShare(), c,
             "staff" + std::to_string(i % 5));
    if (c != DataClass::kUnrestricted) People(r, c == DataClass::kRestricted ? 14 : 3);
    out.push_back(r);
  }
  return out;
}

Summary SampleSummary(const std::vector<Record>& records) {
  Summary s;
  s.roots = {"/mnt/laptop", "/media/usb", "/srv/pupils", "/srv/staff"};
  s.started = "2026-03-02T09:14:00Z";
  s.finished = "2026-03-02T09:14:12Z";
  s.elapsed_s = 12.4;
  for (const Record& r : records) {
    const bool top = !r.container.has_value();
    ++s.files;
    if (top) s.bytes += r.size;
    ++s.by_class[std::string(ToString(r.verdict.data_class))];
    ++s.by_status[std::string(ToString(r.outcome.status))];
    for (const Violation& v : r.violations) {
      ++s.violations[v.rule];
      ++s.by_severity[std::string(ToString(v.severity))];
    }
  }
  return s;
}

}  // namespace datasweep::testing
