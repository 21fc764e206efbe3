#include "scanner/record_codec.h"

#include <cstring>

namespace datasweep {
namespace {

// Every field of these structs must be packed below. When one grows, this fails to compile:
// add the new field to Put/Get (and bump kFormat) — a dropped field would silently vanish from
// re-swept records.
static_assert(sizeof(Record) == 520 && sizeof(Verdict) == 112 && sizeof(Sample) == 104 &&
                  sizeof(Violation) == 104 && sizeof(Location) == 104 && sizeof(Outcome) == 40,
              "Record changed: update scanner/record_codec.cc to pack the new field");

constexpr uint8_t kFormat = 1;

class Writer {
 public:
  void U(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void I(int64_t v) { U((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63)); }
  void S(std::string_view s) {
    U(s.size());
    out_.append(s);
  }
  std::string& Out() { return out_; }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  uint64_t U() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return Bad();
      const auto b = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    return Bad();
  }
  int64_t I() {
    const uint64_t u = U();
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
  std::string S() {
    const uint64_t n = U();
    if (n > in_.size() - pos_) return Bad(), std::string();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  bool B() { return U() != 0; }
  template <typename E>
  E Enum(int max) {
    const uint64_t v = U();
    if (v > static_cast<uint64_t>(max)) Bad();
    return static_cast<E>(v);
  }
  // A count of items each at least one byte long: bounded by what is left.
  uint64_t Count() {
    const uint64_t n = U();
    return n > in_.size() - pos_ ? Bad() : n;
  }
  bool AtEnd() const { return pos_ == in_.size(); }

 private:
  uint64_t Bad() {
    ok_ = false;
    pos_ = in_.size();
    return 0;
  }
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

void Put(Writer& w, const Record& r) {
  w.S(r.path);
  w.S(r.real_path);
  w.U(r.container.has_value());
  if (r.container) w.S(*r.container);
  w.U(r.size);
  w.I(r.mtime);
  w.S(r.mime);
  w.U(static_cast<uint64_t>(r.outcome.status));
  w.S(r.outcome.reason);
  const Verdict& v = r.verdict;
  w.U(static_cast<uint64_t>(v.data_class));
  w.I(v.subjects);
  w.U(v.reasons.size());
  for (const auto& s : v.reasons) w.S(s);
  w.U(v.detections.size());
  for (const auto& [id, n] : v.detections) w.S(id), w.I(n);
  w.U(v.has_credential);
  w.U(v.samples.size());
  for (const auto& s : v.samples)
    w.S(s.detector), w.S(s.masked), w.S(s.where), w.U(static_cast<uint64_t>(s.confidence));
  const Location& l = r.location;
  w.S(l.prefix);
  w.U(static_cast<uint64_t>(l.kind));
  w.U(l.encrypted);
  w.U(l.secure);
  w.U(l.pupil_accessible);
  w.S(l.drive);
  w.S(l.origin);
  w.U(r.violations.size());
  for (const auto& x : r.violations)
    w.S(x.rule), w.U(static_cast<uint64_t>(x.severity)), w.S(x.message), w.S(x.source);
  w.S(r.owner);
  w.U(r.depth);
  w.U(r.attributes.size());
  for (const auto& [k, val] : r.attributes) w.S(k), w.S(val);
}

void Get(Reader& in, Record& r) {
  r.path = in.S();
  r.real_path = in.S();
  if (in.B()) r.container = in.S();
  r.size = in.U();
  r.mtime = in.I();
  r.mime = in.S();
  r.outcome.status = in.Enum<ScanStatus>(static_cast<int>(ScanStatus::kError));
  r.outcome.reason = in.S();
  Verdict& v = r.verdict;
  v.data_class = in.Enum<DataClass>(static_cast<int>(DataClass::kRestricted));
  v.subjects = static_cast<int>(in.I());
  for (uint64_t i = 0, n = in.Count(); i < n; ++i) v.reasons.push_back(in.S());
  for (uint64_t i = 0, n = in.Count(); i < n; ++i) {
    std::string id = in.S();
    v.detections[std::move(id)] = static_cast<int>(in.I());
  }
  v.has_credential = in.B();
  for (uint64_t i = 0, n = in.Count(); i < n; ++i) {
    Sample s;
    s.detector = in.S();
    s.masked = in.S();
    s.where = in.S();
    s.confidence = in.Enum<Confidence>(static_cast<int>(Confidence::kHigh));
    v.samples.push_back(std::move(s));
  }
  Location& l = r.location;
  l.prefix = in.S();
  l.kind = in.Enum<LocationKind>(static_cast<int>(LocationKind::kEmailStore));
  l.encrypted = in.B();
  l.secure = in.B();
  l.pupil_accessible = in.B();
  l.drive = in.S();
  l.origin = in.S();
  for (uint64_t i = 0, n = in.Count(); i < n; ++i) {
    Violation x;
    x.rule = in.S();
    x.severity = in.Enum<Severity>(static_cast<int>(Severity::kCritical));
    x.message = in.S();
    x.source = in.S();
    r.violations.push_back(std::move(x));
  }
  r.owner = in.S();
  r.depth = static_cast<uint32_t>(in.U());
  for (uint64_t i = 0, n = in.Count(); i < n; ++i) {
    std::string k = in.S();
    r.attributes[std::move(k)] = in.S();
  }
}

}  // namespace

std::string PackRecords(const std::vector<Record>& records) {
  Writer w;
  w.U(kFormat);
  w.U(records.size());
  for (const auto& r : records) Put(w, r);
  return std::move(w.Out());
}

std::optional<std::vector<Record>> UnpackRecords(std::string_view packed) {
  Reader in(packed);
  if (in.U() != kFormat) return std::nullopt;
  std::vector<Record> out(in.Count());
  for (auto& r : out) Get(in, r);
  if (!in.ok() || !in.AtEnd()) return std::nullopt;
  return out;
}

}  // namespace datasweep
