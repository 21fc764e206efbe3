#include "classifiers/detector_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <stdexcept>

#include "classifiers/detectors/detector_util.h"

#define DATASWEEP_DETECTOR(Class) std::unique_ptr<datasweep::Detector> Make##Class();
namespace datasweep {
#include "classifiers/detector_list.inc"
}
#undef DATASWEEP_DETECTOR

namespace datasweep {
namespace {

RE2::Options PatternOptions() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);  // byte semantics: ASCII \b and classes
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

// Case-insensitive search for any of `words` in `text` (text lower-cased by the caller).
std::string_view FindWord(std::string_view lowered, const std::vector<std::string_view>& words) {
  for (std::string_view w : words)
    if (lowered.find(w) != std::string_view::npos) return w;
  return {};
}

// An ASCII lower-cased copy (what tolower does in the C locale the scanner runs in), on the
// stack for the short context windows so that scoring a candidate allocates nothing.
class Lowered {
 public:
  explicit Lowered(std::string_view s) {
    char* out = inline_;
    if (s.size() > sizeof inline_) {
      heap_.resize(s.size());
      out = heap_.data();
    }
    for (size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = s[i];
      out[i] = static_cast<char>(static_cast<unsigned char>(c - 'A') < 26 ? c + ('a' - 'A') : c);
    }
    view_ = std::string_view(out, s.size());
  }
  Lowered(const Lowered&) = delete;
  Lowered& operator=(const Lowered&) = delete;
  std::string_view view() const { return view_; }

 private:
  char inline_[160];
  std::string heap_;
  std::string_view view_;
};

Confidence Raise(Confidence c) {
  return c == Confidence::kLow ? Confidence::kMedium : Confidence::kHigh;
}

// Context scoring given a way to find the first listed word in lower-cased text.
template <typename FindFn, typename FindNegativeFn>
bool ScoreWith(const FindFn& find, const FindNegativeFn& find_negative, std::string_view before,
               std::string_view after, std::string_view header, Validated& v) {
  const Lowered lower_before(before), lower_after(after.substr(0, 32)), lower_header(header);
  const std::string_view lb = lower_before.view(), la = lower_after.view(),
                         lh = lower_header.view();
  std::string_view hit = find(lh);
  if (hit.empty()) hit = find(lb);
  if (hit.empty()) hit = find(la);
  const bool column_typed = !lh.empty() && !hit.empty();
  if (!hit.empty()) {
    v.confidence = Raise(v.confidence);
    if (column_typed) v.confidence = Confidence::kHigh;
    v.note += (column_typed ? "; column '" : "; context '") + std::string(hit) + "'";
  } else if (v.needs_context) {
    return false;
  }
  if (!column_typed) {
    // Only the words right before the value: a letterhead reads "School Office: 01632 960123".
    const std::string_view near = lb.size() > 40 ? lb.substr(lb.size() - 40) : lb;
    if (std::string_view neg = find_negative(near); !neg.empty()) {
      v.confidence = Confidence::kLow;
      v.note += "; organisation context '" + std::string(neg) + "'";
    }
  }
  return true;
}

}  // namespace

std::vector<std::unique_ptr<Detector>> DetectorSet::AllDetectors() {
  std::vector<std::unique_ptr<Detector>> all;
#define DATASWEEP_DETECTOR(Class) all.push_back(Make##Class());
#include "classifiers/detector_list.inc"
#undef DATASWEEP_DETECTOR
  return all;
}

DetectorSet::DetectorSet(std::vector<std::unique_ptr<Detector>> detectors,
                         const std::set<std::string>& disabled) {
  for (auto& d : detectors)
    if (!disabled.count(std::string(d->Info().id))) detectors_.push_back(std::move(d));
  set_ = std::make_unique<RE2::Set>(PatternOptions(), RE2::UNANCHORED);
  for (const auto& d : detectors_) {
    const std::vector<std::string> patterns = d->Patterns();
    for (size_t k = 0; k < patterns.size(); ++k) {
      const std::string& p = patterns[k];
      auto re = std::make_unique<RE2>(p, PatternOptions());
      std::unique_ptr<PatternMatcher> matcher = d->MatcherFor(k);
      std::string error;
      if (!re->ok() || (!matcher && set_->Add(p, &error) < 0))
        throw std::runtime_error("detector " + std::string(d->Info().id) + ": bad pattern " + p);
      (matcher ? matcher_patterns_ : set_patterns_).push_back(static_cast<int>(patterns_.size()));
      patterns_.push_back({d.get(), std::move(re), WordIndex(d->ContextWords()),
                           WordIndex(d->NegativeContextWords()), std::move(matcher)});
    }
  }
  if (!set_->Compile()) throw std::runtime_error("detector patterns exceed the RE2 memory budget");
}

DetectorSet::~DetectorSet() = default;

const Detector* DetectorSet::Find(std::string_view id) const {
  for (const auto& d : detectors_)
    if (d->Info().id == id) return d.get();
  return nullptr;
}

std::vector<std::string> DetectorSet::ExportPatterns() const {
  std::vector<std::string> out;
  for (const auto& p : patterns_) out.push_back(p.re->pattern());
  return out;
}

DetectorSet::WordIndex::WordIndex(std::vector<std::string_view> words) : words_(std::move(words)) {
  first_empty_ = words_.size();
  std::array<std::vector<uint16_t>, 256> by_byte;
  auto set_pair = [this](unsigned char a, unsigned char b) {
    const size_t h = PairHash(a, b);
    pairs_[h / 64] |= uint64_t{1} << (h % 64);
  };
  for (size_t k = 0; k < words_.size(); ++k) {
    const std::string_view w = words_[k];
    if (w.empty()) {
      first_empty_ = std::min(first_empty_, k);
      continue;
    }
    by_byte[static_cast<unsigned char>(w[0])].push_back(static_cast<uint16_t>(k));
    if (w.size() >= 2) {
      set_pair(w[0], w[1]);
    } else {
      for (unsigned b = 0; b < 256; ++b) set_pair(w[0], static_cast<unsigned char>(b));
    }
  }
  for (size_t b = 0; b < 256; ++b) {
    group_[b] = static_cast<uint16_t>(order_.size());
    order_.insert(order_.end(), by_byte[b].begin(), by_byte[b].end());
  }
  group_[256] = static_cast<uint16_t>(order_.size());
}

std::string_view DetectorSet::WordIndex::FindFirst(std::string_view s) const {
  size_t best = first_empty_;
  for (size_t i = 0; i < s.size() && best > 0; ++i) {
    const unsigned char c = s[i];
    if (i + 1 < s.size()) {
      const size_t h = PairHash(c, s[i + 1]);
      if (((pairs_[h / 64] >> (h % 64)) & 1) == 0) continue;
    }
    for (uint16_t k = group_[c]; k < group_[c + 1]; ++k) {
      const uint16_t w = order_[k];
      if (w >= best) break;
      // The second byte first: most positions fail there, without a memcmp call.
      const std::string_view word = words_[w];
      if (word.size() <= s.size() - i && (word.size() < 2 || s[i + 1] == word[1]) &&
          s.compare(i, word.size(), word) == 0) {
        best = w;
        break;
      }
    }
  }
  return best < words_.size() ? words_[best] : std::string_view();
}

bool DetectorSet::ScoreContext(const Detector& d, std::string_view before, std::string_view after,
                               std::string_view header, Validated& v) {
  const auto words = d.ContextWords(), negative = d.NegativeContextWords();
  return ScoreWith([&](std::string_view t) { return FindWord(t, words); },
                   [&](std::string_view t) { return FindWord(t, negative); }, before, after, header,
                   v);
}

bool DetectorSet::ScoreContextCached(const Pattern& p, std::string_view before,
                                     std::string_view after, std::string_view header,
                                     Validated& v) {
  auto find = [&](const WordIndex& index) {
    return [&index](std::string_view t) { return index.FindFirst(t); };
  };
  return ScoreWith(find(p.context_words), find(p.negative_words), before, after, header, v);
}

void DetectorSet::EmitMatch(const Pattern& p, std::string_view text, size_t start, size_t length,
                            std::string_view header,
                            const std::function<void(const Detection&)>& emit) const {
  const size_t end = start + length;
  Candidate c;
  c.match = text.substr(start, length);
  const size_t b = start > kContextWindow ? start - kContextWindow : 0;
  c.before = text.substr(b, start - b);
  c.after = text.substr(end, std::min(kContextWindow, text.size() - end));
  c.header = header;
  std::optional<Validated> v = p.detector->Validate(c);
  if (!v || !ScoreContextCached(p, c.before, c.after, header, *v)) return;
  emit(Detection{p.detector, start, length, std::move(*v)});
}

void DetectorSet::ScanWithMatcher(const Pattern& p, std::string_view text, size_t report_from,
                                  bool final, std::string_view header,
                                  const std::function<void(const Detection&)>& emit) const {
  size_t from = 0, start = 0, length = 0;
  while (from < text.size() && p.matcher->Find(text, from, &start, &length)) {
    const size_t end = start + length;
    from = length == 0 ? end + 1 : end;
    if (end <= report_from || (!final && end >= text.size())) continue;
    EmitMatch(p, text, start, length, header, emit);
  }
}

// Two passes with the same result as running every pattern over the whole text:
//  1. the set runs over slices [j*kSlice - 1, (j+1)*kSlice + kSliceOverlap): a match of at
//     most kMaxMatchLength bytes starting in slice j lies inside it with its one byte of
//     context on either side (all RE2 assertions look at one byte), so the set flags (pattern,
//     slice) for it; slice edges can only add flags, never lose one.
//  2. each flagged pattern's RE2 searches from max(previous match end, slice start) with the
//     whole text as context, stopping kSliceOverlap past the slice; a match found there is a
//     match of the whole text, and no earlier one can start before it (its slice would have
//     been flagged and searched first), so the leftmost-first sequence per pattern is the
//     same as one search over the whole text. Patterns are emitted in index order, matches in
//     text order, as before.
// A pattern with a hand-written matcher is not in the set: its matcher searches the whole text
// in its turn.
void DetectorSet::Scan(std::string_view text, size_t report_from, bool final,
                       std::string_view header,
                       const std::function<void(const Detection&)>& emit) const {
  if (text.empty()) return;
  const size_t n = text.size();
  const size_t slices = (n + kSlice - 1) / kSlice;
  std::vector<std::pair<int, uint32_t>> flagged;  // (pattern, slice)
  std::vector<int> hits;
  for (size_t j = 0; j < slices && !set_patterns_.empty(); ++j) {
    const size_t lo = j == 0 ? 0 : j * kSlice - 1;
    const size_t hi = std::min(n, (j + 1) * kSlice + kSliceOverlap);
    if (!set_->Match(text.substr(lo, hi - lo), &hits)) continue;
    for (int index : hits) flagged.emplace_back(set_patterns_[index], static_cast<uint32_t>(j));
  }
  std::sort(flagged.begin(), flagged.end());
  // The flagged patterns and those with a matcher, in index order (not all patterns: a table
  // cell is a Scan of its own, and most cells flag none).
  auto next_flag = flagged.begin();
  auto next_matcher = matcher_patterns_.begin();
  while (next_flag != flagged.end() || next_matcher != matcher_patterns_.end()) {
    if (next_matcher != matcher_patterns_.end() &&
        (next_flag == flagged.end() || *next_matcher < next_flag->first)) {
      ScanWithMatcher(patterns_[*next_matcher++], text, report_from, final, header, emit);
      continue;
    }
    const int index = next_flag->first;
    const Pattern& p = patterns_[index];
    size_t pos = 0;  // the pattern's next search start: the end of its last match
    for (; next_flag != flagged.end() && next_flag->first == index; ++next_flag) {
      const size_t slice = next_flag->second;
      const size_t starts_end = std::min(n, (slice + 1) * kSlice);
      const size_t limit = std::min(n, starts_end + kSliceOverlap);
      size_t from = std::max(pos, slice * kSlice);
      re2::StringPiece m;
      while (from < starts_end && p.re->Match(text, from, limit, RE2::UNANCHORED, &m, 1)) {
        const size_t start = m.data() - text.data();
        if (start >= starts_end) break;  // starts in the next slice, which the set flagged too
        // A match that ran into the search limit may go on: take its whole extent.
        if (start + m.size() == limit && limit < n) {
          re2::StringPiece whole;
          if (p.re->Match(text, start, n, RE2::ANCHOR_START, &whole, 1)) m = whole;
        }
        const size_t end = start + m.size();
        pos = from = m.empty() ? end + 1 : end;
        if (end <= report_from || (!final && end >= n)) continue;
        EmitMatch(p, text, start, m.size(), header, emit);
      }
    }
  }
}

}  // namespace datasweep
