#include "scanner/state_diff.h"

#include <map>

namespace datasweep {
namespace {

Change Base(const char* kind, const Record* before, const Record* after) {
  const Record& r = after ? *after : *before;
  Change c;
  c.change = kind;
  c.path = r.path;
  c.real_path = r.real_path;
  c.container = r.container;
  if (before) c.from_class = std::string(ToString(before->verdict.data_class));
  if (after) c.to_class = std::string(ToString(after->verdict.data_class));
  return c;
}

Change ViolationChange(const char* kind, const Record* before, const Record* after,
                       const Violation& v) {
  Change c = Base(kind, before, after);
  c.rule = v.rule;
  c.severity = std::string(ToString(v.severity));
  c.message = v.message;
  c.source = v.source;
  return c;
}

// One record present in `before`, `after` or both (same real path).
void DiffRecord(const Record* before, const Record* after,
                const std::function<void(const Change&)>& emit) {
  std::map<std::string, const Violation*> old_v, new_v;
  if (before)
    for (const auto& v : before->violations) old_v.emplace(v.rule, &v);
  if (after)
    for (const auto& v : after->violations) new_v.emplace(v.rule, &v);
  for (const auto& [rule, v] : new_v) {
    auto it = old_v.find(rule);
    if (it == old_v.end()) {
      emit(ViolationChange("new-violation", before, after, *v));
    } else if (it->second->severity != v->severity || it->second->message != v->message) {
      Change c = ViolationChange("changed-violation", before, after, *v);
      c.from_severity = std::string(ToString(it->second->severity));
      emit(c);
    }
  }
  for (const auto& [rule, v] : old_v)
    if (!new_v.count(rule)) emit(ViolationChange("resolved-violation", before, after, *v));
  const DataClass from = before ? before->verdict.data_class : DataClass::kUnrestricted;
  const DataClass to = after ? after->verdict.data_class : DataClass::kUnrestricted;
  if (after && to == DataClass::kRestricted && (!before || from != DataClass::kRestricted))
    emit(Base("newly-restricted", before, after));
  if (before && after && from != to) emit(Base("class-changed", before, after));
  const Record& r = after ? *after : *before;
  if (r.depth == 0 && !before) emit(Base("new-file", before, after));
  if (r.depth == 0 && !after) emit(Base("gone", before, after));
}

}  // namespace

void DiffRecords(const std::vector<Record>& before, const std::vector<Record>& after,
                 const std::function<void(const Change&)>& emit) {
  std::map<std::string, std::pair<const Record*, const Record*>> by_path;
  for (const auto& r : before) by_path[r.real_path].first = &r;
  for (const auto& r : after) by_path[r.real_path].second = &r;
  for (const auto& [path, pair] : by_path) DiffRecord(pair.first, pair.second, emit);
}

void ForEachFileChange(StateStore& state, int64_t from, int64_t to, const FileChangeFn& fn) {
  const std::vector<int64_t> moved =
      state.ForEachMovedFile(from, to, [&](std::vector<Record>&& a, std::vector<Record>&& b) {
        if (a.empty() || b.empty()) return;
        // Members line up by their path inside the file: rebase the old records on the new path.
        const std::string old_top = a.back().real_path, new_top = b.back().real_path;
        for (Record& r : a)
          if (r.real_path.compare(0, old_top.size(), old_top) == 0)
            r.real_path = new_top + r.real_path.substr(old_top.size());
        fn(a, b, true);
      });
  state.ForEachChangedFile(
      from, to, [&](std::vector<Record>&& a, std::vector<Record>&& b) { fn(a, b, false); }, moved);
}

void DiffSweeps(StateStore& state, int64_t from, int64_t to,
                const std::function<void(const Change&)>& emit) {
  ForEachFileChange(state, from, to,
                    [&](const std::vector<Record>& a, const std::vector<Record>& b, bool moved) {
                      if (moved) {
                        Change c = Base("moved", &a.back(), &b.back());
                        c.from_path = a.back().path;
                        emit(c);
                      }
                      DiffRecords(a, b, emit);
                    });
}

std::vector<Violation> NewViolations(const Record* before, const Record& after) {
  std::vector<Violation> out;
  for (const auto& v : after.violations) {
    bool known = false;
    if (before)
      for (const auto& w : before->violations)
        known = known || (w.rule == v.rule && w.severity == v.severity && w.message == v.message);
    if (!known) out.push_back(v);
  }
  return out;
}

Json ToJson(const Change& c) {
  Json j;
  j["type"] = "change";
  j["change"] = c.change;
  const Json path = ToJson([&] {
    Record r;
    r.path = c.path;
    r.real_path = c.real_path;
    r.container = c.container;
    return r;
  }());
  // The record serialiser makes paths valid UTF-8 (exact bytes in path_bytes).
  j["path"] = path["path"];
  j["real_path"] = path["real_path"];
  if (path.contains("path_bytes")) j["path_bytes"] = path["path_bytes"];
  j["container"] = path["container"];
  if (!c.from_path.empty())
    j["from_path"] = ToJson([&] {
      Record r;
      r.path = r.real_path = c.from_path;
      return r;
    }())["path"];
  j["from_class"] = c.from_class.empty() ? Json(nullptr) : Json(c.from_class);
  j["to_class"] = c.to_class.empty() ? Json(nullptr) : Json(c.to_class);
  if (!c.rule.empty()) {
    j["rule"] = c.rule;
    j["severity"] = c.severity;
    if (!c.from_severity.empty()) j["from_severity"] = c.from_severity;
    j["message"] = c.message;
    j["source"] = c.source;
  }
  return j;
}

}  // namespace datasweep
