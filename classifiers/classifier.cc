#include "classifiers/classifier.h"

#include <algorithm>

namespace datasweep {
namespace {

std::set<DetailKind> DetailKindsBesidesName(const std::set<DetailKind>& kinds) {
  std::set<DetailKind> out;
  for (DetailKind k : kinds)
    if (k != DetailKind::kName && k != DetailKind::kCredential) out.insert(k);
  return out;
}

std::string JoinKinds(const std::set<DetailKind>& kinds) {
  std::string out;
  for (DetailKind k : kinds) out += (out.empty() ? "" : ", ") + std::string(ToString(k));
  return out;
}

std::string People(int n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

}  // namespace

void SubjectLedger::Add(const Finding& f) {
  const DetectorInfo& info = *f.detector;
  detections_[std::string(info.id)]++;
  if (info.kind == DetailKind::kCredential) {
    credential_ = true;
    return;
  }
  if (f.confidence > best_confidence_ || best_explanation_.empty()) {
    best_confidence_ = f.confidence;
    best_explanation_ = std::string(info.description) + " (" + f.explanation + ")";
  }
  financial_ |= info.kind == DetailKind::kFinancial;
  special_ |= info.kind == DetailKind::kSpecial;
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
  prose_kinds_.insert(info.kind);
  std::string key;
  if (info.strong) key = f.value;
  else if (info.kind == DetailKind::kDateOfBirth) key = "dob:" + f.value;
  else if (f.identifying) key = std::string(info.id) + ":" + f.value;
  else if (info.kind == DetailKind::kName) {
    key = "name:" + f.value;
    name_in_prose_ = true;
  }
  if (!key.empty()) prose_subjects_[key].insert(info.kind);
}

Verdict SubjectLedger::Conclude(const ClassifierSettings& s) const {
  Verdict v;
  v.detections = detections_;
  v.has_credential = credential_;
  std::set<std::string> people;
  int best_record_kinds = 0;
  std::set<DetailKind> best_record;
  for (const auto& [key, row] : rows_) {
    const auto details = DetailKindsBesidesName(row.kinds);
    const bool personal = row.has_identifier || (row.has_name && !details.empty()) || details.size() >= 2;
    if (!personal) continue;
    people.insert(row.has_identifier ? row.identity : "row:" + std::to_string(key));
    if ((row.has_name || row.has_identifier) && static_cast<int>(details.size()) > best_record_kinds) {
      best_record_kinds = static_cast<int>(details.size());
      best_record = details;
    }
  }
  for (const auto& [key, kinds] : prose_subjects_) {
    // A name alone is not personal data about anyone in particular (authors, public figures):
    // it counts once the document also holds another personal detail.
    if (key.starts_with("name:") && DetailKindsBesidesName(prose_kinds_).empty()) continue;
    people.insert(key);
  }
  // Prose: details spread over one document belong to the few people it is about (a form).
  const auto prose_details = DetailKindsBesidesName(prose_kinds_);
  if (!prose_subjects_.empty() && prose_subjects_.size() <= 3 &&
      static_cast<int>(prose_details.size()) > best_record_kinds) {
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
  const bool special_about_someone = special_ && (v.subjects > 0 || name_in_prose_);
  if (v.subjects > 0 || financial_ || special_about_someone) {
    v.data_class = DataClass::kProtected;
    std::string why = v.subjects > 0 ? "personal data about " + People(v.subjects) : "financial data";
    v.reasons.push_back(why + ": " + best_explanation_);
    return v;
  }
  v.reasons.push_back("no personal data about an identifiable person found");
  return v;
}

}  // namespace datasweep
