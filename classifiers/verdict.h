// Verdict: the class of a file (SPEC §1) with the reasons a DPO reads.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classifiers/detector.h"

namespace datasweep {

// A masked example of a detection for the report: never the raw value.
struct Sample {
  std::string detector;
  std::string masked;  // "AB****56C", "j***@gmail.com"
  std::string where;   // "Sheet1!B2", "page 3", "line 14"
  Confidence confidence = Confidence::kMedium;
};

enum class DataClass { kUnrestricted = 0, kProtected = 1, kRestricted = 2 };
std::string_view ToString(DataClass c);
std::optional<DataClass> DataClassFromString(std::string_view s);

struct Verdict {
  DataClass data_class = DataClass::kUnrestricted;
  int subjects = 0;                       // distinct data subjects found
  std::vector<std::string> reasons;       // "31 distinct people with PROTECTED data (threshold 10)"
  std::map<std::string, int> detections;  // detector id → count of validated findings
  bool has_credential = false;            // for the written-password rule
  std::vector<Sample> samples;            // a few masked examples per detector
};

}  // namespace datasweep
