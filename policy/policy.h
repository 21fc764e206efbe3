// Policy: everything a sweep is configured by — thresholds, detectors, limits, exclusions,
// locations and rules — loaded from YAML (policy/default_policy.yaml is compiled in and printed
// by `datasweep policy show`). A loaded Policy is immutable and shared by all scan threads.
// Policy files found inside a scanned tree are never read.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "classifiers/classifier.h"
#include "extractors/scan_limits.h"
#include "policy/custom_detector.h"
#include "policy/location.h"
#include "policy/rules.h"

namespace datasweep {

struct PolicyError {
  int line = 0;  // 1-based; 0 when not tied to a line
  std::string message;
};

struct Policy {
  ClassifierSettings classification;  // with per-detector minimum confidences
  std::set<std::string> disabled_detectors;
  std::vector<CustomDetectorSpec> custom_detectors;
  ScanLimits limits;
  std::vector<std::string> exclude;  // fnmatch globs against the real path
  std::vector<Location> locations;
  std::vector<RuleSetting> rules;

  // The compiled-in default policy text and its parsed form.
  static std::string_view DefaultText();
  static Policy Default();
  // Parses YAML policy text. Returns false and fills `errors` (with line numbers) on any
  // error: unknown keys, wrong types, unknown detector or rule ids, bad values.
  static bool Parse(std::string_view yaml, Policy* out, std::vector<PolicyError>* errors);
  // A short stable fingerprint of the settings that change verdicts (for the state database).
  std::string Fingerprint() const;
  // The built-in detectors plus the policy's custom ones (for DetectorSet).
  std::vector<std::unique_ptr<Detector>> MakeDetectors() const;
};

}  // namespace datasweep
