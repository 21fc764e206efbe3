// The progress line: its format, the counting walk that gives the ETA, silence when not live,
// and a status line on SIGUSR1.
#include "cli/progress.h"

#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace datasweep;
namespace fs = std::filesystem;

namespace {

struct TempTree {
  TempTree() {
    char tmpl[] = "/tmp/ds_progress_XXXXXX";
    root = mkdtemp(tmpl);
    for (int d = 0; d < 3; ++d) {
      fs::create_directories(root / ("d" + std::to_string(d)));
      for (int f = 0; f < 4; ++f)
        std::ofstream(root / ("d" + std::to_string(d)) / ("f" + std::to_string(f) + ".txt"))
            << std::string(1000, 'x');
    }
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  fs::path root;
};

// Waits (up to 5 s) until `pred` holds.
template <typename Pred>
bool WaitFor(Pred pred) {
  for (int i = 0; i < 500 && !pred(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return pred();
}

}  // namespace

TEST_CASE("the status line shows files, bytes, rate, percent, ETA and folder", "[progress]") {
  ProgressSnapshot s;
  s.files = 12345;
  s.bytes = 50'000'000;
  s.elapsed_s = 10;
  s.folder = "/srv/shares/staff/jsmith/Documents/";
  const std::string before = FormatProgress(s, 200);
  CHECK(before.find("12,345 files") == 0);
  CHECK(before.find("/s") != std::string::npos);   // a rate
  CHECK(before.find("ETA") == std::string::npos);  // not counted yet
  CHECK(before.find("/srv/shares/staff/jsmith/Documents/") != std::string::npos);
  s.total_files = 40000;
  s.total_bytes = 200'000'000;  // a quarter done at 5 MB/s: 150 MB left is 30 s
  const std::string after = FormatProgress(s, 200);
  CHECK(after.find("25%") != std::string::npos);
  CHECK(after.find("ETA 30s") != std::string::npos);
  s.elapsed_s = 1;  // 50 MB/s: 150 MB left is 3 s
  s.total_bytes = 200'000'000;
  CHECK(FormatProgress(s, 200).find("ETA 3s") != std::string::npos);
  s.elapsed_s = 1000;  // 50 kB/s: 3000 s
  CHECK(FormatProgress(s, 200).find("ETA 50m00s") != std::string::npos);
}

TEST_CASE("the status line fits the terminal, keeping the end of the folder", "[progress]") {
  ProgressSnapshot s;
  s.files = 7;
  s.bytes = 7000;
  s.elapsed_s = 2;
  s.folder = "/srv/shares/a-very-long-folder-name/another-long-one/and-the-leaf-folder/";
  const std::string line = FormatProgress(s, 60);
  size_t columns = 0;
  for (unsigned char c : line) columns += (c & 0xC0) != 0x80;
  CHECK(columns <= 60);
  CHECK(line.find("and-the-leaf-folder/") != std::string::npos);
  CHECK(line.find("\xE2\x80\xA6") != std::string::npos);  // cut with an ellipsis
  CHECK(FormatProgress(s, 20).size() > 0);
}

TEST_CASE("not live: nothing is written", "[progress]") {
  SweepProgress counters;
  std::ostringstream out;
  {
    ProgressReporter reporter(counters, out,
                              {.live = false, .interval = std::chrono::milliseconds(10)});
    reporter.Start();
    counters.files = 5;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    reporter.Stop();
  }
  CHECK(out.str().empty());
}

TEST_CASE("live: a redrawn line, the counted total, erased at the end", "[progress]") {
  TempTree tree;
  SweepProgress counters;
  std::ostringstream out;
  ProgressReporter::Options o;
  o.live = true;
  o.roots = {tree.root.string()};
  o.interval = std::chrono::milliseconds(10);
  o.width = 120;
  ProgressReporter reporter(counters, out, o);
  reporter.Start();
  counters.files = 6;
  counters.bytes = 6000;
  counters.SetFolder(tree.root.string() + "/d1/");
  REQUIRE(WaitFor([&] { return reporter.Snapshot().total_files.has_value(); }));
  CHECK(*reporter.Snapshot().total_files == 12);
  CHECK(*reporter.Snapshot().total_bytes == 12000);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  reporter.Stop();
  const std::string text = out.str();
  CHECK(text.find("\r6 files") != std::string::npos);
  CHECK(text.find("50%") != std::string::npos);
  CHECK(text.find("/d1/") != std::string::npos);
  CHECK(text.find('\n') == std::string::npos);  // redrawn in place, never scrolled
  CHECK(text.ends_with("\r\x1b[K"));            // erased before the report
}

TEST_CASE("SIGUSR1 prints one status line, even when not live", "[progress]") {
  SweepProgress counters;
  counters.files = 42;
  counters.bytes = 4200;
  counters.SetFolder("/srv/shares/pupils/");
  std::ostringstream out;
  ProgressReporter reporter(counters, out, {.live = false});
  reporter.Start();
  REQUIRE(raise(SIGUSR1) == 0);  // would end the process without the handler
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // the reporter polls every 50 ms
  reporter.Stop();
  CHECK(out.str().starts_with("datasweep: status: 42 files"));
  CHECK(out.str().find("/srv/shares/pupils/") != std::string::npos);
  // The handler is uninstalled again: the previous disposition (here the default) is back.
  struct sigaction now {};
  sigaction(SIGUSR1, nullptr, &now);
  CHECK(now.sa_handler == SIG_DFL);
}
