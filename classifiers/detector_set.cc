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

Confidence Raise(Confidence c) { return c == Confidence::kLow ? Confidence::kMedium : Confidence::kHigh; }

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
    for (const std::string& p : d->Patterns()) {
      auto re = std::make_unique<RE2>(p, PatternOptions());
      std::string error;
      if (!re->ok() || set_->Add(p, &error) < 0)
        throw std::runtime_error("detector " + std::string(d->Info().id) + ": bad pattern " + p);
      patterns_.push_back({d.get(), std::move(re)});
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

bool DetectorSet::ScoreContext(const Detector& d, std::string_view before, std::string_view after,
                               std::string_view header, Validated& v) {
  const std::string lb = detector_util::Lower(before), la = detector_util::Lower(after.substr(0, 32));
  const std::string lh = detector_util::Lower(header);
  const auto words = d.ContextWords();
  std::string_view hit = FindWord(lh, words);
  if (hit.empty()) hit = FindWord(lb, words);
  if (hit.empty()) hit = FindWord(la, words);
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
    const std::string near = lb.size() > 40 ? lb.substr(lb.size() - 40) : lb;
    if (std::string_view neg = FindWord(near, d.NegativeContextWords()); !neg.empty()) {
      v.confidence = Confidence::kLow;
      v.note += "; organisation context '" + std::string(neg) + "'";
    }
  }
  return true;
}

void DetectorSet::Scan(std::string_view text, size_t report_from, bool final, std::string_view header,
                       const std::function<void(const Detection&)>& emit) const {
  if (text.empty()) return;
  std::vector<int> hits;
  if (!set_->Match(text, &hits)) return;
  std::sort(hits.begin(), hits.end());
  for (int index : hits) {
    const Pattern& p = patterns_[index];
    size_t pos = 0;
    re2::StringPiece m;
    while (pos <= text.size() &&
           p.re->Match(text, pos, text.size(), RE2::UNANCHORED, &m, 1)) {
      const size_t start = m.data() - text.data(), end = start + m.size();
      pos = m.empty() ? end + 1 : end;
      if (end <= report_from || (!final && end >= text.size())) continue;
      Candidate c;
      c.match = std::string_view(m.data(), m.size());
      const size_t b = start > kContextWindow ? start - kContextWindow : 0;
      c.before = text.substr(b, start - b);
      c.after = text.substr(end, std::min(kContextWindow, text.size() - end));
      c.header = header;
      std::optional<Validated> v = p.detector->Validate(c);
      if (!v || !ScoreContext(*p.detector, c.before, c.after, header, *v)) continue;
      emit(Detection{p.detector, start, m.size(), std::move(*v)});
    }
  }
}

}  // namespace datasweep
