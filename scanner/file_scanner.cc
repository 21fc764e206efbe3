#include "scanner/file_scanner.h"

#include <pwd.h>
#include <sys/stat.h>

#include <chrono>
#include <cstring>

#include "classifiers/content_analyzer.h"
#include "scanner/crash_test_extractor.h"
#include "scanner/isolation.h"

namespace datasweep {
namespace {

// True when the opened file is the one the walk listed (same device and inode).
bool SameFileAsListed(const ByteSource& src, const struct stat& listed) {
  struct stat now;
  if (listed.st_ino == 0 || src.Fd() < 0 || ::fstat(src.Fd(), &now) != 0) return true;
  return now.st_dev == listed.st_dev && now.st_ino == listed.st_ino;
}

using Clock = std::chrono::steady_clock;

bool HasEmailExtension(std::string_view path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return false;
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == "pst" || ext == "ost" || ext == "msg" || ext == "eml" || ext == "mbox";
}

bool IsEmailType(std::string_view mime) {
  return mime == "message/rfc822" || mime == "application/vnd.ms-outlook" ||
         mime == "application/mbox" || mime == "application/vnd.ms-outlook-pst";
}

// A store of many messages (mbox, PST), whose members are messages rather than attachments.
bool IsMailboxType(std::string_view mime) {
  return mime == "application/mbox" || mime == "application/vnd.ms-outlook-pst";
}

bool IsExecutableType(std::string_view mime) {
  return mime == "application/x-dosexec" || mime == "application/x-executable" ||
         mime == "application/x-msi" || mime == "application/vnd.microsoft.portable-executable" ||
         mime == "application/x-msdownload";
}

}  // namespace

// The state of one top-level file's scan, shared by all its container layers: the limits
// counters that make a zip bomb stop (ClamAV's cli_ctx).
struct ScanBudget {
  Clock::time_point deadline;
  uint32_t members = 0;
  uint64_t inflated = 0;
};

// One container level: implements the ExtractContext the extractor of that level sees, scans
// members one level deeper, and aggregates their verdicts for the container's record.
class ScanLayer final : public ExtractContext {
 public:
  ScanLayer(FileScanner& scanner, ScanBudget& budget, const Record& self,
            const FileScanner::Emit& emit)
      : scanner_(scanner), budget_(budget), self_(self), emit_(emit) {}

  const ScanLimits& Limits() const override { return scanner_.env_.policy->limits; }
  uint32_t Depth() const override { return self_.depth; }
  bool Expired() const override { return Clock::now() > budget_.deadline; }
  void ForEach(size_t count, const std::function<void(size_t)>& body) override {
    if (scanner_.env_.parallel_for && count > 1)
      scanner_.env_.parallel_for(count, body);
    else
      ExtractContext::ForEach(count, body);
  }
  uint64_t InflateBudget() const override {
    const uint64_t max = Limits().max_total_inflated;
    return budget_.inflated >= max ? 0 : max - budget_.inflated;
  }

  bool ScanEmbedded(EmbeddedMember m) override {
    Outcome refused;
    if (self_.depth + 1 > Limits().max_depth)
      refused = {ScanStatus::kPartial,
                 "depth limit (" + std::to_string(Limits().max_depth) + ") reached"};
    else if (budget_.members >= Limits().max_members)
      refused = {ScanStatus::kPartial,
                 "member count limit (" + std::to_string(Limits().max_members) + ") reached"};
    else if (budget_.inflated + m.data.size() > Limits().max_total_inflated)
      refused = {ScanStatus::kPartial, "total inflated size limit reached"};
    else if (Expired())
      refused = {ScanStatus::kPartial,
                 "time limit (" + std::to_string(Limits().max_seconds) + " s) reached"};
    if (refused.status != ScanStatus::kComplete) {
      limit_hit_.Merge(refused);
      return false;
    }
    ++budget_.members;
    budget_.inflated += m.data.size();
    Record child = ChildRecord(m.name, m.data.size(), m.mtime);
    const bool truncated = m.truncated;
    MemoryByteSource src(std::move(m.data));
    scanner_.ScanSource(src, child, budget_, emit_);
    if (truncated)
      child.outcome.Merge({ScanStatus::kPartial, "member size limit: content cut at " +
                                                     std::to_string(src.Size()) + " bytes"});
    Absorb(child);
    emit_(std::move(child));
    return true;
  }

  void ReportMember(std::string_view name, uint64_t size, const Outcome& outcome) override {
    Record child = ChildRecord(std::string(name), size, std::nullopt);
    child.outcome = outcome;
    child.mime = "application/octet-stream";
    child.verdict.reasons.push_back("not inspected: " + outcome.reason);
    Absorb(child);
    emit_(std::move(child));
  }

  // Folds the members' results into the container's own record.
  void Finish(Record& self) const {
    if (limit_hit_.status != ScanStatus::kComplete) self.outcome.Merge(limit_hit_);
    if (uninspected_ > 0 && self.outcome.status == ScanStatus::kComplete) {
      const bool all = uninspected_ == members_;
      self.outcome = {all && first_uninspected_ == ScanStatus::kEncrypted ? ScanStatus::kEncrypted
                                                                          : ScanStatus::kPartial,
                      std::to_string(uninspected_) + " of " + std::to_string(members_) +
                          " members not inspected (" + first_reason_ + ")"};
    }
    if (max_member_class_ > self.verdict.data_class) {
      self.verdict.data_class = max_member_class_;
      self.verdict.reasons.insert(
          self.verdict.reasons.begin(),
          "member " + worst_member_ + " is " + std::string(ToString(max_member_class_)));
    }
    self.verdict.subjects = std::max(self.verdict.subjects, max_member_subjects_);
    for (const auto& [id, n] : member_detections_) self.verdict.detections[id] += n;
    self.verdict.has_credential |= member_credential_;
  }
  DataClass MaxMemberClass() const { return max_member_class_; }
  // The highest class among the attachments of member messages (for a mailbox).
  DataClass MaxMessageAttachmentClass() const { return max_message_attachment_class_; }
  bool MembersUninspectable() const { return uninspected_ > 0; }

 private:
  Record ChildRecord(const std::string& name, uint64_t size, std::optional<int64_t> mtime) const {
    Record r;
    r.path = self_.path + "!/" + name;
    r.real_path = self_.real_path + "!/" + name;
    r.container = self_.container ? self_.container : std::optional<std::string>(self_.path);
    r.size = size;
    r.mtime = mtime.value_or(self_.mtime);
    r.location = self_.location;
    r.owner = self_.owner;
    r.depth = self_.depth + 1;
    return r;
  }

  void Absorb(const Record& child) {
    ++members_;
    const ScanStatus s = child.outcome.status;
    if (s == ScanStatus::kEncrypted || s == ScanStatus::kError || s == ScanStatus::kUnsupported) {
      if (uninspected_++ == 0) {
        first_uninspected_ = s;
        first_reason_ =
            std::string(ToString(s)) + ": " + child.path.substr(child.path.rfind("!/") + 2);
      }
    }
    if (s == ScanStatus::kPartial)
      limit_hit_.Merge(
          {ScanStatus::kPartial, "member " + child.path + ": " + child.outcome.reason});
    if (child.verdict.data_class > max_member_class_) {
      max_member_class_ = child.verdict.data_class;
      worst_member_ = child.path.substr(self_.path.size() + 2);
    }
    if (const auto it = child.attributes.find("attachment_class");
        IsEmailType(child.mime) && it != child.attributes.end())
      max_message_attachment_class_ =
          std::max(max_message_attachment_class_,
                   DataClassFromString(it->second).value_or(DataClass::kUnrestricted));
    max_member_subjects_ = std::max(max_member_subjects_, child.verdict.subjects);
    for (const auto& [id, n] : child.verdict.detections) member_detections_[id] += n;
    member_credential_ |= child.verdict.has_credential;
  }

  FileScanner& scanner_;
  ScanBudget& budget_;
  const Record& self_;
  const FileScanner::Emit& emit_;
  Outcome limit_hit_;
  uint32_t members_ = 0, uninspected_ = 0;
  ScanStatus first_uninspected_ = ScanStatus::kComplete;
  std::string first_reason_, worst_member_;
  DataClass max_member_class_ = DataClass::kUnrestricted;
  DataClass max_message_attachment_class_ = DataClass::kUnrestricted;
  int max_member_subjects_ = 0;
  std::map<std::string, int> member_detections_;
  bool member_credential_ = false;
};

std::string FileScanner::OwnerName(uid_t uid) {
  auto it = owners_.find(uid);
  if (it != owners_.end()) return it->second;
  struct passwd pw, *result = nullptr;
  char buf[1024];
  std::string name = std::to_string(uid);
  if (getpwuid_r(uid, &pw, buf, sizeof buf, &result) == 0 && result) name = pw.pw_name;
  return owners_.emplace(uid, name).first->second;
}

void FileScanner::ScanSource(const ByteSource& src, Record& rec, ScanBudget& budget,
                             const Emit& emit) {
  if (SniffType(src, rec)) ExtractTyped(src, rec, budget, emit);
}

bool FileScanner::SniffType(const ByteSource& src, Record& rec) {
  std::string head;
  if (!src.ReadPrefix(head, 64 * 1024)) {
    rec.outcome = {ScanStatus::kError, std::string("read failed: ") + std::strerror(errno)};
    return false;
  }
  rec.mime = sniffer_.Sniff(head, src.Size());
  if (env_.crash_test_type && head.starts_with(kCrashTestMagic)) rec.mime = kCrashTestMediaType;
  return true;
}

void FileScanner::ExtractTyped(const ByteSource& src, Record& rec, ScanBudget& budget,
                               const Emit& emit) {
  const Extractor* extractor = env_.extractors->Find(rec.mime);
  if (!extractor) {
    rec.outcome = {ScanStatus::kUnsupported, "no extractor for " + rec.mime};
    rec.verdict.reasons.push_back("content not inspected: unsupported format " + rec.mime);
    return;
  }
  ContentAnalyzer analyzer(*env_.detectors, env_.policy->classification,
                           env_.policy->limits.max_text_bytes);
  if (env_.parallel_for) analyzer.SetParallelFor(env_.parallel_for);
  if (env_.background) analyzer.SetBackground(env_.background);
  ScanLayer layer(*this, budget, rec, emit);
  Outcome outcome;
  if (env_.on_extract && !env_.on_extract(rec, extractor->Name())) {
    rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
    return;
  }
  try {
    outcome = extractor->Extract(src, layer, analyzer);
  } catch (const std::exception& e) {
    outcome = {ScanStatus::kError, std::string(extractor->Name()) + " failed: " + e.what()};
  }
  if (analyzer.TextLimitHit())
    outcome.Merge({ScanStatus::kPartial, "text limit: inspected the first " +
                                             std::to_string(env_.policy->limits.max_text_bytes) +
                                             " bytes of text"});
  rec.outcome = outcome;
  rec.verdict = analyzer.Finish();
  rec.attributes = analyzer.Attributes();
  layer.Finish(rec);
  if (rec.outcome.status == ScanStatus::kEncrypted || rec.outcome.status == ScanStatus::kError)
    rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
  rec.attributes["members_uninspectable"] = layer.MembersUninspectable() ? "yes" : "";
  // A mailbox's members are its messages: only what they carry as attachments is attached.
  rec.attributes["attachment_class"] = std::string(ToString(
      IsMailboxType(rec.mime) ? layer.MaxMessageAttachmentClass() : layer.MaxMemberClass()));
}

void FileScanner::ApplyRules(Record& rec) {
  FileFacts f;
  f.display_path = rec.path;
  f.media_type = rec.mime;
  f.data_class = rec.verdict.data_class;
  const ScanStatus s = rec.outcome.status;
  f.inspected =
      !(s == ScanStatus::kEncrypted || s == ScanStatus::kError || s == ScanStatus::kUnsupported);
  f.encrypted = s == ScanStatus::kEncrypted;
  f.has_credential = rec.verdict.has_credential;
  f.is_email = IsEmailType(rec.mime) || HasEmailExtension(rec.real_path);
  f.is_photo = rec.attributes.count("photo") && rec.attributes.at("photo") == "yes";
  f.is_executable = IsExecutableType(rec.mime) || (rec.attributes.count("executable") &&
                                                   !rec.attributes.at("executable").empty());
  f.members_uninspectable = rec.attributes.count("members_uninspectable") &&
                            !rec.attributes.at("members_uninspectable").empty();
  if (f.is_email && rec.attributes.count("attachment_class"))
    f.attachment_class = DataClassFromString(rec.attributes.at("attachment_class"))
                             .value_or(DataClass::kUnrestricted);
  if (rec.attributes.count("email_date"))
    f.email_date = ParseTimestamp(rec.attributes.at("email_date"));
  f.now = env_.now;
  rec.violations = env_.rules.Evaluate(f, rec.location);
  rec.attributes.erase("members_uninspectable");
  rec.attributes.erase("attachment_class");
}

void FileScanner::Scan(const WalkEntry& entry, const Emit& emit) {
  Record rec;
  rec.real_path = entry.path;
  rec.path = env_.locations->DisplayPath(entry.path);
  rec.location = env_.locations->Find(entry.path);
  rec.size = S_ISREG(entry.st.st_mode) ? entry.st.st_size : 0;
  rec.mtime = entry.st.st_mtim.tv_sec;
  rec.owner = entry.error && !entry.st.st_mode ? "" : OwnerName(entry.st.st_uid);
  if (entry.error) {
    rec.mime = S_ISDIR(entry.st.st_mode) ? "inode/directory" : "application/octet-stream";
    rec.outcome = {ScanStatus::kError,
                   std::string(S_ISDIR(entry.st.st_mode) ? "folder not read: " : "") +
                       std::strerror(entry.error)};
    rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
  } else if (!entry.note.empty()) {
    rec.mime = S_ISLNK(entry.st.st_mode)    ? "inode/symlink"
               : S_ISFIFO(entry.st.st_mode) ? "inode/fifo"
               : S_ISSOCK(entry.st.st_mode) ? "inode/socket"
                                            : "inode/device";
    rec.outcome = {ScanStatus::kSkipped, entry.note};
  } else if (auto src = FileByteSource::Open(entry.path)) {
    rec.size = src->Size();
    if (!SameFileAsListed(*src, entry.st)) {
      // A parent folder or the file was swapped between the walk and the open: what is open
      // now may lie outside the tree, so it is not read.
      rec.mime = "application/octet-stream";
      rec.outcome = {ScanStatus::kError, "replaced by another file while the sweep ran; not read"};
      rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
    } else if (SniffType(*src, rec)) {
      if (env_.isolation && env_.isolation->ShouldIsolate(rec.mime)) {
        src.reset();  // the worker opens the file itself
        env_.isolation->Scan(rec, emit);
      } else {
        ScanBudget budget{Clock::now() + std::chrono::seconds(env_.policy->limits.max_seconds)};
        ExtractTyped(*src, rec, budget, emit);
      }
    }
  } else {
    rec.mime = "application/octet-stream";
    rec.outcome = {ScanStatus::kError,
                   errno == ENOENT ? "vanished before it could be read" : std::strerror(errno)};
    rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
  }
  ApplyRules(rec);
  emit(std::move(rec));
}

void FileScanner::ScanTyped(Record& rec, const Emit& emit) {
  auto src = FileByteSource::Open(rec.real_path);
  if (!src) {
    rec.outcome = {ScanStatus::kError,
                   errno == ENOENT ? "vanished before it could be read" : std::strerror(errno)};
    rec.verdict.reasons.push_back("content not inspected: " + rec.outcome.reason);
    return;
  }
  rec.size = src->Size();
  ScanBudget budget{Clock::now() + std::chrono::seconds(env_.policy->limits.max_seconds)};
  ExtractTyped(*src, rec, budget, emit);
}

Record FileScanner::ScanBytes(std::string data, const std::string& display_path,
                              const Emit& emit_members) {
  Record rec;
  rec.path = rec.real_path = display_path;
  rec.location = env_.locations->Find(display_path);
  MemoryByteSource src(std::move(data));
  rec.size = src.Size();
  ScanBudget budget{Clock::now() + std::chrono::seconds(env_.policy->limits.max_seconds)};
  ScanSource(src, rec, budget, emit_members);
  ApplyRules(rec);
  return rec;
}

}  // namespace datasweep
