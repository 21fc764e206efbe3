// libFuzzer target for the detector pass: the DetectorSet first pass + validation + context
// scoring, driven the way the pipeline drives it (ContentAnalyzer as the TextSink), over prose
// split into fuzzer-chosen chunks and over table cells under a fuzzer-chosen header.
// Input layout: byte 0 picks the chunk size (1..256 bytes, so matches straddle chunk ends);
// byte 1 bit 0 selects table mode, where the first line is the header row and the rest are
// tab-separated cells, one row per line. Checks beyond the sanitizers:
//  - every Detection DetectorSet::Scan reports lies inside the text it was given;
//  - every sample in the verdict is masked: it contains '*', is "[redacted]" (credentials), or
//    holds no run of two letters or digits (a one-letter code such as SEN support "K" has
//    nothing left to mask): raw values never leave.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "classifiers/classifier.h"
#include "classifiers/content_analyzer.h"
#include "classifiers/detector_set.h"

namespace {

[[noreturn]] void Violation(const char* what) {
  std::fprintf(stderr, "datasweep fuzz: contract violation: %s\n", what);
  std::abort();
}

bool IsMasked(std::string_view s) {
  if (s == "[redacted]" || s.find('*') != std::string_view::npos) return true;
  size_t run = 0;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    run = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || u >= 0x80
              ? run + 1
              : 0;
    if (run >= 2) return false;
  }
  return true;
}

const datasweep::DetectorSet& Detectors() {
  static const datasweep::DetectorSet set(datasweep::DetectorSet::AllDetectors());
  return set;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (start <= s.size()) {
    const size_t end = s.find(sep, start);
    if (end == std::string_view::npos) {
      out.push_back(s.substr(start));
      break;
    }
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

void FeedProse(datasweep::ContentAnalyzer& analyzer, std::string_view text, size_t chunk) {
  for (size_t pos = 0; pos < text.size(); pos += chunk) {
    if (!analyzer.OnText(text.substr(pos, chunk), "body")) return;
  }
}

void FeedTable(datasweep::ContentAnalyzer& analyzer, std::string_view text) {
  const auto lines = Split(text, '\n');
  for (uint32_t row = 0; row < lines.size() && row < 2000; ++row) {
    const auto cells = Split(lines[row], '\t');
    for (uint32_t col = 0; col < cells.size() && col < 64; ++col) {
      if (!analyzer.OnCell({"Sheet1", row, col}, cells[col])) return;
    }
  }
}

void CheckScanBounds(std::string_view text) {
  Detectors().Scan(text, 0, true, "", [&](const datasweep::Detection& d) {
    if (d.detector == nullptr || d.offset > text.size() || d.length > text.size() - d.offset) {
      Violation("detection outside the scanned text");
    }
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t chunk = 1 + data[0];
  const bool table = (data[1] & 1) != 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
  CheckScanBounds(text);
  datasweep::ContentAnalyzer analyzer(Detectors(), datasweep::ClassifierSettings{}, 1u << 20);
  if (table) {
    FeedTable(analyzer, text);
  } else {
    FeedProse(analyzer, text, chunk);
  }
  const datasweep::Verdict verdict = analyzer.Finish();
  for (const auto& sample : verdict.samples) {
    if (!IsMasked(sample.masked)) {
      Violation("unmasked sample in the verdict");
    }
  }
  return 0;
}
