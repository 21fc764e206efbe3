// detection_dump: every detection DetectorSet::Scan reports on each file under the given
// paths, one line each (path, offset, length, detector, confidence, and FNV-1a hashes of the
// value and the note, so no personal data is written). Two builds that print the same lines
// detect the same things; used to check that a speed change leaves detections unchanged:
//   detection_dump DIR... | sha256sum
// Each file's bytes are scanned as one text (final), in sorted path order.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "classifiers/detector_set.h"

namespace {

uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& e : fs::recursive_directory_iterator(argv[i]))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  const datasweep::DetectorSet set(datasweep::DetectorSet::AllDetectors());
  std::string text;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    set.Scan(text, 0, true, "", [&](const datasweep::Detection& d) {
      std::cout << f.string() << '\t' << d.offset << '\t' << d.length << '\t'
                << d.detector->Info().id << '\t' << static_cast<int>(d.validated.confidence) << '\t'
                << std::hex << Fnv1a(d.validated.value) << '\t' << Fnv1a(d.validated.note)
                << std::dec << '\t' << d.validated.identifying << '\n';
    });
  }
  return 0;
}
