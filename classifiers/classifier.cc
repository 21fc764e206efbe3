#include "classifiers/classifier.h"

#include <algorithm>
#include <cstdlib>

namespace datasweep {
namespace {

std::set<DetailKind> DetailKindsBesidesName(const std::set<DetailKind>& kinds) {
  std::set<DetailKind> out;
  for (DetailKind k : kinds)
    if (k != DetailKind::kName && k != DetailKind::kCredential && k != DetailKind::kAssessment) out.insert(k);
  return out;
}

std::string JoinKinds(const std::set<DetailKind>& kinds) {
  std::string out;
  for (DetailKind k : kinds) out += (out.empty() ? "" : ", ") + std::string(ToString(k));
  return out;
}

std::string People(int n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

}  // namespace

// How close (in bytes of prose) a detail must stand to a name or identifier to be about that
// person: about a paragraph.
constexpr int64_t kTieDistance = 300;
// Sensitive terms must stand closer — the same sentence or line — to be about someone.
constexpr int64_t kSensitiveTieDistance = 150;

void SubjectLedger::Explain(const Finding& f) {
  const DetectorInfo& info = *f.detector;
  const int rank = (info.strong ? 20 : info.kind == DetailKind::kSpecial || info.kind == DetailKind::kFinancial ? 10 : 0) +
                   static_cast<int>(f.confidence);
  if (rank > best_rank_) {
    best_rank_ = rank;
    best_explanation_ = std::string(info.description) + " (" + f.explanation + ")";
  }
}

void SubjectLedger::Add(const Finding& f) {
  const DetectorInfo& info = *f.detector;
  detections_[std::string(info.id)]++;
  if (info.kind == DetailKind::kCredential) {
    credential_ = true;
    return;
  }
  Explain(f);
  const bool identifying = info.strong || info.id == "admission_number";
  if (f.row >= 0) {
    Row& r = rows_[f.row];
    r.kinds.insert(info.kind);
    if (identifying && !r.has_identifier) {
      r.has_identifier = true;
      r.identity = std::string(info.id) + ":" + f.value;
    }
    r.has_name |= info.kind == DetailKind::kName;
    return;
  }
  ProseFinding p;
  p.kind = info.kind;
  p.strong = info.strong;
  p.name = info.kind == DetailKind::kName;
  p.offset = f.offset;
  p.needs_tie = info.kind == DetailKind::kSpecial || (info.kind == DetailKind::kFinancial && info.id != "payment_card");
  if (info.strong) p.key = std::string(info.id) + ":" + f.value;
  else if (p.name) p.key = "name:" + f.value;
  else if (f.identifying || info.kind == DetailKind::kDateOfBirth) p.key = std::string(info.id) + ":" + f.value;
  standalone_financial_ |= info.id == "payment_card";
  // Kept sorted by offset so that Near() looks only at the findings within reach (a scan of
  // all of them per finding was quadratic: 80 s of CPU for one 400 MB text file). Findings
  // arrive nearly in order (window by window), so the insert lands close to the end.
  const auto at = std::upper_bound(prose_.begin(), prose_.end(), p.offset,
                                   [](int64_t offset, const ProseFinding& o) { return offset < o.offset; });
  prose_.insert(at, std::move(p));
}

bool SubjectLedger::Near(const ProseFinding& f, bool (*pred)(const ProseFinding&), int64_t distance) const {
  auto it = std::lower_bound(prose_.begin(), prose_.end(), f.offset - distance,
                             [](const ProseFinding& o, int64_t offset) { return o.offset < offset; });
  for (; it != prose_.end() && it->offset <= f.offset + distance; ++it)
    if (&*it != &f && pred(*it)) return true;
  return false;
}

Verdict SubjectLedger::Conclude(const ClassifierSettings& s) const {
  Verdict v;
  v.detections = detections_;
  v.has_credential = credential_;
  std::set<std::string> people;
  int best_record_kinds = 0;
  std::set<DetailKind> best_record;
  bool tied_sensitive = false;
  for (const auto& [key, row] : rows_) {
    const auto details = DetailKindsBesidesName(row.kinds);
    const bool assessed = row.kinds.count(DetailKind::kAssessment) > 0;
    const bool personal = row.has_identifier || (row.has_name && (!details.empty() || assessed)) || details.size() >= 2;
    if (!personal) continue;
    tied_sensitive |= details.count(DetailKind::kSpecial) || details.count(DetailKind::kFinancial);
    people.insert(row.has_identifier ? row.identity : "row:" + std::to_string(key));
    if ((row.has_name || row.has_identifier) && static_cast<int>(details.size()) > best_record_kinds) {
      best_record_kinds = static_cast<int>(details.size());
      best_record = details;
    }
  }
  // Prose: identifiers are people; a name is a person when a personal detail stands next to it
  // (and no identifier already counts them); a birth date or personal mailbox with nobody
  // named nearby is someone too. Sensitive details count only next to a person.
  auto is_strong = [](const ProseFinding& o) { return o.strong; };
  auto is_anchor = [](const ProseFinding& o) { return o.strong || o.name; };
  auto is_detail = [](const ProseFinding& o) { return !o.name && o.kind != DetailKind::kSpecial; };
  auto is_special = [](const ProseFinding& o) { return o.kind == DetailKind::kSpecial; };
  std::set<DetailKind> prose_kinds;
  int prose_people = 0;
  for (const auto& p : prose_) {
    const int64_t tie = p.kind == DetailKind::kSpecial ? kSensitiveTieDistance : kTieDistance;
    if (p.needs_tie && !Near(p, is_anchor, tie)) continue;
    if (p.needs_tie) tied_sensitive = true;
    if (p.strong) {
      prose_people += people.insert(p.key).second;
    } else if (p.name) {
      const bool detail = Near(p, is_detail, kTieDistance) || Near(p, is_special, kSensitiveTieDistance);
      if (!detail || Near(p, is_strong, kTieDistance)) continue;
      prose_people += people.insert(p.key).second;
    } else if (!p.key.empty() && !Near(p, is_anchor, kTieDistance)) {
      prose_people += people.insert(p.key).second;
    }
    prose_kinds.insert(p.kind);
  }
  // A document about one to three people (a form, a letter) holds one record per person.
  const auto prose_details = DetailKindsBesidesName(prose_kinds);
  if (prose_people >= 1 && prose_people <= 3 && static_cast<int>(prose_details.size()) > best_record_kinds) {
    best_record_kinds = static_cast<int>(prose_details.size());
    best_record = prose_details;
  }
  v.subjects = static_cast<int>(people.size());

  const bool complete_record = best_record_kinds >= s.complete_record_min_kinds;
  if (v.subjects >= s.restricted_min_people) {
    v.data_class = DataClass::kRestricted;
    v.reasons.push_back(std::to_string(v.subjects) + " distinct people with PROTECTED data (threshold " +
                        std::to_string(s.restricted_min_people) + ")");
  }
  if (complete_record) {
    v.data_class = DataClass::kRestricted;
    v.reasons.push_back("complete record: one person with " + std::to_string(best_record_kinds) +
                        " kinds of personal detail (" + JoinKinds(best_record) + "; threshold " +
                        std::to_string(s.complete_record_min_kinds) + ")");
  }
  if (v.data_class == DataClass::kRestricted) return v;
  if (v.subjects > 0 || standalone_financial_ || tied_sensitive) {
    v.data_class = DataClass::kProtected;
    const std::string why = v.subjects > 0 ? "personal data about " + People(v.subjects) : "financial data";
    v.reasons.push_back(why + ": " + best_explanation_);
    return v;
  }
  v.reasons.push_back("no personal data about an identifiable person found");
  return v;
}

}  // namespace datasweep
