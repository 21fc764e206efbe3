#include "policy/policy.h"

#include <yaml-cpp/yaml.h>

#include <functional>
#include <sstream>

#include "classifiers/detector_set.h"
#include "classifiers/embedded_resource.h"
#include "classifiers/table_headers.h"

DATASWEEP_RESOURCE(default_policy)

namespace datasweep {
namespace {

class Loader {
 public:
  explicit Loader(std::vector<PolicyError>* errors) : errors_(errors) {}

  void Error(const YAML::Node& n, const std::string& msg) {
    errors_->push_back({n.Mark().line >= 0 ? n.Mark().line + 1 : 0, msg});
  }

  void CheckKeys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                 const std::string& where) {
    if (!map.IsMap()) {
      Error(map, where + " must be a mapping");
      return;
    }
    for (const auto& kv : map) {
      const std::string key = kv.first.as<std::string>();
      bool ok = false;
      for (auto a : allowed) ok |= key == a;
      if (!ok) Error(kv.first, "unknown key '" + key + "' in " + where);
    }
  }

  template <typename T>
  bool Get(const YAML::Node& n, T* out, const std::string& what) {
    try {
      *out = n.as<T>();
      return true;
    } catch (const YAML::Exception&) {
      Error(n, what + " has the wrong type");
      return false;
    }
  }

  void Classification(const YAML::Node& n, ClassifierSettings* c) {
    CheckKeys(n, {"restricted_min_people", "complete_record_min_kinds", "min_confidence"},
              "classification");
    if (n["restricted_min_people"])
      Get(n["restricted_min_people"], &c->restricted_min_people, "restricted_min_people");
    if (n["complete_record_min_kinds"])
      Get(n["complete_record_min_kinds"], &c->complete_record_min_kinds,
          "complete_record_min_kinds");
    if (c->restricted_min_people < 1) Error(n, "restricted_min_people must be at least 1");
    if (c->complete_record_min_kinds < 1) Error(n, "complete_record_min_kinds must be at least 1");
    if (n["min_confidence"]) {
      std::string s;
      if (Get(n["min_confidence"], &s, "min_confidence")) {
        if (auto conf = ConfidenceFromString(s))
          c->min_confidence = *conf;
        else
          Error(n["min_confidence"], "min_confidence must be low, medium or high");
      }
    }
  }

  // `detectors:` — every built-in or custom detector id, with `enabled` and `min_confidence`.
  void Detectors(const YAML::Node& n, const std::vector<CustomDetectorSpec>& custom,
                 std::set<std::string>* disabled, ClassifierSettings* c) {
    if (!n.IsMap()) return Error(n, "detectors must be a mapping of detector id to settings");
    std::set<std::string> known;
    for (const auto& d : DetectorSet::AllDetectors()) known.insert(std::string(d->Info().id));
    for (const auto& d : custom) known.insert(d.id);
    for (const auto& kv : n) {
      const std::string id = kv.first.as<std::string>();
      if (!known.count(id)) {
        Error(kv.first, "unknown detector '" + id + "' (see `datasweep detectors`)");
        continue;
      }
      CheckKeys(kv.second, {"enabled", "min_confidence"}, "detector " + id);
      bool enabled = true;
      if (kv.second["enabled"] && Get(kv.second["enabled"], &enabled, id + ".enabled") && !enabled)
        disabled->insert(id);
      if (kv.second["min_confidence"]) {
        std::string s;
        if (Get(kv.second["min_confidence"], &s, id + ".min_confidence")) {
          if (auto conf = ConfidenceFromString(s))
            c->detector_min_confidence[id] = *conf;
          else
            Error(kv.second["min_confidence"], "min_confidence must be low, medium or high");
        }
      }
    }
  }

  // `custom_detectors:` — a list of {id, description, kind, strong, patterns, terms, context,
  // needs_context, confidence}.
  void CustomDetectors(const YAML::Node& n, std::vector<CustomDetectorSpec>* out) {
    if (!n.IsSequence()) return Error(n, "custom_detectors must be a list");
    std::set<std::string> builtin;
    for (const auto& d : DetectorSet::AllDetectors()) builtin.insert(std::string(d->Info().id));
    for (const auto& item : n) {
      CheckKeys(item,
                {"id", "description", "kind", "strong", "patterns", "terms", "context",
                 "needs_context", "confidence"},
                "a custom detector");
      if (!item.IsMap()) continue;
      CustomDetectorSpec d;
      if (!item["id"] || !Get(item["id"], &d.id, "id")) {
        Error(item, "a custom detector needs an id");
        continue;
      }
      bool id_ok = !d.id.empty();
      for (char ch : d.id)
        id_ok &= (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
      if (!id_ok) {
        Error(item["id"], "custom detector id '" + d.id + "' must be lower_snake_case");
        continue;
      }
      if (builtin.count(d.id)) {
        Error(item["id"], "'" + d.id + "' is a built-in detector");
        continue;
      }
      for (const auto& other : *out)
        if (other.id == d.id) Error(item["id"], "custom detector '" + d.id + "' is defined twice");
      d.description = "custom: " + d.id;
      if (item["description"]) Get(item["description"], &d.description, "description");
      if (item["kind"]) {
        std::string kind;
        if (Get(item["kind"], &kind, "kind")) {
          if (auto k = DetailKindFromPolicyName(kind))
            d.kind = *k;
          else
            Error(item["kind"], "unknown kind '" + kind +
                                    "' (name, address, phone, email, date_of_birth, "
                                    "identifier, special, financial, credential or assessment)");
        }
      }
      if (item["strong"]) Get(item["strong"], &d.strong, "strong");
      if (item["patterns"]) Get(item["patterns"], &d.patterns, "patterns");
      if (item["terms"]) Get(item["terms"], &d.terms, "terms");
      if (item["context"]) Get(item["context"], &d.context, "context");
      if (item["needs_context"]) Get(item["needs_context"], &d.needs_context, "needs_context");
      if (item["confidence"]) {
        std::string s;
        if (Get(item["confidence"], &s, "confidence")) {
          if (auto conf = ConfidenceFromString(s))
            d.confidence = *conf;
          else
            Error(item["confidence"], "confidence must be low, medium or high");
        }
      }
      const std::string problem = CheckCustomDetector(d);
      if (!problem.empty()) {
        Error(item, problem);
        continue;
      }
      out->push_back(std::move(d));
    }
  }

  void Limits(const YAML::Node& n, ScanLimits* l) {
    CheckKeys(n,
              {"max_file_bytes", "max_member_bytes", "max_total_inflated", "max_ratio", "max_depth",
               "max_members", "max_seconds", "max_text_bytes", "max_worker_memory"},
              "limits");
    auto u64 = [&](const char* k, uint64_t* v) {
      if (n[k]) Get(n[k], v, k);
    };
    auto u32 = [&](const char* k, uint32_t* v) {
      if (n[k]) Get(n[k], v, k);
    };
    u64("max_file_bytes", &l->max_file_bytes);
    u64("max_member_bytes", &l->max_member_bytes);
    u64("max_total_inflated", &l->max_total_inflated);
    u32("max_ratio", &l->max_ratio);
    u32("max_depth", &l->max_depth);
    u32("max_members", &l->max_members);
    u32("max_seconds", &l->max_seconds);
    u64("max_text_bytes", &l->max_text_bytes);
    u64("max_worker_memory", &l->max_worker_memory);
  }

  void Locations(const YAML::Node& n, std::vector<Location>* out) {
    if (!n.IsSequence()) return Error(n, "locations must be a list");
    for (const auto& item : n) {
      CheckKeys(item, {"path", "kind", "encrypted", "secure", "pupil_accessible", "drive"},
                "a location");
      Location l;
      l.origin = "policy";
      std::string kind;
      if (!item["path"] || !Get(item["path"], &l.prefix, "path")) {
        Error(item, "a location needs a path");
        continue;
      }
      if (!item["kind"] || !Get(item["kind"], &kind, "kind")) {
        Error(item, "a location needs a kind");
        continue;
      }
      if (auto k = LocationKindFromString(kind))
        l.kind = *k;
      else {
        Error(item["kind"], "unknown location kind '" + kind + "'");
        continue;
      }
      if (item["encrypted"]) Get(item["encrypted"], &l.encrypted, "encrypted");
      if (item["secure"]) Get(item["secure"], &l.secure, "secure");
      if (item["pupil_accessible"])
        Get(item["pupil_accessible"], &l.pupil_accessible, "pupil_accessible");
      if (item["drive"]) Get(item["drive"], &l.drive, "drive");
      out->push_back(l);
    }
  }

  void Rules(const YAML::Node& n, std::vector<RuleSetting>* out) {
    if (!n.IsMap()) return Error(n, "rules must be a mapping of rule id to settings");
    for (const auto& kv : n) {
      RuleSetting r;
      r.id = kv.first.as<std::string>();
      bool known = false;
      for (const auto& info : LocationRules::Catalogue()) known |= info.id == r.id;
      if (!known) {
        Error(kv.first, "unknown rule '" + r.id + "'");
        continue;
      }
      CheckKeys(kv.second, {"enabled", "severity"}, "rule " + r.id);
      if (kv.second["enabled"]) Get(kv.second["enabled"], &r.enabled, r.id + ".enabled");
      if (kv.second["severity"]) {
        std::string s;
        if (Get(kv.second["severity"], &s, r.id + ".severity")) {
          if (auto sev = SeverityFromString(s))
            r.severity = *sev;
          else
            Error(kv.second["severity"], "severity must be low, medium, high or critical");
        }
      }
      out->push_back(r);
    }
  }

 private:
  std::vector<PolicyError>* errors_;
};

}  // namespace

std::string_view Policy::DefaultText() { return Resource_default_policy(); }

Policy Policy::Default() {
  Policy p;
  std::vector<PolicyError> errors;
  Parse(DefaultText(), &p, &errors);  // the default is tested to parse cleanly
  return p;
}

bool Policy::Parse(std::string_view yaml, Policy* out, std::vector<PolicyError>* errors) {
  Policy p;
  Loader l(errors);
  const size_t before = errors->size();
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::ParserException& e) {
    errors->push_back({e.mark.line + 1, e.msg});
    return false;
  }
  if (!root.IsMap()) {
    errors->push_back({1, "a policy file is a YAML mapping (see `datasweep policy show`)"});
    return false;
  }
  l.CheckKeys(root,
              {"version", "classification", "detectors", "custom_detectors", "limits", "exclude",
               "locations", "rules"},
              "the policy");
  if (root["version"] && root["version"].as<std::string>("") != "1")
    l.Error(root["version"], "unsupported policy version (expected 1)");
  if (root["classification"]) l.Classification(root["classification"], &p.classification);
  if (root["custom_detectors"]) l.CustomDetectors(root["custom_detectors"], &p.custom_detectors);
  if (root["detectors"])
    l.Detectors(root["detectors"], p.custom_detectors, &p.disabled_detectors, &p.classification);
  if (root["limits"]) l.Limits(root["limits"], &p.limits);
  if (root["exclude"]) l.Get(root["exclude"], &p.exclude, "exclude");
  if (root["locations"]) l.Locations(root["locations"], &p.locations);
  if (root["rules"]) l.Rules(root["rules"], &p.rules);
  if (errors->size() != before) return false;
  *out = std::move(p);
  return true;
}

std::string Policy::Fingerprint() const {
  std::ostringstream s;
  s << "v1|" << classification.restricted_min_people << '|'
    << classification.complete_record_min_kinds << '|'
    << static_cast<int>(classification.min_confidence) << '|';
  for (const auto& d : disabled_detectors) s << d << ',';
  for (const auto& [id, c] : classification.detector_min_confidence)
    s << id << '>' << static_cast<int>(c) << ',';
  for (const auto& d : custom_detectors) {
    s << "|custom:" << d.id << ',' << static_cast<int>(d.kind) << ',' << d.strong << ','
      << d.needs_context << ',' << static_cast<int>(d.confidence);
    for (const auto& x : CustomPatterns(d)) s << ',' << x;
    for (const auto& x : d.context) s << ';' << x;
  }
  s << '|' << limits.max_file_bytes << ',' << limits.max_member_bytes << ','
    << limits.max_total_inflated << ',' << limits.max_ratio << ',' << limits.max_depth << ','
    << limits.max_members << ',' << limits.max_text_bytes;
  for (const auto& r : rules)
    s << '|' << r.id << (r.enabled ? '+' : '-')
      << (r.severity ? static_cast<int>(*r.severity) : -1);
  const std::string text = s.str();
  return std::to_string(std::hash<std::string>{}(text));
}

std::vector<std::unique_ptr<Detector>> Policy::MakeDetectors() const {
  auto all = DetectorSet::AllDetectors();
  for (const auto& spec : custom_detectors) all.push_back(MakeCustomDetector(spec));
  return all;
}

}  // namespace datasweep
