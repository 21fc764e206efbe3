// engine_compare: measures candidate first-pass regex engines for the datasweep scanner on a
// corpus directory, with the same pattern set, on N threads with per-thread buffers.
//
//   engine_compare --patterns FILE --dir DIR [--threads 2] [--modes m1,m2,...] [--repeat N]
//                  [--chunk 65536] [--radius 128] [--latin1]
//
// Modes (each reports MB/s, files/s and the number of matches it found):
//   re2set_only   RE2::Set::Match per whole file (which patterns hit, no positions)
//   re2chunk      RE2::Set per 64 KiB chunk, then RE2 positions only in chunks that hit
//   re2file       RE2::Set per whole file, then RE2 positions over the whole file
//   hs            Hyperscan block mode, HS_FLAG_SOM_LEFTMOST (start and end of every match)
//   hs_nosom      Hyperscan block mode, end offsets only
//   hs_prefilter  hs_nosom with HS_FLAG_PREFILTER: Hyperscan may widen each pattern (a superset
//                 of its matches) to build a smaller automaton; a first pass would confirm with RE2
//   hs_re2        Hyperscan end offsets, then RE2 positions on a window before each end
//   prefilter     cheap trigger scan (digit runs, capital+digit, '@', "d:"), then RE2::Set and
//                 RE2 positions on merged +-radius windows around the triggers
//
// The trigger rules of `prefilter` are hand-derived from the PII pattern set (every pattern
// needs a 4-digit run, a capital letter before a digit, digit-separator-digit, '@', "word:" or
// "-----"); the program
// prints its match count next to re2chunk's so a miss is visible. It is a benchmark tool, not
// scanner code: nothing here is used by datasweep.
#include <fcntl.h>
#include <sys/resource.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <re2/re2.h>
#include <re2/set.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#ifdef DATASWEEP_HAVE_HS
#include <hs/hs.h>
#endif

namespace {

struct Options {
  std::string patterns;
  std::string dir;
  int threads = 2;
  int repeat = 1;
  size_t chunk = 64 * 1024;
  size_t radius = 128;
  bool latin1 = false;
  std::vector<std::string> modes = {"re2set_only", "re2chunk", "re2file",
                                    "hs",          "hs_nosom", "prefilter"};
};

struct File {
  std::string path;
  size_t size;
};

// Per-thread state: a reused read buffer and engine scratch.
struct ThreadState {
  std::vector<char> buf;
  std::vector<int> hits;
  std::vector<std::pair<size_t, size_t>> windows;
  uint64_t matches = 0;
#ifdef DATASWEEP_HAVE_HS
  hs_scratch_t* scratch = nullptr;
  std::vector<unsigned long long> last_from;
  bool collect = false;  // hs_re2: keep (pattern, end) events
  std::vector<std::pair<unsigned, size_t>> events;
  std::vector<size_t> covered;
#endif
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(sep, b);
    if (e == std::string::npos) e = s.size();
    if (e > b) out.push_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

bool ReadFile(const std::string& path, std::vector<char>& buf, std::string_view& text) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  if (fstat(fd, &st) != 0) {
    close(fd);
    return false;
  }
  if (buf.size() < static_cast<size_t>(st.st_size) + 1) buf.resize(st.st_size + 4096);
  size_t got = 0;
  while (got < static_cast<size_t>(st.st_size)) {
    ssize_t n = read(fd, buf.data() + got, st.st_size - got);
    if (n <= 0) break;
    got += n;
  }
  close(fd);
  text = std::string_view(buf.data(), got);
  return true;
}

// ---- RE2 engines -----------------------------------------------------------------------
class Re2Engines {
 public:
  Re2Engines(const std::vector<std::string>& pats, bool latin1)
      : set_(MakeOptions(latin1), RE2::UNANCHORED) {
    for (const auto& p : pats) {
      std::string err;
      if (set_.Add(p, &err) < 0)
        fprintf(stderr, "RE2::Set rejects %s: %s\n", p.c_str(), err.c_str());
      res_.push_back(std::make_unique<RE2>(p, MakeOptions(latin1)));
    }
    if (!set_.Compile()) fprintf(stderr, "RE2::Set compile failed\n");
  }

  bool SetMatch(std::string_view text, std::vector<int>* hits) const {
    hits->clear();
    return set_.Match(re2::StringPiece(text.data(), text.size()), hits);
  }

  // Counts leftmost non-overlapping matches of pattern i that start in [min_start,
  // start_limit), searching within [from, to) of `text` (so \b sees the bytes around it).
  uint64_t Count(int i, std::string_view text, size_t from, size_t to, size_t start_limit,
                 size_t min_start = 0, size_t* last_end = nullptr) const {
    uint64_t n = 0;
    re2::StringPiece m;
    const re2::StringPiece whole(text.data(), text.size());
    size_t pos = from;
    while (pos < to && res_[i]->Match(whole, pos, to, RE2::UNANCHORED, &m, 1)) {
      size_t s = m.data() - text.data();
      if (s >= start_limit) break;
      n += s >= min_start;
      if (last_end) *last_end = s + m.size();
      pos = s + std::max<size_t>(1, m.size());
    }
    return n;
  }

 private:
  static RE2::Options MakeOptions(bool latin1) {
    RE2::Options o;
    o.set_log_errors(false);
    o.set_max_mem(256 << 20);  // the default 8 MB DFA budget thrashes on a 21-pattern set
    if (latin1) o.set_encoding(RE2::Options::EncodingLatin1);
    return o;
  }
  RE2::Set set_;
  std::vector<std::unique_ptr<RE2>> res_;
};

// ---- the cheap prefilter ------------------------------------------------------------------
inline bool IsDigit(unsigned char c) { return static_cast<unsigned char>(c - '0') < 10; }
inline bool IsUpper(unsigned char c) { return static_cast<unsigned char>(c - 'A') < 26; }
inline bool IsAlpha(unsigned char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

// True when any of the 32 bytes at p is a digit, ':', '=', '@' or '-'.
inline bool AnyInteresting32(const unsigned char* p) {
#ifdef __SSE2__
  const __m128i lo = _mm_set1_epi8(0x2F), hi = _mm_set1_epi8(0x3B);
  const __m128i eq = _mm_set1_epi8(0x3D), at = _mm_set1_epi8(0x40), dash = _mm_set1_epi8(0x2D);
  __m128i acc = _mm_setzero_si128();
  for (int k = 0; k < 32; k += 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
    __m128i range = _mm_and_si128(_mm_cmpgt_epi8(x, lo), _mm_cmplt_epi8(x, hi));
    __m128i punct = _mm_or_si128(_mm_cmpeq_epi8(x, eq),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, at), _mm_cmpeq_epi8(x, dash)));
    acc = _mm_or_si128(acc, _mm_or_si128(range, punct));
  }
  return _mm_movemask_epi8(acc) != 0;
#else
  unsigned any = 0;
  for (int k = 0; k < 32; ++k) {
    unsigned char c = p[k];
    any |= (static_cast<unsigned char>(c - 0x30) <= 0x0A) | (c == 0x3D) | (c == 0x40) | (c == 0x2D);
  }
  return any != 0;
#endif
}

// Appends merged [start, end) windows of +-radius around trigger bytes. The inner loop skips
// 32-byte blocks with no digit, '@', ':', '=' or '-' (the only bytes a trigger can end on) with
// SSE2 compares; letters are looked at only behind a digit or a ':', so ordinary prose costs a
// few instructions per 32 bytes.
void FindWindows(std::string_view text, size_t radius, std::vector<std::pair<size_t, size_t>>* w) {
  w->clear();
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  auto trigger = [&](size_t i) {
    size_t s = i > radius ? i - radius : 0;
    size_t e = std::min(n, i + radius);
    if (!w->empty() && s <= w->back().second) {
      w->back().second = std::max(w->back().second, e);
    } else {
      w->emplace_back(s, e);
    }
  };

  size_t i = 0;
  while (i < n) {
    if (i + 32 <= n && !AnyInteresting32(p + i)) {
      i += 32;
      continue;
    }
    size_t end = std::min(n, i + 32);
    for (; i < end; ++i) {
      unsigned char c = p[i];
      if (IsDigit(c)) {
        unsigned char a = i >= 1 ? p[i - 1] : ' ';
        unsigned char b = i >= 2 ? p[i - 2] : ' ';
        // 4th digit of a run (years, phone/NHS/card groups, account numbers, UPN, ...)
        if (i >= 3 && IsDigit(a) && IsDigit(b) && IsDigit(p[i - 3]) &&
            (i < 4 || !IsDigit(p[i - 4])))
          trigger(i);
        // capital letter then digit: postcodes, NI numbers (also spaced), IBAN, licences
        else if (IsUpper(a) || (a == ' ' && IsUpper(b)))
          trigger(i);
        // digit, separator, digit: sort codes, spaced NI/phone groups, short dates
        else if ((a == '-' || a == ' ' || a == '/' || a == '.') && IsDigit(b))
          trigger(i);
      } else if (c == '@') {
        trigger(i);
      } else if (c == ':' || c == '=') {
        // "password:", "pwd =", "wifi key:" (any word then optional blanks then : or =)
        size_t k = i;
        while (k > 0 && i - k < 3 && (p[k - 1] == ' ' || p[k - 1] == '\t')) --k;
        if (k > 0 && IsAlpha(p[k - 1])) trigger(i);
      } else if (c == '-') {
        if (i >= 4 && p[i - 1] == '-' && p[i - 2] == '-' && p[i - 3] == '-' && p[i - 4] == '-')
          trigger(i);  // -----BEGIN ... PRIVATE KEY-----
      }
    }
  }
}

// ---- Hyperscan ----------------------------------------------------------------------------
#ifdef DATASWEEP_HAVE_HS
class HsEngine {
 public:
  HsEngine(const std::vector<std::string>& pats, bool som, bool prefilter = false)
      : n_(pats.size()) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    for (size_t i = 0; i < pats.size(); ++i) {
      unsigned f = som ? HS_FLAG_SOM_LEFTMOST : prefilter ? HS_FLAG_PREFILTER : 0;
      hs_database_t* probe = nullptr;
      hs_compile_error_t* err = nullptr;
      if (som &&
          hs_compile(pats[i].c_str(), f, HS_MODE_BLOCK, nullptr, &probe, &err) != HS_SUCCESS) {
        fprintf(stderr, "hs: pattern %zu without SOM (%s)\n", i, err->message);
        hs_free_compile_error(err);
        f = 0;
      }
      hs_free_database(probe);
      exprs.push_back(pats[i].c_str());
      flags.push_back(f);
      ids.push_back(i);
    }
    hs_compile_error_t* err = nullptr;
    auto t0 = std::chrono::steady_clock::now();
    if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), exprs.size(), HS_MODE_BLOCK,
                         nullptr, &db_, &err) != HS_SUCCESS) {
      fprintf(stderr, "hs_compile_multi: %s (expression %d)\n", err->message, err->expression);
      hs_free_compile_error(err);
      db_ = nullptr;
      return;
    }
    compile_ms_ =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    hs_alloc_scratch(db_, &proto_);
  }
  ~HsEngine() {
    hs_free_scratch(proto_);
    hs_free_database(db_);
  }
  bool ok() const { return db_ != nullptr; }
  double compile_ms() const { return compile_ms_; }
  void Init(ThreadState& t) const {
    hs_clone_scratch(proto_, &t.scratch);
    t.last_from.assign(n_, ~0ULL);
  }
  void Done(ThreadState& t) const { hs_free_scratch(t.scratch); }

  // Counts distinct (pattern, start) pairs: with SOM a variable-length pattern reports every
  // end offset of one match; without SOM `from` is 0 and every end offset counts.
  void Scan(std::string_view text, ThreadState& t) const {
    std::fill(t.last_from.begin(), t.last_from.end(), ~0ULL);
    hs_scan(db_, text.data(), text.size(), 0, t.scratch, &OnMatch, &t);
  }

 private:
  static int OnMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned,
                     void* ctx) {
    auto* t = static_cast<ThreadState*>(ctx);
    if (t->collect) {
      t->events.emplace_back(id, static_cast<size_t>(to));
      return 0;
    }
    if (from != 0 && t->last_from[id] == from) return 0;
    t->last_from[id] = from;
    ++t->matches;
    return 0;
  }
  size_t n_;
  hs_database_t* db_ = nullptr;
  hs_scratch_t* proto_ = nullptr;
  double compile_ms_ = 0;
};
#endif

// ---- driver -------------------------------------------------------------------------------
struct Result {
  double seconds;
  double cpu_seconds;  // user+sys of the process: less sensitive to other load on a shared box
  uint64_t matches;
};

double CpuSeconds() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

Result RunThreads(const std::vector<File>& files, int threads,
                  const std::function<void(ThreadState&)>& init,
                  const std::function<void(std::string_view, ThreadState&)>& scan,
                  const std::function<void(ThreadState&)>& done) {
  std::atomic<size_t> next{0};
  std::vector<ThreadState> states(threads);
  auto t0 = std::chrono::steady_clock::now();
  double c0 = CpuSeconds();
  std::vector<std::thread> pool;
  for (int k = 0; k < threads; ++k) {
    pool.emplace_back([&, k] {
      ThreadState& t = states[k];
      init(t);
      std::string_view text;
      for (size_t i; (i = next.fetch_add(1)) < files.size();) {
        if (ReadFile(files[i].path, t.buf, text)) scan(text, t);
      }
      done(t);
    });
  }
  for (auto& th : pool) th.join();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  uint64_t m = 0;
  for (auto& t : states) m += t.matches;
  return {s, CpuSeconds() - c0, m};
}

bool ParseArgs(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--patterns")
      o->patterns = val();
    else if (a == "--dir")
      o->dir = val();
    else if (a == "--threads")
      o->threads = std::stoi(val());
    else if (a == "--repeat")
      o->repeat = std::stoi(val());
    else if (a == "--chunk")
      o->chunk = std::stoul(val());
    else if (a == "--radius")
      o->radius = std::stoul(val());
    else if (a == "--modes")
      o->modes = Split(val(), ',');
    else if (a == "--latin1")
      o->latin1 = true;
    else
      return false;
  }
  return !o->patterns.empty() && !o->dir.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!ParseArgs(argc, argv, &opt)) {
    fprintf(stderr,
            "usage: engine_compare --patterns FILE --dir DIR [--threads N] [--modes a,b] "
            "[--repeat N] [--chunk BYTES] [--radius BYTES] [--latin1]\n");
    return 2;
  }
  std::vector<std::string> pats;
  {
    std::ifstream in(opt.patterns);
    for (std::string line; std::getline(in, line);)
      if (!line.empty()) pats.push_back(line);
  }
  std::vector<File> files;
  uint64_t total = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(opt.dir)) {
    if (!e.is_regular_file()) continue;
    files.push_back({e.path().string(), static_cast<size_t>(e.file_size())});
    total += files.back().size;
  }
  std::sort(files.begin(), files.end(),
            [](const File& a, const File& b) { return a.path < b.path; });
  printf("# %zu patterns, %zu files, %.1f MB, %d threads, %s\n", pats.size(), files.size(),
         total / 1e6, opt.threads, opt.latin1 ? "latin1" : "utf8");
  printf("%-12s %8s %9s %10s %12s %9s\n", "mode", "seconds", "MB/s", "files/s", "matches",
         "MB/cpu-s");

  Re2Engines re2(pats, opt.latin1);
  auto nop = [](ThreadState&) {};
  for (const std::string& mode : opt.modes) {
    std::function<void(std::string_view, ThreadState&)> scan;
    std::function<void(ThreadState&)> init = nop, done = nop;
#ifdef DATASWEEP_HAVE_HS
    std::unique_ptr<HsEngine> hs;
#endif
    if (mode == "re2set_only") {
      scan = [&](std::string_view text, ThreadState& t) {
        if (re2.SetMatch(text, &t.hits)) t.matches += t.hits.size();
      };
    } else if (mode == "re2file") {
      scan = [&](std::string_view text, ThreadState& t) {
        if (!re2.SetMatch(text, &t.hits)) return;
        for (int h : t.hits) t.matches += re2.Count(h, text, 0, text.size(), text.size());
      };
    } else if (mode == "re2chunk") {
      const size_t overlap = 256;  // longer than any match of the set
      scan = [&, overlap](std::string_view text, ThreadState& t) {
        for (size_t off = 0; off < text.size(); off += opt.chunk) {
          // Chunks overlap by more than the longest match, and a match is counted by the
          // chunk it starts in, so none is lost or counted twice at a boundary.
          size_t begin = off > overlap ? off - overlap : 0;
          size_t end = std::min(text.size(), off + opt.chunk + overlap);
          size_t limit = std::min(text.size(), off + opt.chunk);
          if (!re2.SetMatch(text.substr(begin, end - begin), &t.hits)) continue;
          for (int h : t.hits) t.matches += re2.Count(h, text, begin, end, limit, off);
        }
      };
    } else if (mode == "prefilter") {
      scan = [&](std::string_view text, ThreadState& t) {
        FindWindows(text, opt.radius, &t.windows);
        for (auto [s, e] : t.windows) {
          if (!re2.SetMatch(text.substr(s, e - s), &t.hits)) continue;
          for (int h : t.hits) t.matches += re2.Count(h, text, s, e, e);
        }
      };
    } else if (mode == "windows") {  // prefilter cost alone, and how much text it keeps
      scan = [&](std::string_view text, ThreadState& t) {
        FindWindows(text, opt.radius, &t.windows);
        for (auto [s, e] : t.windows) t.matches += e - s;
      };
#ifdef DATASWEEP_HAVE_HS
    } else if (mode == "hs_re2") {
      // Hyperscan end offsets only (no SOM), then the exact RE2 of the pattern on a small
      // window ending near each reported end: positions without SOM's cost.
      hs = std::make_unique<HsEngine>(pats, false);
      if (!hs->ok()) continue;
      HsEngine* e = hs.get();
      size_t npat = pats.size();
      init = [e, npat](ThreadState& t) {
        e->Init(t);
        t.collect = true;
        t.covered.assign(npat, 0);
      };
      done = [e](ThreadState& t) { e->Done(t); };
      scan = [e, &re2](std::string_view text, ThreadState& t) {
        t.events.clear();
        e->Scan(text, t);
        std::fill(t.covered.begin(), t.covered.end(), 0);
        for (auto [id, end] : t.events) {
          if (end <= t.covered[id]) continue;  // inside a match already counted
          size_t from = std::max(t.covered[id], end > 256 ? end - 256 : 0);
          size_t to = std::min(text.size(), end + 64);
          size_t last = end;
          t.matches += re2.Count(id, text, from, to, end, 0, &last);
          t.covered[id] = std::max(end, last);
        }
      };
    } else if (mode == "hs" || mode == "hs_nosom" || mode == "hs_prefilter") {
      hs = std::make_unique<HsEngine>(pats, mode == "hs", mode == "hs_prefilter");
      if (!hs->ok()) continue;
      fprintf(stderr, "# %s compiled in %.0f ms\n", mode.c_str(), hs->compile_ms());
      HsEngine* e = hs.get();
      init = [e](ThreadState& t) { e->Init(t); };
      done = [e](ThreadState& t) { e->Done(t); };
      scan = [e](std::string_view text, ThreadState& t) { e->Scan(text, t); };
#endif
    } else {
      fprintf(stderr, "unknown or unavailable mode %s\n", mode.c_str());
      continue;
    }
    Result best{1e30, 0, 0};
    for (int r = 0; r < opt.repeat; ++r) {
      Result res = RunThreads(files, opt.threads, init, scan, done);
      if (res.seconds < best.seconds) best = res;
    }
    printf("%-12s %8.3f %9.1f %10.0f %12llu %9.1f\n", mode.c_str(), best.seconds,
           total / 1e6 / best.seconds, files.size() / best.seconds,
           static_cast<unsigned long long>(best.matches), total / 1e6 / best.cpu_seconds);
    fflush(stdout);
  }
  return 0;
}
