#include "cli/sinks/remediation.h"

#include <algorithm>
#include <cctype>

#include "cli/sinks/sink_text.h"

namespace datasweep::sinks {
namespace {

RemediationAction ActionFor(std::string_view rule) {
  if (rule == "stale-email" || rule == "unapproved-software" || rule == "written-password")
    return RemediationAction::kDelete;
  if (rule == "uninspectable") return RemediationAction::kCheck;
  return RemediationAction::kMove;
}

std::string People(const Record& r) {
  std::string s(ToString(r.verdict.data_class));
  if (r.verdict.subjects > 0)
    s += ", " + std::to_string(r.verdict.subjects) +
         (r.verdict.subjects == 1 ? " person" : " people");
  return s;
}

std::string WhyFor(std::string_view rule, const Record& r) {
  if (rule == "stale-email") return "e-mail older than six months";
  if (rule == "unapproved-software") return "unapproved software";
  if (rule == "written-password") return "written-down passwords";
  if (rule == "local-drive-email") return "e-mail kept on a local drive";
  if (rule == "pupil-photo-exposed") return "photographs";
  if (rule == "unencrypted-email-attachment")
    return "e-mail with an unencrypted attachment (" + People(r) + ")";
  if (rule == "uninspectable")
    return "could not be inspected" + (r.outcome.reason.empty() ? "" : ": " + r.outcome.reason);
  std::string why = People(r);
  if (r.depth > 0) why += " in " + std::string(MemberPath(r));
  return why;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// " (2)", " (13)" at the end of a stem.
bool StripNumberSuffix(std::string& stem) {
  if (stem.size() < 4 || stem.back() != ')') return false;
  const size_t open = stem.rfind(" (");
  if (open == std::string::npos || open + 3 > stem.size() - 1) return false;
  for (size_t i = open + 2; i + 1 < stem.size(); ++i)
    if (!std::isdigit(static_cast<unsigned char>(stem[i]))) return false;
  stem.erase(open);
  return true;
}

std::string_view BaseName(std::string_view path) {
  const size_t cut = path.find_last_of("/\\");
  return cut == std::string_view::npos ? path : path.substr(cut + 1);
}

}  // namespace

std::string_view RemediationTitle(RemediationAction a) {
  switch (a) {
    case RemediationAction::kMove:
      return "Move to the home drive (then delete the local copy)";
    case RemediationAction::kDelete:
      return "Delete";
    case RemediationAction::kCheck:
      return "Could not be inspected: open with the owner, then move or delete";
  }
  return "";
}

std::string CopyKey(std::string_view display_path, uint64_t size) {
  const std::string name = Lower(BaseName(display_path));
  const size_t dot = name.rfind('.');
  std::string stem = dot == std::string::npos || dot == 0 ? name : name.substr(0, dot);
  const std::string ext = stem.size() == name.size() ? "" : name.substr(stem.size());
  for (bool changed = true; changed;) {
    changed = false;
    if (stem.starts_with("copy of ")) stem.erase(0, 8), changed = true;
    if (stem.ends_with(" - copy")) stem.erase(stem.size() - 7), changed = true;
    changed |= StripNumberSuffix(stem);
  }
  return stem + ext + "|" + std::to_string(size);
}

void RemediationPlanner::Add(const Record& r) {
  const bool top = r.depth == 0 && (!r.container || r.container->empty());
  const bool personal = r.verdict.data_class != DataClass::kUnrestricted;
  if (r.location.kind == LocationKind::kShare && r.location.secure && top && personal) {
    secure_copies_.emplace(CopyKey(r.path, r.size), r.path);
    return;
  }
  if (r.location.kind != LocationKind::kLocal && r.location.kind != LocationKind::kRemovable)
    return;
  const std::string outer(OuterPath(r));
  auto it = files_.find(outer);
  if (it == files_.end()) {
    if (r.violations.empty()) return;
    if (files_.size() >= kMaxFiles) {
      ++dropped_;
      return;
    }
    it = files_.emplace(outer, File{}).first;
    it->second.owner = r.owner.empty() ? "(unknown)" : r.owner;
  }
  File& f = it->second;
  for (const Violation& v : r.violations) {
    const RemediationAction a = ActionFor(v.rule);
    if (f.why.empty() || a < f.action) {
      f.action = a;
      f.why = WhyFor(v.rule, r);
    }
    f.rules.insert(v.rule);
  }
  if (top) {
    f.data_class = r.verdict.data_class;
    f.copy_key = personal ? CopyKey(r.path, r.size) : "";
  }
}

std::vector<OwnerRemediation> RemediationPlanner::Plan() const {
  std::map<std::string, std::vector<RemediationItem>> by_owner;
  // Copies: group files to move by owner and copy key.
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> groups;
  for (const auto& [path, f] : files_)
    if (!f.copy_key.empty() && f.action == RemediationAction::kMove)
      groups[{f.owner, f.copy_key}].push_back(path);
  std::map<std::string, std::string> copy_of;  // path → why it is a copy
  for (auto& [key, paths] : groups) {
    const auto secure = secure_copies_.find(key.second);
    if (secure != secure_copies_.end()) {
      for (const auto& p : paths)
        copy_of[p] = "a copy is already on a secure share: " + secure->second;
      continue;
    }
    if (paths.size() < 2) continue;
    // Keep the original: the name without copy markers, else the shortest path.
    const auto original =
        std::min_element(paths.begin(), paths.end(), [](const auto& a, const auto& b) {
          const bool ca = CopyKey(BaseName(a), 0) != Lower(BaseName(a)) + "|0";
          const bool cb = CopyKey(BaseName(b), 0) != Lower(BaseName(b)) + "|0";
          if (ca != cb) return cb;
          return a.size() != b.size() ? a.size() < b.size() : a < b;
        });
    for (const auto& p : paths)
      if (p != *original) copy_of[p] = "a copy of " + *original;
  }
  for (const auto& [path, f] : files_) {
    RemediationItem item{path, f.action, f.why, f.rules};
    if (auto c = copy_of.find(path); c != copy_of.end()) {
      item.action = RemediationAction::kDelete;
      item.why = c->second;
      item.rules.insert("copy");
    }
    by_owner[f.owner].push_back(std::move(item));
  }
  std::vector<OwnerRemediation> plan;
  for (auto& [owner, items] : by_owner) {
    std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
      return a.action != b.action ? a.action < b.action : a.file < b.file;
    });
    plan.push_back({owner, std::move(items)});
  }
  return plan;
}

}  // namespace datasweep::sinks
