// Shared libFuzzer harness for datasweep's extractors (issue 8): runs one named extractor over
// the fuzz input held in memory, with a real ExtractContext that recurses into members through
// the registry under small limits, and checks the extractor contract while it runs. Test-only;
// built only with -DDATASWEEP_FUZZ=ON and clang. Not thread-safe (libFuzzer runs one input at a
// time per process).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace datasweep::fuzz {

// Runs the extractor whose Name() is `extractor_name` (e.g. "ZipExtractor") over `data`.
// Aborts at the first input if no such extractor is registered (a build mistake, not a finding).
// Contract violations abort with a message, so libFuzzer keeps the input as a crash:
//  - an embedded member larger than Limits().max_member_bytes;
//  - a non-complete Outcome without a reason;
//  - with DATASWEEP_FUZZ_STRICT=1 in the environment, text or cells that are not valid UTF-8.
// Limits are small (depth 4, 256 members, 8 MiB per member, 32 MiB in total, 5 s) so that a
// bomb shows up as a libFuzzer timeout or out-of-memory report, not as slow fuzzing.
int FuzzExtractor(std::string_view extractor_name, const uint8_t* data, size_t size);

}  // namespace datasweep::fuzz
