#include "scanner/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <future>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "scanner/isolation_worker.h"
#include "scanner/worker_protocol.h"

extern char** environ;

namespace datasweep {
namespace {

using Clock = std::chrono::steady_clock;

std::string SignalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return "signal " + std::to_string(sig) + (abbrev ? std::string(": SIG") + abbrev : std::string());
}

}  // namespace

struct WorkerPool::Worker {
  pid_t pid = -1;
  int fd = -1;
  uint32_t files = 0;
  bool ready = false;  // the worker said it finished its start-up
  FrameReader reader;
  ~Worker() {
    if (fd >= 0) ::close(fd);  // EOF tells an idle worker to exit
    if (pid > 0) ReapWorker(pid, std::chrono::milliseconds(2000));
  }
};

int ReapWorker(pid_t pid, std::chrono::milliseconds wait) {
  int status = 0;
  const auto deadline = Clock::now() + wait;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) return status;
    if (r == 0 && Clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// The workers get a larger glibc per-thread cache of freed chunks. A worker runs poppler and
// the Office parsers, which free thousands of small objects at every page's end; glibc caches
// 7 chunks per size, so those frees went through the arena's bins (_int_free, unlink_chunk,
// malloc_consolidate: a fifth of a PDF's profile). 2000 takes 10-15% off a PDF's extraction
// CPU; the cache can hold up to ~69 MB of freed chunks (2000 x 64 size classes), which raised a
// DOCX worker's peak RSS from 42 to 100 MB (docs/performance.md). A tcache_count the user set
// is kept, so GLIBC_TUNABLES=glibc.malloc.tcache_count=7 restores glibc's default.
std::vector<std::string> WorkerEnvironment(const char* const* parent) {
  constexpr std::string_view kTunables = "GLIBC_TUNABLES=";
  constexpr std::string_view kTcache = "glibc.malloc.tcache_count=2000";
  std::vector<std::string> env;
  bool tunables = false;
  for (const char* const* e = parent; *e; ++e) {
    env.emplace_back(*e);
    std::string& entry = env.back();
    if (!entry.starts_with(kTunables)) continue;
    tunables = true;
    if (entry.find("glibc.malloc.tcache_count") != std::string::npos) continue;
    if (entry.size() > kTunables.size()) entry.push_back(':');
    entry.append(kTcache);
  }
  if (!tunables) env.emplace_back(std::string(kTunables).append(kTcache));
  return env;
}

// Spawns workers from one thread that lives as long as the pool (see PR_SET_PDEATHSIG above).
class WorkerPool::Spawner {
 public:
  Spawner()
      : environment_(WorkerEnvironment(environ)),
        envp_(Pointers(environment_)),
        thread_([this] { Loop(); }) {}
  ~Spawner() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_one();
    thread_.join();
  }
  // posix_spawn's result (0 or an errno) and the pid.
  std::pair<int, pid_t> Spawn(const std::string& exe, int child_fd) {
    Request r{exe, child_fd, {}};
    auto result = r.promise.get_future();
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(&r);
    }
    cv_.notify_one();
    return result.get();
  }

 private:
  struct Request {
    std::string exe;
    int child_fd;
    std::promise<std::pair<int, pid_t>> promise;
  };
  void Loop() {
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [&] { return done_ || !queue_.empty(); });
      if (queue_.empty()) return;
      Request* r = queue_.front();
      queue_.pop_front();
      lock.unlock();
      r->promise.set_value(DoSpawn(r->exe, r->child_fd));
      lock.lock();
    }
  }
  static std::vector<char*> Pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
  }
  std::pair<int, pid_t> DoSpawn(const std::string& exe, int child_fd) {
    constexpr int kWorkerFd = kWorkerSocketFd;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, child_fd, kWorkerFd);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, STDERR_FILENO, STDOUT_FILENO);  // stray prints: stderr
    posix_spawn_file_actions_addclosefrom_np(&fa, kWorkerFd + 1);         // no report, no files
    const std::string fd_arg = std::to_string(kWorkerFd), ppid_arg = std::to_string(::getpid());
    std::vector<char*> argv{const_cast<char*>(exe.c_str()), const_cast<char*>("__worker"),
                            const_cast<char*>(fd_arg.c_str()), const_cast<char*>(ppid_arg.c_str()),
                            nullptr};
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, exe.c_str(), &fa, nullptr, argv.data(), envp_.data());
    posix_spawn_file_actions_destroy(&fa);
    return {rc, pid};
  }

  std::vector<std::string> environment_;  // built before the thread starts, then read-only
  std::vector<char*> envp_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Request*> queue_;
  bool done_ = false;
  std::thread thread_;
};

namespace {

// "/proc/self/exe" resolved to the binary's real path, so workers show as `datasweep` in ps
// (the kernel names a process after the file it exec'd); kept as is if that path is gone.
WorkerConfig ResolveExecutable(WorkerConfig c) {
  if (c.executable != "/proc/self/exe") return c;
  char buf[4096];
  const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return c;
  const std::string real(buf, static_cast<size_t>(n));
  if (::access(real.c_str(), X_OK) == 0) c.executable = real;
  return c;
}

}  // namespace

WorkerPool::WorkerPool(WorkerConfig config, int size)
    : config_(ResolveExecutable(std::move(config))),
      size_(std::max(1, size)),
      spawner_(std::make_unique<Spawner>()) {}

WorkerPool::~WorkerPool() {
  std::vector<std::unique_ptr<Worker>> idle;
  {
    std::lock_guard<std::mutex> lock(mu_);
    idle.swap(idle_);
  }
  for (auto& w : idle) {  // close all sockets first so the workers exit together
    ::close(w->fd);
    w->fd = -1;
  }
  idle.clear();
}

uint64_t WorkerPool::Spawned() const {
  std::lock_guard<std::mutex> lock(mu_);
  return spawned_;
}

std::unique_ptr<WorkerPool::Worker> WorkerPool::StartWorker(std::string* error) {
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
    *error = std::string("socketpair: ") + std::strerror(errno);
    return nullptr;
  }
  auto [rc, pid] = spawner_->Spawn(config_.executable, sv[1]);
  ::close(sv[1]);
  if (rc != 0) {
    ::close(sv[0]);
    *error = "cannot start " + config_.executable + ": " + std::strerror(rc);
    return nullptr;
  }
  auto w = std::make_unique<Worker>();
  w->pid = pid;
  w->fd = sv[0];
  const Json init = {{"t", "init"},
                     {"policy", config_.policy_yaml},
                     {"now", config_.now},
                     {"memory", config_.memory_limit},
                     {"max_seconds", config_.max_seconds},
                     {"grace_seconds", config_.grace_seconds},
                     {"threads", config_.threads}};
  if (!WriteFrame(w->fd, init)) {
    *error = "the parser worker closed its socket at start-up";
    return nullptr;  // ~Worker reaps it
  }
  return w;
}

std::unique_ptr<WorkerPool::Worker> WorkerPool::Acquire(bool fresh) {
  std::unique_ptr<Worker> retired;  // ended outside the lock
  {
    std::unique_lock<std::mutex> lock(mu_);
    freed_.wait(lock, [&] { return !idle_.empty() || live_ < size_; });
    if (!idle_.empty() && !fresh) {
      auto w = std::move(idle_.back());
      idle_.pop_back();
      return w;
    }
    if (!idle_.empty()) {  // fresh: retire an idle worker to make room
      retired = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++live_;
    }
    ++spawned_;
  }
  retired.reset();
  std::string error;
  auto w = StartWorker(&error);
  if (!w) {
    Release(nullptr, false);
    throw std::runtime_error(error);
  }
  return w;
}

void WorkerPool::Release(std::unique_ptr<Worker> w, bool healthy) {
  if (w && healthy && w->files < config_.recycle_after) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(w));
  } else {
    w.reset();  // closes and reaps outside the lock
    std::lock_guard<std::mutex> lock(mu_);
    --live_;
  }
  freed_.notify_one();
}

WorkerResult WorkerPool::Run(const Record& request, bool fresh, const SkipList& skip) {
  std::unique_ptr<Worker> w;
  try {
    w = Acquire(fresh);
  } catch (const std::exception& e) {
    WorkerResult r;
    r.kind = WorkerResult::Kind::kNoWorker;
    r.detail = e.what();
    return r;
  }
  bool healthy = false;
  WorkerResult result = Exchange(*w, request, skip, &healthy);
  ++w->files;
  Release(std::move(w), healthy);
  return result;
}

// Sends the job and collects the reply within the budget. On any failure the worker is ended
// here (SIGKILL if needed) and its wait status decides the kind.
WorkerResult WorkerPool::Exchange(Worker& w, const Record& request, const SkipList& skip,
                                  bool* healthy) {
  WorkerResult result;
  const auto t0 = Clock::now();
  const auto deadline = t0 + std::chrono::seconds(config_.max_seconds + config_.grace_seconds);
  std::vector<std::pair<std::string, std::string>> entered;  // (extractor, member) being scanned
  bool timed_out = false, done = false;
  std::string protocol_error;
  Json job = {{"t", "job"}, {"rec", RecordToWire(request)}};
  if (!skip.empty()) job["skip"] = skip;
  if (WriteFrame(w.fd, job)) {
    char buf[64 * 1024];
    while (!done) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) {
        timed_out = true;
        break;
      }
      pollfd p{w.fd, POLLIN, 0};
      const int pr = ::poll(&p, 1, static_cast<int>(std::min<int64_t>(left, 1000)));
      if (pr < 0 && errno != EINTR) break;
      if (pr <= 0) continue;
      const ssize_t n = ::read(w.fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // EOF: the worker died (possibly mid-frame)
      w.reader.Append(buf, static_cast<size_t>(n));
      try {
        while (auto frame = w.reader.Next()) {
          const std::string t = frame->value("t", "");
          if (t == "ready") {
            w.ready = true;
          } else if (t == "at") {
            entered.emplace_back(frame->value("x", ""), frame->value("p", ""));
          } else if (t == "member") {
            result.members.push_back(RecordFromWire(frame->at("rec")));
            if (!entered.empty() && entered.back().second == result.members.back().path)
              entered.pop_back();
          } else if (t == "done") {
            result.self = RecordFromWire(frame->at("rec"));
            done = true;
          } else {
            throw std::runtime_error("unknown frame '" + t + "'");
          }
        }
      } catch (const std::exception& e) {
        protocol_error = e.what();
        break;
      }
    }
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (done) {
    *healthy = w.reader.Empty();  // bytes after "done" mean a confused worker: replace it
    return result;
  }
  // Failed: end the worker now and find out why.
  if (!entered.empty()) std::tie(result.extractor, result.member) = entered.back();
  result.members.clear();
  const pid_t pid = std::exchange(w.pid, -1);
  ::close(std::exchange(w.fd, -1));
  const bool kill_now = timed_out || !protocol_error.empty();
  if (kill_now) ::kill(pid, SIGKILL);
  const int status = ReapWorker(pid, std::chrono::milliseconds(kill_now ? 0 : 2000));
  if (timed_out) {
    result.kind = WorkerResult::Kind::kTimedOut;
  } else if (WIFSIGNALED(status) && WTERMSIG(status) == SIGXCPU) {
    result.kind = WorkerResult::Kind::kTimedOut;
    result.detail = "CPU limit";
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == kWorkerExitOutOfMemory) {
    result.kind = WorkerResult::Kind::kOutOfMemory;
  } else if (!w.ready && WIFEXITED(status) && WEXITSTATUS(status) == kWorkerExitBadStart) {
    result.kind = WorkerResult::Kind::kNoWorker;
    result.detail = "the parser worker failed to start (see its message above)";
  } else {
    result.kind = WorkerResult::Kind::kCrashed;
    result.detail = WIFSIGNALED(status) ? SignalName(WTERMSIG(status))
                    : WIFEXITED(status)
                        ? "exited with status " + std::to_string(WEXITSTATUS(status))
                        : "ended";
    if (!protocol_error.empty())
      result.detail = "malformed reply: " + protocol_error + "; " + result.detail;
  }
  return result;
}

}  // namespace datasweep
