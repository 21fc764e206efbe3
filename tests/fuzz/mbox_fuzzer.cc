// libFuzzer target: MboxExtractor over arbitrary bytes (see tests/fuzz/fuzz_support.h for the
// checks).
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return datasweep::fuzz::FuzzExtractor("MboxExtractor", data, size);
}
