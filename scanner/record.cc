#include "scanner/record.h"

#include <ctime>
#include <stdexcept>

namespace datasweep {
namespace {

bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    i += n;
  }
  return true;
}

// Invalid bytes become U+FFFD so the JSON stays valid; the exact bytes go to path_bytes.
std::string Sanitise(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = n > 0 && i + n <= s.size();
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) >> 6) == 2;
    if (ok) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

std::string Base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out.push_back(kAlphabet[(v >> k) & 63]);
  }
  if (i < in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) v |= uint8_t(in[i + 1]) << 8;
    out.push_back(kAlphabet[(v >> 18) & 63]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

Json LocationJson(const Location& l) {
  Json j;
  j["kind"] = std::string(ToString(l.kind));
  j["drive"] = l.drive.empty() ? Json(nullptr) : Json(l.drive);
  j["encrypted"] = l.encrypted;
  j["secure"] = l.secure;
  j["pupil_accessible"] = l.pupil_accessible;
  return j;
}

}  // namespace

std::string FormatTimestamp(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<int64_t> ParseTimestamp(const std::string& s) {
  std::tm tm{};
  if (!strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return std::nullopt;
  return static_cast<int64_t>(timegm(&tm));
}

void Summary::Add(const Record& r, bool top_level) {
  ++files;
  if (top_level) bytes += r.size;
  by_class[std::string(ToString(r.verdict.data_class))]++;
  by_status[std::string(ToString(r.outcome.status))]++;
  for (const auto& v : r.violations) {
    violations[v.rule]++;
    by_severity[std::string(ToString(v.severity))]++;
  }
}

Json ToJson(const Record& r) {
  Json j;
  j["type"] = "file";
  j["path"] = Sanitise(r.path);
  j["real_path"] = Sanitise(r.real_path);
  if (!ValidUtf8(r.real_path)) j["path_bytes"] = Base64(r.real_path);
  j["container"] = r.container ? Json(Sanitise(*r.container)) : Json(nullptr);
  j["size"] = r.size;
  j["mtime"] = FormatTimestamp(r.mtime);
  j["mime"] = r.mime;
  j["status"] = std::string(ToString(r.outcome.status));
  j["status_reason"] = r.outcome.reason.empty() ? Json(nullptr) : Json(Sanitise(r.outcome.reason));
  j["class"] = std::string(ToString(r.verdict.data_class));
  j["subjects"] = r.verdict.subjects;
  j["reasons"] = r.verdict.reasons;
  j["detections"] = Json::object();
  for (const auto& [id, n] : r.verdict.detections) j["detections"][id] = n;
  j["samples"] = Json::array();
  for (const auto& s : r.verdict.samples)
    j["samples"].push_back({{"detector", s.detector},
                            {"masked", Sanitise(s.masked)},
                            {"where", Sanitise(s.where)},
                            {"confidence", std::string(ToString(s.confidence))}});
  j["location"] = LocationJson(r.location);
  j["violations"] = Json::array();
  for (const auto& v : r.violations)
    j["violations"].push_back({{"rule", v.rule},
                               {"severity", std::string(ToString(v.severity))},
                               {"message", Sanitise(v.message)},
                               {"source", v.source}});
  j["owner"] = r.owner;
  j["depth"] = r.depth;
  j["attributes"] = Json::object();
  for (const auto& [k, v] : r.attributes) j["attributes"][k] = Sanitise(v);
  return j;
}

Json ToJson(const Summary& s) {
  Json j;
  j["type"] = "summary";
  j["files"] = s.files;
  j["bytes"] = s.bytes;
  j["elapsed_s"] = static_cast<double>(static_cast<int64_t>(s.elapsed_s * 1000)) / 1000.0;
  j["by_class"] = Json::object();
  for (auto c : {"UNRESTRICTED", "PROTECTED", "RESTRICTED"})
    j["by_class"][c] = s.by_class.count(c) ? s.by_class.at(c) : 0;
  j["by_status"] = Json::object();
  for (const auto& [k, v] : s.by_status) j["by_status"][k] = v;
  j["violations"] = Json::object();
  for (const auto& [k, v] : s.violations) j["violations"][k] = v;
  j["by_severity"] = Json::object();
  for (const auto& [k, v] : s.by_severity) j["by_severity"][k] = v;
  j["roots"] = Json::array();
  for (const auto& r : s.roots) j["roots"].push_back(Sanitise(r));
  j["started"] = s.started;
  j["finished"] = s.finished;
  return j;
}

Record RecordFromJson(const Json& j) {
  if (j.value("type", "") != "file") throw std::runtime_error("not a file record");
  Record r;
  r.path = j.at("path").get<std::string>();
  r.real_path = j.value("real_path", r.path);
  if (j.contains("container") && !j["container"].is_null())
    r.container = j["container"].get<std::string>();
  r.size = j.value("size", uint64_t{0});
  r.mtime = ParseTimestamp(j.value("mtime", std::string())).value_or(0);
  r.mime = j.value("mime", "");
  r.outcome.status = ScanStatusFromString(j.value("status", "error")).value_or(ScanStatus::kError);
  if (j.contains("status_reason") && j["status_reason"].is_string())
    r.outcome.reason = j["status_reason"];
  r.verdict.data_class =
      DataClassFromString(j.value("class", "UNRESTRICTED")).value_or(DataClass::kUnrestricted);
  r.verdict.subjects = j.value("subjects", 0);
  if (j.contains("reasons")) r.verdict.reasons = j["reasons"].get<std::vector<std::string>>();
  if (j.contains("detections"))
    for (const auto& [k, v] : j["detections"].items()) r.verdict.detections[k] = v.get<int>();
  if (j.contains("samples"))
    for (const auto& s : j["samples"])
      r.verdict.samples.push_back(
          {s.value("detector", ""), s.value("masked", ""), s.value("where", ""),
           ConfidenceFromString(s.value("confidence", "medium")).value_or(Confidence::kMedium)});
  if (j.contains("location")) {
    const Json& l = j["location"];
    r.location.kind =
        LocationKindFromString(l.value("kind", "unknown")).value_or(LocationKind::kUnknown);
    if (l.contains("drive") && l["drive"].is_string()) r.location.drive = l["drive"];
    r.location.encrypted = l.value("encrypted", false);
    r.location.secure = l.value("secure", false);
    r.location.pupil_accessible = l.value("pupil_accessible", false);
  }
  if (j.contains("violations"))
    for (const auto& v : j["violations"])
      r.violations.push_back(
          {v.value("rule", ""),
           SeverityFromString(v.value("severity", "medium")).value_or(Severity::kMedium),
           v.value("message", ""), v.value("source", "")});
  r.owner = j.value("owner", "");
  r.depth = j.value("depth", 0u);
  if (j.contains("attributes"))
    for (const auto& [k, v] : j["attributes"].items()) r.attributes[k] = v.get<std::string>();
  return r;
}

Summary SummaryFromJson(const Json& j) {
  Summary s;
  s.files = j.value("files", uint64_t{0});
  s.bytes = j.value("bytes", uint64_t{0});
  s.elapsed_s = j.value("elapsed_s", 0.0);
  for (auto key : {"by_class", "by_status", "violations", "by_severity"}) {
    if (!j.contains(key)) continue;
    auto& m = std::string_view(key) == "by_class"     ? s.by_class
              : std::string_view(key) == "by_status"  ? s.by_status
              : std::string_view(key) == "violations" ? s.violations
                                                      : s.by_severity;
    for (const auto& [k, v] : j[key].items()) m[k] = v.get<uint64_t>();
  }
  if (j.contains("roots")) s.roots = j["roots"].get<std::vector<std::string>>();
  s.started = j.value("started", "");
  s.finished = j.value("finished", "");
  return s;
}

}  // namespace datasweep
