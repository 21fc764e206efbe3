// Finding: one validated detection inside a file. Holds the raw value in memory so people can
// be counted; only Mask() of it ever leaves the process.
#pragma once
#include <cstdint>
#include <string>

#include "classifiers/detector.h"

namespace datasweep {

struct Finding {
  const DetectorInfo* detector = nullptr;
  std::string value;  // normalised raw value: never written to any output
  std::string where;  // "Sheet1!B2", "page 3", "line 14"
  Confidence confidence = Confidence::kMedium;
  std::string explanation;   // "mod 11 valid; context 'nhs no'"
  int64_t row = -1;          // table row key (unique within the file), -1 for prose
  bool identifying = false;  // the value alone identifies one person (see Validated)
  int64_t offset = -1;       // position in the file's prose stream (for tying details to names)
};

}  // namespace datasweep
