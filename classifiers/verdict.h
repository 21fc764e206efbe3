// Verdict: the class of a file (SPEC §1) with the reasons a DPO reads.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace datasweep {

enum class DataClass { kUnrestricted = 0, kProtected = 1, kRestricted = 2 };
std::string_view ToString(DataClass c);
std::optional<DataClass> DataClassFromString(std::string_view s);

struct Verdict {
  DataClass data_class = DataClass::kUnrestricted;
  int subjects = 0;                        // distinct data subjects found
  std::vector<std::string> reasons;        // "31 distinct people with PROTECTED data (threshold 10)"
  std::map<std::string, int> detections;   // detector id → count of validated findings
  bool has_credential = false;             // for the written-password rule
};

}  // namespace datasweep
