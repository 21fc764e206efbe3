#include "classifiers/classifier.h"

#include <algorithm>
#include <bit>
#include <charconv>

namespace datasweep {
namespace {

using KindMask = uint32_t;
constexpr KindMask Bit(DetailKind k) { return KindMask{1} << static_cast<int>(k); }
constexpr KindMask kNotDetails =
    Bit(DetailKind::kName) | Bit(DetailKind::kCredential) | Bit(DetailKind::kAssessment);
constexpr DetailKind kLastKind = DetailKind::kAssessment;

KindMask DetailKindsBesidesName(KindMask kinds) { return kinds & ~kNotDetails; }
int CountKinds(KindMask kinds) { return std::popcount(kinds); }

// Kinds in enum order, as the former std::set<DetailKind> listed them.
std::string JoinKinds(KindMask kinds) {
  std::string out;
  for (int k = 0; k <= static_cast<int>(kLastKind); ++k)
    if (kinds & (KindMask{1} << k))
      out += (out.empty() ? "" : ", ") + std::string(ToString(static_cast<DetailKind>(k)));
  return out;
}

std::string People(int n) { return std::to_string(n) + (n == 1 ? " person" : " people"); }

// 64-bit identity of the string "tag:value" (FNV-1a, then a splitmix finaliser so the low
// bits used for probing are well mixed). Never 0, which marks an empty slot or "no key".
uint64_t Fnv(uint64_t h, std::string_view s) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}
uint64_t KeyHash(std::string_view tag, std::string_view value) {
  uint64_t h = Fnv(Fnv(Fnv(0xcbf29ce484222325ULL, tag), ":"), value);
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h == 0 ? 1 : h;
}
// "row:<key>": the identity of a personal row without an identifier.
uint64_t RowKeyHash(int64_t key) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, key);
  return KeyHash("row", std::string_view(buf, r.ptr - buf));
}

}  // namespace

// How close (in bytes of prose) a detail must stand to a name or identifier to be about that
// person: about a paragraph.
constexpr int64_t kTieDistance = 300;
// Sensitive terms must stand closer — the same sentence or line — to be about someone.
constexpr int64_t kSensitiveTieDistance = 150;

// CappedHashSet ---------------------------------------------------------------------------

bool CappedHashSet::Contains(uint64_t h) const {
  if (slots_.empty()) return false;
  if (h == 0) h = 1;
  const size_t mask = slots_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slots_[i] == h) return true;
    if (slots_[i] == 0) return false;
  }
}

bool CappedHashSet::Insert(uint64_t h) {
  if (h == 0) h = 1;
  if (Contains(h)) return false;
  if (size_ >= cap_) {
    saturated_ = true;
    return false;
  }
  if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = h & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = h;
  ++size_;
  return true;
}

void CappedHashSet::Grow() {
  std::vector<uint64_t> old;
  old.swap(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, 0);
  const size_t mask = slots_.size() - 1;
  for (uint64_t h : old) {
    if (h == 0) continue;
    size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = h;
  }
}

// SubjectLedger ---------------------------------------------------------------------------

void SubjectLedger::Explain(const Finding& f) {
  const DetectorInfo& info = *f.detector;
  const int rank =
      (info.strong                                                                ? 20
       : info.kind == DetailKind::kSpecial || info.kind == DetailKind::kFinancial ? 10
                                                                                  : 0) +
      static_cast<int>(f.confidence);
  if (rank > best_rank_) {
    best_rank_ = rank;
    best_explanation_ = std::string(info.description) + " (" + f.explanation + ")";
  }
}

void SubjectLedger::CountDetection(std::string_view id) {
  // A file's findings come from a handful of detectors, mostly the same one in a row.
  if (last_detection_ < detections_.size() && detections_[last_detection_].first == id) {
    ++detections_[last_detection_].second;
    return;
  }
  for (size_t i = 0; i < detections_.size(); ++i) {
    if (detections_[i].first == id) {
      ++detections_[i].second;
      last_detection_ = i;
      return;
    }
  }
  detections_.emplace_back(std::string(id), 1);
  last_detection_ = detections_.size() - 1;
}

void SubjectLedger::Add(const Finding& f) {
  const DetectorInfo& info = *f.detector;
  CountDetection(info.id);
  if (info.kind == DetailKind::kCredential) {
    credential_ = true;
    return;
  }
  Explain(f);
  const bool identifying = info.strong || info.id == "admission_number";
  if (f.row >= 0) {
    // A row's findings arrive together: the previous row is complete when another starts.
    if (f.row != row_.key) {
      FoldRow();
      row_.key = f.row;
    }
    row_.kinds |= Bit(info.kind);
    if (identifying && !row_.has_identifier) {
      row_.has_identifier = true;
      row_.identity = KeyHash(info.id, f.value);
    }
    row_.has_name |= info.kind == DetailKind::kName;
    return;
  }
  ProseFinding p;
  p.kind = info.kind;
  p.strong = info.strong;
  p.name = info.kind == DetailKind::kName;
  p.offset = f.offset;
  p.needs_tie = info.kind == DetailKind::kSpecial ||
                (info.kind == DetailKind::kFinancial && info.id != "payment_card");
  if (info.strong)
    p.key = KeyHash(info.id, f.value);
  else if (p.name)
    p.key = KeyHash("name", f.value);
  else if (f.identifying || info.kind == DetailKind::kDateOfBirth)
    p.key = KeyHash(info.id, f.value);
  standalone_financial_ |= info.id == "payment_card";
  // Kept sorted by offset so that Near() looks only at the findings within reach. Findings
  // arrive nearly in order (window by window), so the insert lands close to the end.
  const auto at =
      std::upper_bound(prose_.begin(), prose_.end(), p.offset,
                       [](int64_t offset, const ProseFinding& o) { return offset < o.offset; });
  const size_t index = at - prose_.begin();
  prose_.insert(at, p);
  if (index < decided_) {
    // Behind the AdvanceProse() mark (a caller outside the contract): decide it against the
    // findings still held rather than leave it out.
    ++decided_;
    Decide(index);
  }
}

void SubjectLedger::FoldRow() {
  const Row row = row_;
  row_ = Row{};
  if (row.key < 0) return;
  const KindMask details = DetailKindsBesidesName(row.kinds);
  const bool assessed = row.kinds & Bit(DetailKind::kAssessment);
  const int n = CountKinds(details);
  const bool personal = row.has_identifier || (row.has_name && (n > 0 || assessed)) || n >= 2;
  if (!personal) return;
  tied_sensitive_ |= (details & (Bit(DetailKind::kSpecial) | Bit(DetailKind::kFinancial))) != 0;
  row_people_.Insert(row.has_identifier ? row.identity : RowKeyHash(row.key));
  // The record named in the reasons is the richest row, the first by row key among equals
  // (as when all rows were kept in key order).
  if ((row.has_name || row.has_identifier) &&
      (n > best_record_kinds_ ||
       (n == best_record_kinds_ && n > 0 && row.key < best_record_row_))) {
    best_record_kinds_ = n;
    best_record_ = details;
    best_record_row_ = row.key;
  }
}

bool SubjectLedger::Near(size_t i, bool (*pred)(const ProseFinding&), int64_t distance) const {
  const ProseFinding& f = prose_[i];
  auto it =
      std::lower_bound(prose_.begin(), prose_.end(), f.offset - distance,
                       [](const ProseFinding& o, int64_t offset) { return o.offset < offset; });
  for (; it != prose_.end() && it->offset <= f.offset + distance; ++it)
    if (&*it != &f && pred(*it)) return true;
  return false;
}

// Prose: identifiers are people; a name is a person when a personal detail stands next to it
// (and no identifier already counts them); a birth date or personal mailbox with nobody named
// nearby is someone too. Sensitive details count only next to a person.
void SubjectLedger::Decide(size_t i) {
  auto is_strong = [](const ProseFinding& o) { return o.strong; };
  auto is_anchor = [](const ProseFinding& o) { return o.strong || o.name; };
  auto is_detail = [](const ProseFinding& o) { return !o.name && o.kind != DetailKind::kSpecial; };
  auto is_special = [](const ProseFinding& o) { return o.kind == DetailKind::kSpecial; };
  const ProseFinding& p = prose_[i];
  const int64_t tie = p.kind == DetailKind::kSpecial ? kSensitiveTieDistance : kTieDistance;
  if (p.needs_tie && !Near(i, is_anchor, tie)) return;
  if (p.needs_tie) tied_sensitive_ = true;
  if (p.strong) {
    prose_people_.Insert(p.key);
  } else if (p.name) {
    const bool detail =
        Near(i, is_detail, kTieDistance) || Near(i, is_special, kSensitiveTieDistance);
    if (!detail || Near(i, is_strong, kTieDistance)) return;
    prose_people_.Insert(p.key);
  } else if (p.key != 0 && !Near(i, is_anchor, kTieDistance)) {
    prose_people_.Insert(p.key);
  }
  prose_kinds_ |= Bit(p.kind);
}

void SubjectLedger::AdvanceProse(int64_t offset) {
  prose_mark_ = std::max(prose_mark_, offset);
  // Every finding within reach of one more than a tie distance behind the mark is here.
  while (decided_ < prose_.size() && prose_[decided_].offset + kTieDistance < prose_mark_)
    Decide(decided_++);
  // Undecided findings and those still to come look back at most a tie distance.
  const int64_t lowest =
      (decided_ < prose_.size() ? std::min(prose_[decided_].offset, prose_mark_) : prose_mark_) -
      kTieDistance;
  size_t drop = 0;
  while (drop < decided_ && prose_[drop].offset < lowest) ++drop;
  prose_.erase(prose_.begin(), prose_.begin() + drop);
  decided_ -= drop;
  // A burst of findings (one dense window) must not pin its peak capacity for the whole file.
  if (prose_.capacity() > 4096 && prose_.size() < prose_.capacity() / 4) prose_.shrink_to_fit();
}

size_t SubjectLedger::ApproxBytes() const {
  size_t n = sizeof(*this) + prose_.capacity() * sizeof(ProseFinding) + row_people_.ApproxBytes() +
             prose_people_.ApproxBytes() + detections_.capacity() * sizeof(detections_[0]) +
             best_explanation_.capacity();
  for (const auto& d : detections_) n += d.first.capacity();
  return n;
}

Verdict SubjectLedger::Conclude(const ClassifierSettings& s) {
  FoldRow();
  while (decided_ < prose_.size()) Decide(decided_++);

  Verdict v;
  for (const auto& [id, count] : detections_) v.detections[id] = count;
  v.has_credential = credential_;
  // People named in prose but not already counted from the tables.
  int prose_people = 0;
  prose_people_.ForEach([&](uint64_t h) { prose_people += !row_people_.Contains(h); });
  const bool at_least = row_people_.Saturated() || prose_people_.Saturated();
  int best_record_kinds = best_record_kinds_;
  KindMask best_record = best_record_;
  // A document about one to three people (a form, a letter) holds one record per person.
  const KindMask prose_details = DetailKindsBesidesName(prose_kinds_);
  if (prose_people >= 1 && prose_people <= 3 && CountKinds(prose_details) > best_record_kinds) {
    best_record_kinds = CountKinds(prose_details);
    best_record = prose_details;
  }
  v.subjects = static_cast<int>(row_people_.Size()) + prose_people;
  const std::string at_least_text = at_least ? "at least " : "";

  const bool complete_record = best_record_kinds >= s.complete_record_min_kinds;
  if (v.subjects >= s.restricted_min_people) {
    v.data_class = DataClass::kRestricted;
    v.reasons.push_back(at_least_text + std::to_string(v.subjects) +
                        " distinct people with PROTECTED data (threshold " +
                        std::to_string(s.restricted_min_people) + ")");
  }
  if (complete_record) {
    v.data_class = DataClass::kRestricted;
    v.reasons.push_back("complete record: one person with " + std::to_string(best_record_kinds) +
                        " kinds of personal detail (" + JoinKinds(best_record) + "; threshold " +
                        std::to_string(s.complete_record_min_kinds) + ")");
  }
  if (v.data_class == DataClass::kRestricted) return v;
  if (v.subjects > 0 || standalone_financial_ || tied_sensitive_) {
    v.data_class = DataClass::kProtected;
    const std::string why = v.subjects > 0
                                ? "personal data about " + at_least_text + People(v.subjects)
                                : "financial data";
    v.reasons.push_back(why + ": " + best_explanation_);
    return v;
  }
  v.reasons.push_back("no personal data about an identifiable person found");
  return v;
}

}  // namespace datasweep
