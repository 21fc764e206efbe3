// A test-only extractor that misbehaves on purpose, to prove that process isolation costs only
// the file that triggers it. It exists in a sweep only when DATASWEEP_TEST_CRASH_EXTRACTOR=1
// (scanner/isolation.h: SweepExtractors), and only files that start with kCrashTestMagic get
// its media type. The word after the magic picks the behaviour:
//   segv      dereferences a null pointer          abort     calls std::abort()
//   hang      loops forever, ignoring Expired()    oom       allocates without bound
//   midwrite  writes half a reply frame and exits (a worker dying mid-write)
//   flaky     crashes unless the file named by DATASWEEP_TEST_FLAKY_MARKER exists, which it
//             creates first (so the retry in a fresh worker succeeds)
//   ok        behaves: the rest of the file is text, and is also scanned as member
//             "inner.txt" (so a nested crash-test file can crash inside a member)
#pragma once
#include <memory>
#include <string_view>

#include "extractors/extractor.h"

namespace datasweep {

inline constexpr std::string_view kCrashTestMagic = "DATASWEEP-CRASH-TEST";
inline constexpr std::string_view kCrashTestMediaType = "application/x-datasweep-crash-test";

std::unique_ptr<Extractor> MakeCrashTestExtractor();

}  // namespace datasweep
