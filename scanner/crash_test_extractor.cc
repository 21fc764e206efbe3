#include "scanner/crash_test_extractor.h"

#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <vector>

#include "scanner/isolation_worker.h"
#include "scanner/sanitizer_build.h"

namespace datasweep {
namespace {

class CrashTestExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "CrashTestExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {kCrashTestMediaType}; }

  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    std::string content;
    if (!in.ReadPrefix(content, 1 << 20)) return {ScanStatus::kError, "read failed"};
    const size_t eol = std::min(content.find('\n'), content.size());
    const std::string_view first(content.data(), eol);
    const std::string_view word = first.substr(std::min(first.size(), kCrashTestMagic.size() + 1));
    const std::string rest = eol < content.size() ? content.substr(eol + 1) : std::string();
    if (word == "segv") Segfault();
    if (word == "abort") std::abort();
    if (word == "hang") Hang();
    if (word == "oom") return Exhaust();
    if (word == "midwrite") DieMidWrite();
    if (word == "flaky" && !CreateMarker()) Segfault();
    out.OnText(rest, "body");
    if (word == "ok" && !rest.empty())
      ctx.ScanEmbedded({"inner.txt", rest, rest.size(), rest.size(), std::nullopt, false});
    return Outcome::Complete();
  }

 private:
  // Sanitizer builds (ASan + UBSan) diagnose a null store themselves and exit with status 1
  // (UBSan halt_on_error) or abort (ASan's SEGV handler), so the worker would never die of
  // SIGSEGV. There SIGSEGV is raised with the default action instead: the supervisor still sees
  // a worker killed by signal 11, which is what this fixture stands for.
  [[noreturn]] static void Segfault() {
    if (kSanitizerBuild) {
      std::signal(SIGSEGV, SIG_DFL);
      std::raise(SIGSEGV);
    }
    volatile int* volatile p = nullptr;  // volatile: the compiler cannot prove it is null
    *p = 1;
    std::abort();
  }
  [[noreturn]] static void Hang() {
    volatile uint64_t spins = 0;
    for (;;) spins = spins + 1;
  }
  // Reserves address space until allocation fails (RLIMIT_AS turns that into an exit in a
  // worker). Untouched pages cost no RAM, so even without a limit this cannot hurt the machine;
  // the 64 GiB stop makes the test fail instead of running forever if no limit applies.
  static Outcome Exhaust() {
    std::vector<std::unique_ptr<char[]>> hoard;
    for (uint64_t total = 0; total < (64ull << 30); total += 64ull << 20)
      hoard.emplace_back(new char[64ull << 20]);
    return {ScanStatus::kError, "allocated 64 GiB without hitting a memory limit"};
  }
  [[noreturn]] static void DieMidWrite() {
    const char partial[] = {'\x00', '\x10', '\x00',
                            '\x00', '\xa1', '\x61'};  // claims 4 KiB, sends 2 B
    if (::write(kWorkerSocketFd, partial, sizeof partial) < 0) std::abort();
    ::_exit(0);
  }
  static bool CreateMarker() {
    const char* marker = std::getenv("DATASWEEP_TEST_FLAKY_MARKER");
    if (!marker) return true;
    const int fd = ::open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return true;  // exists: the earlier attempt crashed already
    ::close(fd);
    return false;
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeCrashTestExtractor() {
  return std::make_unique<CrashTestExtractor>();
}

}  // namespace datasweep
