// SARIF 2.1.0 for CI dashboards (GitHub code scanning and others; research/ecosystem.md §2).
// The envelope and the rule catalogue are written first, each result as its violation arrives,
// and the invocation and totals at Finish: memory stays constant whatever the number of
// results. A DLP report must not itself hold personal data, so there is never a region or a
// snippet, and messages carry only the class, the place, the rule's advice and a head count.
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include "cli/sinks/report_sinks.h"
#include "cli/sinks/sink_text.h"

#ifndef DATASWEEP_VERSION
#define DATASWEEP_VERSION "0.0.0"
#endif

namespace datasweep {
namespace {

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

std::string Dump(const Json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// GitHub's scale: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, 0.1-3.9 low.
std::string_view SecuritySeverity(Severity s) {
  switch (s) {
    case Severity::kCritical:
      return "9.5";
    case Severity::kHigh:
      return "8.0";
    case Severity::kMedium:
      return "5.0";
    case Severity::kLow:
      return "2.0";
    case Severity::kNone:
      break;
  }
  return "0.0";
}

std::string_view Level(Severity s) {
  if (s >= Severity::kHigh) return "error";
  if (s == Severity::kMedium) return "warning";
  return "note";
}

// "local-drive-personal-data" → "LocalDrivePersonalData" (SARIF's rule `name` convention).
std::string RuleName(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name;
}

// Percent-encodes every byte outside RFC 3986's unreserved set and '/'.
std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The artifact URI of a display path: "C:\Users\x.docx" → "file:///C:/Users/x.docx",
// "\\server\share\x" → "file://server/share/x", "/srv/x" → "file:///srv/x", an smb:// URL as it
// is, and a relative path as a relative reference (resolved against the working directory).
std::string ArtifactUri(std::string_view display_path) {
  const std::string path = sinks::ValidUtf8(display_path);
  if (path.starts_with("smb://")) return "smb://" + PercentEncode(path.substr(6));
  std::string slashed = path;
  for (char& c : slashed)
    if (c == '\\') c = '/';
  if (slashed.starts_with("//")) return "file:" + PercentEncode(slashed);
  const bool drive =
      slashed.size() >= 2 && slashed[1] == ':' &&
      ((slashed[0] >= 'A' && slashed[0] <= 'Z') || (slashed[0] >= 'a' && slashed[0] <= 'z'));
  if (drive) return "file:///" + slashed.substr(0, 2) + PercentEncode(slashed.substr(2));
  if (slashed.starts_with("/")) return "file://" + PercentEncode(slashed);
  return PercentEncode(slashed);
}

std::string DirectoryUri(const std::filesystem::path& dir) {
  std::string uri = ArtifactUri(dir.string());
  if (!uri.ends_with('/')) uri += '/';
  return uri;
}

Json RuleJson(const LocationRules::RuleInfo& rule) {
  const std::string description(rule.description);
  const std::string source(rule.source);
  Json j;
  j["id"] = rule.id;
  j["name"] = RuleName(rule.id);
  j["shortDescription"] = {{"text", description}};
  j["fullDescription"] = {{"text", description + " (policy clause: " + source + ")"}};
  j["help"] = {{"text", "Fires when: " + description + ". Policy clause: " + source +
                            ". Each result names the file and says what to do with it; the "
                            "personal data itself is never reported."}};
  j["defaultConfiguration"] = {{"level", Level(rule.default_severity)}};
  j["properties"] = {{"security-severity", SecuritySeverity(rule.default_severity)},
                     {"severity", ToString(rule.default_severity)},
                     {"policy-clause", source},
                     {"tags", {"privacy", "data-protection"}}};
  return j;
}

// "RESTRICTED file on local drive C: — move it to your home drive (31 people)": the rule's own
// advice (fixed wording per rule, no content) and the head count, never a detected value.
std::string MessageText(const Record& r, const Violation& v) {
  std::string text = v.message;
  if (text.empty()) {
    for (const auto& rule : LocationRules::Catalogue())
      if (rule.id == v.rule) text = std::string(rule.description);
  }
  if (text.empty()) text = v.rule;
  if (r.verdict.subjects > 0)
    text += " (" + std::to_string(r.verdict.subjects) +
            (r.verdict.subjects == 1 ? " person)" : " people)");
  return sinks::ValidUtf8(text);
}

class SarifSink : public RecordSink {
 public:
  explicit SarifSink(std::ostream& out) : out_(out) {
    Json driver;
    driver["name"] = "datasweep";
    driver["version"] = DATASWEEP_VERSION;
    driver["semanticVersion"] = DATASWEEP_VERSION;
    driver["rules"] = Json::array();
    for (const auto& rule : LocationRules::Catalogue()) driver["rules"].push_back(RuleJson(rule));
    // The head up to the opening of results[]; the rest is closed in Finish.
    out_ << "{\"$schema\":" << Dump(Json(kSchema)) << ",\"version\":\"2.1.0\",\"runs\":[{"
         << "\"tool\":{\"driver\":" << Dump(driver) << "},\n\"results\":[";
  }

  void Write(const Record& r) override {
    for (const Violation& v : r.violations) WriteResult(r, v);
  }

  void Finish(const Summary& s) override {
    Json invocation;
    invocation["executionSuccessful"] = true;
    if (!s.started.empty()) invocation["startTimeUtc"] = s.started;
    if (!s.finished.empty()) invocation["endTimeUtc"] = s.finished;
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    if (!ec) invocation["workingDirectory"] = {{"uri", DirectoryUri(cwd)}};
    Json totals = ToJson(s);
    totals.erase("type");
    out_ << "\n],\n\"columnKind\":\"unicodeCodePoints\",\"invocations\":[" << Dump(invocation)
         << "],\n\"properties\":{\"summary\":" << Dump(totals) << "}}]}\n";
    out_.flush();
  }

 private:
  void WriteResult(const Record& r, const Violation& v) {
    Json result;
    result["ruleId"] = v.rule;
    const auto& rules = LocationRules::Catalogue();
    for (size_t i = 0; i < rules.size(); ++i)
      if (rules[i].id == v.rule) result["ruleIndex"] = i;
    result["level"] = Level(v.severity);
    result["message"] = {{"text", MessageText(r, v)}};
    Json artifact = {{"uri", ArtifactUri(sinks::OuterPath(r))}};
    result["locations"] = Json::array({{{"physicalLocation", {{"artifactLocation", artifact}}}}});
    // Stable across sweeps so dashboards track one finding over time: rule + full path.
    char hash[32];
    std::snprintf(hash, sizeof hash, "%016llx:1",
                  static_cast<unsigned long long>(sinks::Fnv1a64(v.rule + '\n' + r.path)));
    result["partialFingerprints"] = {{"primaryLocationLineHash", hash}};
    Json props;
    props["security-severity"] = SecuritySeverity(v.severity);
    props["severity"] = ToString(v.severity);
    props["policy-clause"] = v.source;
    props["class"] = ToString(r.verdict.data_class);
    props["subjects"] = r.verdict.subjects;
    props["detections"] = r.verdict.detections;
    props["status"] = ToString(r.outcome.status);
    props["location"] = sinks::LocationLabel(r.location);
    props["path"] = r.path;
    if (const std::string_view member = sinks::MemberPath(r); !member.empty()) {
      props["container"] = std::string(sinks::OuterPath(r));
      props["member"] = std::string(member);
    }
    result["properties"] = std::move(props);
    out_ << (first_ ? "\n" : ",\n") << Dump(result);
    first_ = false;
  }

  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<RecordSink> MakeSarifSink(std::ostream& out, const SinkOptions&) {
  return std::make_unique<SarifSink>(out);
}

}  // namespace datasweep
