#include <cstring>
#include <iostream>

#include "classifiers/detector_set.h"
#include "cli/commands.h"

namespace datasweep {

int RunDetectorsCommand(int argc, char** argv) {
  const DetectorSet set(DetectorSet::AllDetectors());
  if (argc > 1 && !std::strcmp(argv[1], "--export-patterns")) {
    // One first-pass regex per line (RE2 syntax, PCRE-compatible), e.g. for rg -f / ugrep -f.
    for (const auto& p : set.ExportPatterns()) std::cout << p << "\n";
    return kExitOk;
  }
  if (argc > 1) {
    std::cerr << "usage: datasweep detectors [--export-patterns]\n";
    return kExitError;
  }
  for (const auto& d : set.Detectors()) {
    const DetectorInfo& i = d->Info();
    std::printf("%-16s %-17s %-7s %s\n", std::string(i.id).c_str(),
                std::string(ToString(i.kind)).c_str(), i.strong ? "strong" : "",
                std::string(i.description).c_str());
  }
  return kExitOk;
}

}  // namespace datasweep
