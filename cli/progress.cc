#include "cli/progress.h"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdio>

#include "cli/sinks/sink_text.h"
#include "scanner/walker.h"

namespace datasweep {
namespace {

// The one thing the SIGUSR1 handler touches (async-signal-safe).
volatile std::sig_atomic_t g_status_requested = 0;
struct sigaction g_previous_usr1 {};

void OnStatusSignal(int) { g_status_requested = 1; }

constexpr std::string_view kSep = " \xC2\xB7 ";  // " · "

size_t Columns(std::string_view s) {  // UTF-8 code points: one column each for our text
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// The last `columns` code points of `s`, with a leading "…" when cut.
std::string KeepEnd(std::string_view s, size_t columns) {
  if (Columns(s) <= columns) return std::string(s);
  if (columns == 0) return "";
  size_t keep = columns - 1, start = s.size();
  while (start > 0 && keep > 0) {
    --start;
    if ((static_cast<unsigned char>(s[start]) & 0xC0) != 0x80) --keep;
  }
  while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
  return "\xE2\x80\xA6" + std::string(s.substr(start));
}

std::string Count(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Duration(double seconds) {
  const auto s = static_cast<uint64_t>(std::llround(std::max(0.0, seconds)));
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lluh%02llum", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60));
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%llum%02llus", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  else
    std::snprintf(buf, sizeof buf, "%llus", static_cast<unsigned long long>(s));
  return buf;
}

size_t TerminalWidth() {
  winsize ws{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

}  // namespace

std::string FormatProgress(const ProgressSnapshot& s, size_t width) {
  std::string line = Count(s.files) + (s.files == 1 ? " file" : " files");
  line += std::string(kSep) + sinks::HumanBytes(s.bytes);
  const double rate = s.elapsed_s >= 0.5 ? static_cast<double>(s.bytes) / s.elapsed_s : 0;
  if (rate > 0) line += std::string(kSep) + sinks::HumanBytes(static_cast<uint64_t>(rate)) + "/s";
  if (s.total_files && s.total_bytes) {
    // Bytes dominate the time; an all-empty tree falls back to the file count.
    const double done =
        *s.total_bytes > 0   ? static_cast<double>(s.bytes) / static_cast<double>(*s.total_bytes)
        : *s.total_files > 0 ? static_cast<double>(s.files) / static_cast<double>(*s.total_files)
                             : 1.0;
    const int percent = static_cast<int>(std::min(99.0, std::floor(done * 100)));
    line += std::string(kSep) + std::to_string(percent) + "%";
    if (rate > 0 && *s.total_bytes > s.bytes)
      line += std::string(kSep) + "ETA " +
              Duration(static_cast<double>(*s.total_bytes - s.bytes) / rate);
  }
  if (!s.folder.empty()) {
    const size_t used = Columns(line) + Columns(kSep);
    if (used + 8 <= width) line += std::string(kSep) + KeepEnd(s.folder, width - used);
  }
  if (Columns(line) > width) line = KeepEnd(line, width);
  return line;
}

ProgressReporter::ProgressReporter(const SweepProgress& counters, std::ostream& out,
                                   Options options)
    : counters_(counters), out_(out), options_(std::move(options)) {
  if (options_.width == 0) options_.width = TerminalWidth();
}

ProgressReporter::~ProgressReporter() { Stop(); }

void ProgressReporter::Start() {
  if (started_) return;
  started_ = true;
  start_ = std::chrono::steady_clock::now();
  g_status_requested = 0;
  struct sigaction sa {};
  sa.sa_handler = OnStatusSignal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &sa, &g_previous_usr1);
  if (options_.live) counter_ = std::thread([this] { Count(); });
  drawer_ = std::thread([this] { Draw(); });
}

void ProgressReporter::Stop() {
  if (!started_) return;
  started_ = false;
  {
    std::lock_guard<std::mutex> lock(wake_mutex_);
    done_.store(true);
  }
  wake_.notify_all();  // the drawing thread ends now, not at its next tick
  if (drawer_.joinable()) drawer_.join();
  if (counter_.joinable()) counter_.join();
  sigaction(SIGUSR1, &g_previous_usr1, nullptr);
  if (drawn_) out_ << "\r\x1b[K" << std::flush;
  drawn_ = false;
}

ProgressSnapshot ProgressReporter::Snapshot() const {
  ProgressSnapshot s;
  s.files = counters_.files.load(std::memory_order_relaxed);
  s.bytes = counters_.bytes.load(std::memory_order_relaxed);
  s.elapsed_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  s.folder = counters_.Folder();
  if (counted_.load()) {
    s.total_files = total_files_.load();
    s.total_bytes = total_bytes_.load();
  }
  return s;
}

void ProgressReporter::Draw() {
  constexpr auto kTick = std::chrono::milliseconds(50);
  auto next_draw = std::chrono::steady_clock::now();
  while (!done_.load()) {
    if (g_status_requested) {
      g_status_requested = 0;
      if (drawn_) out_ << "\r\x1b[K";
      drawn_ = false;
      // Not cut to the terminal: a log reader wants the whole folder.
      out_ << "datasweep: status: " << FormatProgress(Snapshot(), SIZE_MAX / 2) << "\n"
           << std::flush;
    }
    const auto now = std::chrono::steady_clock::now();
    if (options_.live && now >= next_draw) {
      out_ << "\r" << FormatProgress(Snapshot(), options_.width - 1) << "\x1b[K" << std::flush;
      drawn_ = true;
      next_draw = now + options_.interval;
    }
    std::unique_lock<std::mutex> lock(wake_mutex_);
    wake_.wait_for(lock, kTick, [this] { return done_.load(); });
  }
}

// A second, metadata-only walk of the same roots with the same exclusions: the scan's own walk
// is interleaved with reading, so only a separate pass knows the total early enough for an ETA.
void ProgressReporter::Count() {
  Walker walker(options_.roots, options_.excludes);
  WalkEntry e;
  uint64_t files = 0, bytes = 0;
  while (!done_.load() && walker.Next(&e)) {
    ++files;
    if (S_ISREG(e.st.st_mode)) bytes += static_cast<uint64_t>(e.st.st_size);
  }
  if (done_.load()) return;
  total_files_.store(files);
  total_bytes_.store(bytes);
  counted_.store(true);
}

}  // namespace datasweep
