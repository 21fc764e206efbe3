// hs_windows: the first pass as DetectorSet runs it — which patterns match in each 4 KiB slice
// window ([j*4096 - 1, (j+1)*4096 + 256)) — with RE2::Set and with one Hyperscan block-mode
// database (HS_FLAG_SINGLEMATCH per pattern, HS_FLAG_PREFILTER where Hyperscan rejects one).
// Prints MB/s for each and the number of (pattern, window) flags, which must agree.
//
//   cmake --build build --target hs_windows        # configured with -DDATASWEEP_BENCH=ON
//   build/datasweep detectors --export-patterns > build/patterns.txt
//   find DIR -type f | sort | head -300 | xargs cat > build/sample.txt
//   build/bench/hs_windows build/patterns.txt build/sample.txt
//
// A benchmark tool, not scanner code (docs/performance.md, "Text path, session 5").
#include <hs/hs.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr size_t kSlice = 4096, kOverlap = 256;

template <typename Fn>
double Seconds(const Fn& fn) {
  const auto t0 = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

template <typename Fn>
void ForEachWindow(const std::string& text, const Fn& fn) {
  for (size_t j = 0; j * kSlice < text.size(); ++j) {
    const size_t lo = j == 0 ? 0 : j * kSlice - 1;
    const size_t hi = std::min(text.size(), (j + 1) * kSlice + kOverlap);
    fn(text.data() + lo, hi - lo);
  }
}

int OnMatch(unsigned, unsigned long long, unsigned long long, unsigned, void* flags) {
  ++*static_cast<long*>(flags);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: hs_windows PATTERNS SAMPLE\n");
    return 2;
  }
  std::vector<std::string> patterns;
  std::ifstream pf(argv[1]);
  for (std::string line; std::getline(pf, line);)
    if (!line.empty()) patterns.push_back(line);
  std::stringstream ss;
  ss << std::ifstream(argv[2], std::ios::binary).rdbuf();
  const std::string text = ss.str();
  const double mb = text.size() / 1e6;

  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_max_mem(64 << 20);
  RE2::Set set(o, RE2::UNANCHORED);
  for (const auto& p : patterns) set.Add(p, nullptr);
  set.Compile();
  long re2_flags = 0;
  std::vector<int> hits;
  const double re2_s = Seconds([&] {
    ForEachWindow(text, [&](const char* p, size_t n) {
      if (set.Match(re2::StringPiece(p, n), &hits)) re2_flags += hits.size();
    });
  });

  std::vector<const char*> exprs;
  std::vector<unsigned> flags, ids;
  int prefiltered = 0;
  for (size_t i = 0; i < patterns.size(); ++i) {
    unsigned f = HS_FLAG_SINGLEMATCH;
    hs_database_t* probe = nullptr;
    hs_compile_error_t* err = nullptr;
    if (hs_compile(patterns[i].c_str(), f, HS_MODE_BLOCK, nullptr, &probe, &err) != HS_SUCCESS) {
      hs_free_compile_error(err);
      f |= HS_FLAG_PREFILTER;
      ++prefiltered;
    }
    hs_free_database(probe);
    exprs.push_back(patterns[i].c_str());
    flags.push_back(f);
    ids.push_back(static_cast<unsigned>(i));
  }
  hs_database_t* db = nullptr;
  hs_compile_error_t* err = nullptr;
  const double compile_s = Seconds([&] {
    if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), exprs.size(), HS_MODE_BLOCK,
                         nullptr, &db, &err) != HS_SUCCESS) {
      std::fprintf(stderr, "hs_compile_multi: %s\n", err->message);
      std::exit(1);
    }
  });
  hs_scratch_t* scratch = nullptr;
  hs_alloc_scratch(db, &scratch);
  long hs_flags = 0;
  const double hs_s = Seconds([&] {
    ForEachWindow(text, [&](const char* p, size_t n) {
      hs_scan(db, p, static_cast<unsigned>(n), 0, scratch, &OnMatch, &hs_flags);
    });
  });
  std::printf("%zu patterns (%d prefiltered by Hyperscan), %.1f MB sample\n", patterns.size(),
              prefiltered, mb);
  std::printf("RE2::Set per window:   %7.1f MB/s  %ld flags\n", mb / re2_s, re2_flags);
  std::printf("Hyperscan per window:  %7.1f MB/s  %ld flags (compile %.2f s)\n", mb / hs_s,
              hs_flags, compile_s);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return 0;
}
