#include "scanner/state_store.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <tbb/enumerable_thread_specific.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <future>
#include <mutex>
#include <unordered_set>

#include "scanner/record_codec.h"

namespace datasweep {
namespace {

using Clock = std::chrono::steady_clock;

// Commit the open transaction after this many files or this long, whichever comes first: a
// crash loses at most that much work, and the per-commit cost is amortised.
constexpr int kCommitEvery = 500;
// "Done" marks inserted per statement (kCommitEvery is a multiple of it).
constexpr size_t kDoneBatch = 100;
constexpr auto kCommitInterval = std::chrono::seconds(1);
// Stale-email rule (policy/rules.cc) fires 183 days after the message date: a stored e-mail
// verdict that may still change is reused only until 180 days, so a re-sweep re-evaluates it
// before it can change.
constexpr int64_t kEmailReuseSeconds = 180LL * 24 * 3600;
constexpr int64_t kNever = INT64_MAX;

// Schema migrations: kSteps[v] takes the schema from version v to v + 1. Append, never edit.
constexpr const char* kSteps[] = {
    R"(CREATE TABLE sweeps(
         id INTEGER PRIMARY KEY, started INTEGER NOT NULL, finished INTEGER,
         roots TEXT NOT NULL, fingerprint TEXT NOT NULL,
         status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
         elapsed_s REAL NOT NULL DEFAULT 0, runs INTEGER NOT NULL DEFAULT 1);
       CREATE TABLE files(
         id INTEGER PRIMARY KEY, path BLOB NOT NULL UNIQUE, first_sweep INTEGER NOT NULL,
         gone_sweep INTEGER,
         -- the current version and its identity, copied here so that loading the index at the
         -- start of a sweep reads this narrow table only
         current_version INTEGER, dev INTEGER, ino INTEGER, size INTEGER, mtime_ns INTEGER,
         ctime_ns INTEGER, fingerprint TEXT, reusable_until INTEGER);
       CREATE TABLE versions(
         id INTEGER PRIMARY KEY, file_id INTEGER NOT NULL, sweep_id INTEGER NOT NULL,
         dev INTEGER NOT NULL, ino INTEGER NOT NULL, size INTEGER NOT NULL,
         mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, fingerprint TEXT NOT NULL,
         reusable_until INTEGER NOT NULL, class TEXT NOT NULL,
         -- packed before records: a re-sweep reads it without walking the JSON's overflow pages
         packed BLOB, records TEXT NOT NULL);
       CREATE TABLE sweep_files(
         sweep_id INTEGER NOT NULL, file_id INTEGER NOT NULL, version_id INTEGER NOT NULL,
         run INTEGER NOT NULL, PRIMARY KEY (sweep_id, file_id)) WITHOUT ROWID;)",
    // v2: the packed records in a table of their own. In `versions` they shared leaf pages
    // with the JSON copy, so a re-sweep's cursor paged through four times the bytes it used.
    R"(CREATE TABLE packed_records(version_id INTEGER PRIMARY KEY, packed BLOB NOT NULL);
       INSERT INTO packed_records SELECT id, packed FROM versions WHERE packed IS NOT NULL;
       UPDATE versions SET packed = NULL WHERE packed IS NOT NULL;)",
};
static_assert(std::size(kSteps) == StateStore::kSchemaVersion);

int64_t Ns(const timespec& t) { return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; }

std::string JoinRoots(const std::vector<std::string>& roots) {
  Json j = Json::array();
  for (const auto& r : roots) j.push_back(r);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<std::string> SplitRoots(std::string_view text) {
  try {
    return Json::parse(text).get<std::vector<std::string>>();
  } catch (const std::exception&) {
    return {};
  }
}

// FNV-1a: a stable 64-bit hash (std::hash may differ between builds of the library).
std::string Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string Base64Decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = val(c);
    if (v < 0) continue;  // '=' padding
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string EncodeRecords(const std::vector<Record>& records) {
  Json arr = Json::array();
  for (const auto& r : records) arr.push_back(ToJson(r));
  return arr.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// When the stored records stop being valid without the file changing: never, except for
// e-mail, whose stale-email verdict depends on the sweep's date; and errors are never reused
// (they may be transient).
int64_t ReusableUntil(const WalkEntry& e, const std::vector<Record>& records,
                      int64_t scan_started_ns) {
  if (records.empty() || scan_started_ns == 0 || !S_ISREG(e.st.st_mode) || e.error ||
      !e.note.empty())
    return 0;
  // A file changed in the same clock tick we opened it in may change again without its ctime
  // moving (git's "racily clean" problem): keep its records, but do not trust them next time.
  if (Ns(e.st.st_ctim) >= scan_started_ns || Ns(e.st.st_mtim) >= scan_started_ns) return 0;
  int64_t until = kNever;
  for (const auto& r : records) {
    if (r.depth == 0 && r.outcome.status == ScanStatus::kError) return 0;
    auto it = r.attributes.find("email_date");
    if (it == r.attributes.end()) continue;
    // Once a message is stale it stays stale, and where no location is known the rule never
    // fires: either way its verdict no longer depends on the date of the sweep.
    const bool settled = r.location.kind == LocationKind::kUnknown ||
                         std::any_of(r.violations.begin(), r.violations.end(),
                                     [](const Violation& v) { return v.rule == "stale-email"; });
    if (settled) continue;
    if (auto t = ParseTimestamp(it->second))
      until = std::min(until, *t + kEmailReuseSeconds);
    else
      return 0;
  }
  return until;
}

// Does a stored top-level record still describe the file where it now is? A location declared,
// changed or removed for its folder changes its display path, location and so its violations.
bool SamePlace(const Record& top, const std::string& real_path, const LocationTable* locations) {
  if (!locations) return true;
  const Location& now = locations->Find(real_path);
  const Location& was = top.location;
  return was.prefix == now.prefix && was.kind == now.kind && was.encrypted == now.encrypted &&
         was.secure == now.secure && was.pupil_accessible == now.pupil_accessible &&
         was.drive == now.drive && was.origin == now.origin &&
         top.path == locations->DisplayPath(real_path);
}

bool UnderRoot(std::string_view path, std::string_view root) {
  if (root == "/") return !path.empty() && path[0] == '/';
  return path.size() >= root.size() && path.compare(0, root.size(), root) == 0 &&
         (path.size() == root.size() || path[root.size()] == '/');
}

int TakeLock(const std::string& path) {
  const std::string lock_path = path + ".lock";
  const int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    throw StateError("cannot create the lock file " + lock_path + ": " + std::strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char pid[32] = {};
    const ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
    close(fd);
    if (err == EWOULDBLOCK)
      throw StateLocked(
          "the state " + path + " is in use by another datasweep process" +
          (n > 0 ? " (pid " + std::string(pid, strcspn(pid, "\n")) + ")" : std::string()) +
          "; wait for that sweep to finish, or stop it (it can be resumed later)");
    throw StateError("cannot lock " + lock_path + ": " + std::strerror(err));
  }
  const std::string mine = std::to_string(getpid()) + "\n";
  if (ftruncate(fd, 0) == 0) (void)!pwrite(fd, mine.data(), mine.size(), 0);
  return fd;
}

void Migrate(SqliteDb& db) {
  db.Exec("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID");
  int64_t version = 0;
  {
    SqliteStmt q = db.Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (q.Step()) version = q.Int(0);
  }
  if (version > StateStore::kSchemaVersion)
    throw StateError("the state was written by a newer datasweep (schema " +
                     std::to_string(version) + ", this one knows " +
                     std::to_string(StateStore::kSchemaVersion) + "); use a newer datasweep");
  for (; version < StateStore::kSchemaVersion; ++version) {
    db.Exec("BEGIN IMMEDIATE");
    try {
      db.Exec(kSteps[version]);
      db.Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('schema_version', ?)")
          .Bind(1, version + 1)
          .Run();
      db.Exec("COMMIT");
    } catch (...) {
      db.Exec("ROLLBACK");
      throw;
    }
  }
}

}  // namespace

std::vector<Record> DecodeRecords(std::string_view stored) {
  std::vector<Record> out;
  const Json arr = Json::parse(stored);
  out.reserve(arr.size());
  for (const auto& j : arr) {
    out.push_back(RecordFromJson(j));
    // ToJson keeps the exact bytes of a name that is not UTF-8 in path_bytes.
    if (auto it = j.find("path_bytes"); it != j.end() && it->is_string())
      out.back().real_path = Base64Decode(it->get<std::string>());
  }
  return out;
}

struct StateStore::Known {
  std::string_view path;  // in the index's arena
  int64_t file_id = 0, version_id = 0;
  int64_t dev = 0, ino = 0, size = 0, mtime_ns = 0, ctime_ns = 0, reusable_until = 0;
  bool same_fingerprint = false, gone = false;
  // Set by Done (the serial stage) only; Lookup's threads never read it.
  bool seen = false;
};

// A read-only connection for one pipeline thread: the stored records of a version. It holds
// one read transaction for the whole sweep — a snapshot of the state as the sweep began, which
// is all Lookup needs — so its page cache stays valid while the writer commits, and pages come
// through mmap rather than one read() each.
//
// Reads go through one forward cursor over `versions`. An unchanged tree is walked in nearly the
// order its files were stored (the first sweep stored them as they finished, a few out of
// order), so the version asked for next is usually a few rows ahead — reached by stepping along
// the leaf pages instead of a fresh B-tree descent — or among the last few rows stepped over,
// which are kept.
struct StateStore::Reader {
  struct Row {
    int64_t id = 0;
    bool has_packed = false;
    std::string packed;
  };

  explicit Reader(const std::string& path) : db(path, SQLITE_OPEN_READONLY) {
    db.Exec("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -16384; BEGIN");
    // The JSON copy is read by `json` only where no packed copy was kept.
    scan = db.Prepare("SELECT version_id, packed FROM packed_records WHERE version_id >= ?");
    json = db.Prepare("SELECT records FROM versions WHERE id = ?");
  }
  // Version `id`'s row, or nullptr when there is none. Valid until the next call.
  const Row* Find(int64_t id) {
    for (const Row& r : passed)
      if (r.id == id) return &r;
    if (!positioned || row.id > id || id - row.id > kMaxSteps) {
      scan.Reset();
      scan.Bind(1, id);
      positioned = Advance();
    }
    while (positioned && row.id < id) {
      std::swap(passed[next_passed], row);
      next_passed = (next_passed + 1) % passed.size();
      positioned = Advance();
    }
    return positioned && row.id == id ? &row : nullptr;
  }
  void Forget() {  // after an error: the next Find starts afresh
    positioned = false;
    scan.Reset();
    json.Reset();
  }

  static constexpr int64_t kMaxSteps = 64;  // further ahead than this, a descent is cheaper
  SqliteDb db;
  SqliteStmt scan, json;

 private:
  bool Advance() {  // steps the cursor and copies its row into `row`
    if (!scan.Step()) return false;
    row.id = scan.Int(0);
    row.has_packed = !scan.IsNull(1);
    row.packed.assign(row.has_packed ? scan.Bytes(1) : std::string_view());
    return true;
  }
  bool positioned = false;
  Row row;
  std::array<Row, 16> passed;  // the last rows stepped over (id 0: empty)
  size_t next_passed = 0;
};

// The index's keys, packed into large blocks: one allocation per megabyte instead of one per
// path, which makes loading and freeing a million-file index cheap.
class PathArena {
 public:
  std::string_view Add(std::string_view s) {
    if (blocks_.empty() || used_ + s.size() > kBlock) {
      blocks_.push_back(std::make_unique<char[]>(std::max(kBlock, s.size())));
      used_ = 0;
    }
    char* p = blocks_.back().get() + used_;
    std::memcpy(p, s.data(), s.size());
    used_ += s.size();
    return {p, s.size()};
  }
  void clear() { blocks_.clear(), used_ = 0; }

 private:
  static constexpr size_t kBlock = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
};

// Every file the last sweep left, by path: loaded once at BeginSweep, read-only afterwards
// (Lookup's threads) except for Known::seen. Open addressing over a flat array of entries: a
// hundred thousand lookups a second must not chase one heap node per file.
class StateStore::KnownIndex {
 public:
  void Reset(size_t expected) {
    entries_.clear();
    entries_.reserve(expected);
    paths_.clear();
    size_t n = 16;
    while (n < expected * 2) n <<= 1;
    slots_.assign(n, 0);
  }
  void Add(std::string_view path, Known k) {
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    k.path = paths_.Add(path);
    entries_.push_back(k);
    Place(Hash(k.path), entries_.size());
  }
  Known* Find(std::string_view path) {
    const uint64_t h = Hash(path);
    const uint32_t tag = static_cast<uint32_t>(h >> 32);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      const uint64_t slot = slots_[i];
      if (slot == 0) return nullptr;
      Known& k = entries_[static_cast<uint32_t>(slot) - 1];
      if (static_cast<uint32_t>(slot >> 32) == tag && k.path == path) return &k;
    }
  }
  std::vector<Known>& Entries() { return entries_; }

 private:
  static uint64_t Hash(std::string_view s) { return std::hash<std::string_view>{}(s); }
  // A slot holds the hash's upper half (compared before the path) and the entry's number + 1.
  void Place(uint64_t h, size_t number) {
    size_t i = h & (slots_.size() - 1);
    while (slots_[i] != 0) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = (h >> 32 << 32) | number;
  }
  void Grow() {
    slots_.assign(std::max<size_t>(16, slots_.size() * 2), 0);
    for (size_t n = 0; n < entries_.size(); ++n) Place(Hash(entries_[n].path), n + 1);
  }
  PathArena paths_;
  std::vector<Known> entries_;
  std::vector<uint64_t> slots_;
};

struct StateStore::Impl {
  KnownIndex index;  // loaded by index_loaded's thread; complete once index_ready
  std::future<void> index_loaded;
  std::atomic<bool> index_ready{false};
  std::mutex index_mutex;
  std::exception_ptr index_error;  // what the loader threw
  tbb::enumerable_thread_specific<std::unique_ptr<Reader>> readers;
  SweepInfo sweep;
  int64_t now = 0;
  const LocationTable* locations = nullptr;
  bool in_txn = false;
  int pending = 0;
  Clock::time_point txn_started;
  SqliteStmt insert_file, insert_version, insert_packed, set_current, clear_gone, mark_done,
      mark_done_many;
  // "Done" marks not yet inserted: (file id, version id). Always inserted before the
  // transaction commits, so a file's records and its mark still commit together.
  std::vector<std::pair<int64_t, int64_t>> done;
};

StateStore::StateStore(const std::string& path, Mode mode)
    : path_(path), mode_(mode), impl_(std::make_unique<Impl>()) {}

StateStore::~StateStore() {
  impl_.reset();  // statements before the connection
  db_.reset();
  if (lock_fd_ >= 0) close(lock_fd_);
}

std::unique_ptr<StateStore> StateStore::Open(const std::string& path, Mode mode) {
  std::unique_ptr<StateStore> s(new StateStore(path, mode));
  if (mode == Mode::kRead) {
    struct stat st;
    if (stat(path.c_str(), &st) != 0)
      throw StateError("no state database at " + path + ": " + std::strerror(errno));
    s->db_ = std::make_unique<SqliteDb>(path, SQLITE_OPEN_READONLY);
    s->db_->Exec("PRAGMA busy_timeout = 5000");
    SqliteStmt q = s->db_->Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!q.Step() || q.Int(0) != kSchemaVersion)
      throw StateError(path + " is not a datasweep state of schema " +
                       std::to_string(kSchemaVersion) +
                       " (run a sweep with --state to migrate it)");
    return s;
  }
  s->lock_fd_ = TakeLock(path);
  // Created owner-only before SQLite sees it: the state holds masked findings (SQLite gives its
  // -wal and -shm files the database's permissions).
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) throw StateError("cannot create the state " + path + ": " + std::strerror(errno));
  close(fd);
  s->db_ = std::make_unique<SqliteDb>(path, SQLITE_OPEN_READWRITE);
  s->db_->Exec(
      "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL");
  Migrate(*s->db_);
  return s;
}

std::string StateStore::SettingsFingerprint(const ScanEnvironment& env) {
  std::string s = "records-v2|" + env.policy->Fingerprint() + "|detectors:";
  for (const auto& d : env.detectors->Detectors()) s += std::string(d->Info().id) + ",";
  // A different scanner binary (an upgrade, new detectors or extractors) re-scans everything.
  struct stat exe;
  if (stat("/proc/self/exe", &exe) == 0)
    s += "|exe:" + std::to_string(exe.st_size) + ":" + std::to_string(Ns(exe.st_mtim));
  return Fnv1a(s);
}

SweepInfo StateStore::BeginSweep(const std::vector<std::string>& roots,
                                 const std::string& fingerprint, int64_t now, bool* resumed,
                                 const LocationTable* locations) {
  Impl& m = *impl_;
  m.now = now;
  m.locations = locations;
  *resumed = false;
  const std::string roots_text = JoinRoots(roots);
  auto sweeps = Sweeps();
  db_->Exec("BEGIN IMMEDIATE");
  if (!sweeps.empty() && sweeps.back().status != "complete") {
    SweepInfo& last = sweeps.back();
    if (JoinRoots(last.roots) == roots_text && last.fingerprint == fingerprint) {
      *resumed = true;
      m.sweep = last;
      ++m.sweep.runs;
      db_->Prepare("UPDATE sweeps SET status = 'running', runs = ? WHERE id = ?")
          .Bind(1, m.sweep.runs)
          .Bind(2, last.id)
          .Run();
    } else {
      db_->Prepare("UPDATE sweeps SET status = 'interrupted' WHERE id = ?").Bind(1, last.id).Run();
    }
  }
  if (!*resumed) {
    m.sweep = SweepInfo{0, now, 0, roots, fingerprint, "running", 0, 1};
    db_->Prepare(
           "INSERT INTO sweeps(started, roots, fingerprint, status) VALUES(?, ?, ?, 'running')")
        .Bind(1, now)
        .Bind(2, roots_text)
        .Bind(3, fingerprint)
        .Run();
    m.sweep.id = db_->LastInsertId();
  }
  m.sweep.roots = roots;
  db_->Exec("COMMIT");
  m.insert_file = db_->Prepare(
      "INSERT INTO files(path, first_sweep) VALUES(?, ?) ON CONFLICT(path) DO UPDATE SET "
      "gone_sweep = NULL RETURNING id");
  m.insert_version = db_->Prepare(
      "INSERT INTO versions(file_id, sweep_id, dev, ino, size, mtime_ns, ctime_ns, fingerprint, "
      "reusable_until, class,"
      " records) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  m.insert_packed = db_->Prepare("INSERT INTO packed_records(version_id, packed) VALUES(?, ?)");
  m.set_current = db_->Prepare(
      "UPDATE files SET gone_sweep = NULL, current_version = ?2, dev = ?3, ino = ?4, size = ?5, "
      "mtime_ns = ?6,"
      " ctime_ns = ?7, fingerprint = ?8, reusable_until = ?9 WHERE id = ?1");
  m.clear_gone = db_->Prepare("UPDATE files SET gone_sweep = NULL WHERE id = ?");
  m.mark_done = db_->Prepare(
      "INSERT OR REPLACE INTO sweep_files(sweep_id, file_id, version_id, run) VALUES(?1, ?2, ?3, "
      "?4)");
  std::string many =
      "INSERT OR REPLACE INTO sweep_files(sweep_id, file_id, version_id, run) VALUES";
  for (size_t i = 0; i < kDoneBatch; ++i) {
    many += i ? ",(?1,?" : "(?1,?";
    many += std::to_string(3 + 2 * i);
    many += ",?";
    many += std::to_string(4 + 2 * i);
    many += ",?2)";
  }
  m.mark_done_many = db_->Prepare(many);
  // The index loads on its own thread and connection while the sweep starts walking; the first
  // Lookup or Done waits for it.
  m.index_ready.store(false);
  m.index_loaded = std::async(std::launch::async, [this, fingerprint] { LoadIndex(fingerprint); });
  return m.sweep;
}

void StateStore::LoadIndex(const std::string& fingerprint) {
  Impl& m = *impl_;
  SqliteDb db(path_, SQLITE_OPEN_READONLY);
  db.Exec("PRAGMA mmap_size = 1073741824; PRAGMA busy_timeout = 5000; BEGIN");
  {
    SqliteStmt n = db.Prepare("SELECT max(id) FROM files");
    m.index.Reset(n.Step() ? static_cast<size_t>(n.Int(0)) : 0);
  }
  SqliteStmt q = db.Prepare(
      "SELECT path, id, current_version, dev, ino, size, mtime_ns, ctime_ns, reusable_until, "
      "fingerprint = ?,"
      " gone_sweep IS NOT NULL FROM files WHERE current_version IS NOT NULL");
  q.Bind(1, fingerprint);
  while (q.Step()) {
    Known k{{},       q.Int(1), q.Int(2), q.Int(3),      q.Int(4),      q.Int(5),
            q.Int(6), q.Int(7), q.Int(8), q.Int(9) != 0, q.Int(10) != 0};
    m.index.Add(q.Bytes(0), k);
  }
}

void StateStore::WaitIndex() {
  Impl& m = *impl_;
  if (m.index_ready.load(std::memory_order_acquire)) return;
  std::lock_guard<std::mutex> lock(m.index_mutex);
  if (m.index_ready.load(std::memory_order_relaxed)) return;
  if (!m.index_error && m.index_loaded.valid()) {
    try {
      m.index_loaded.get();
      m.index_ready.store(true, std::memory_order_release);
      return;
    } catch (...) {
      m.index_error = std::current_exception();  // every later call fails the same way
    }
  }
  std::rethrow_exception(m.index_error ? m.index_error
                                       : std::make_exception_ptr(StateError("no sweep begun")));
}

bool StateStore::Lookup(const WalkEntry& e, std::vector<Record>* records, uintptr_t* hint) {
  if (!S_ISREG(e.st.st_mode) || e.error || !e.note.empty()) return false;
  WaitIndex();
  const Known* k = impl_->index.Find(e.path);
  if (!k) return false;
  *hint = reinterpret_cast<uintptr_t>(k);
  if (!k->same_fingerprint || k->reusable_until <= impl_->now ||
      k->dev != static_cast<int64_t>(e.st.st_dev) || k->ino != static_cast<int64_t>(e.st.st_ino) ||
      k->size != static_cast<int64_t>(e.st.st_size) || k->mtime_ns != Ns(e.st.st_mtim) ||
      k->ctime_ns != Ns(e.st.st_ctim))
    return false;
  auto& reader = impl_->readers.local();
  try {
    if (!reader) reader = std::make_unique<Reader>(path_);
    const Reader::Row* row = reader->Find(k->version_id);
    auto packed = row && row->has_packed ? UnpackRecords(row->packed) : std::nullopt;
    if (packed) {
      *records = std::move(*packed);
    } else {  // no packed copy (or a damaged one): the JSON copy
      SqliteStmt& json = reader->json;
      json.Bind(1, k->version_id);
      if (json.Step()) *records = DecodeRecords(json.Bytes(0));
      json.Reset();
    }
    if (records->empty() || !SamePlace(records->back(), e.path, impl_->locations)) {
      records->clear();
      return false;
    }
    return true;
  } catch (const std::exception&) {
    if (reader) reader->Forget();
    records->clear();
    return false;  // unreadable stored records: scan the file instead
  }
}

int64_t StateStore::FileId(const std::string& path, const Known* known) {
  Impl& m = *impl_;
  if (known) {
    if (known->gone) m.clear_gone.Bind(1, known->file_id).Run();
    return known->file_id;
  }
  m.insert_file.BindBlob(1, path).Bind(2, m.sweep.id);
  if (!m.insert_file.Step()) throw StateError("state database: no id for a new file");
  const int64_t id = m.insert_file.Int(0);
  m.insert_file.Reset();
  return id;
}

void StateStore::Done(const WalkEntry& e, const std::vector<Record>& records, bool reused,
                      int64_t scan_started_ns, uintptr_t hint) {
  Impl& m = *impl_;
  if (records.empty()) return;
  WaitIndex();
  if (!m.in_txn) {
    db_->Exec("BEGIN IMMEDIATE");
    m.in_txn = true;
    m.pending = 0;
    m.txn_started = Clock::now();
  }
  // The index entry Lookup found (the index is not modified during the sweep), else a search.
  Known* known = reinterpret_cast<Known*>(hint);
  if (!known) known = m.index.Find(e.path);
  if (known) known->seen = true;
  const int64_t file_id = FileId(e.path, known);
  int64_t version_id = reused && known ? known->version_id : 0;
  if (!version_id) {
    const Record& top = records.back();
    const int64_t reusable_until = ReusableUntil(e, records, scan_started_ns);
    m.insert_version.Bind(1, file_id)
        .Bind(2, m.sweep.id)
        .Bind(3, static_cast<int64_t>(e.st.st_dev))
        .Bind(4, static_cast<int64_t>(e.st.st_ino))
        .Bind(5, static_cast<int64_t>(e.st.st_size))
        .Bind(6, Ns(e.st.st_mtim))
        .Bind(7, Ns(e.st.st_ctim))
        .Bind(8, m.sweep.fingerprint)
        .Bind(9, reusable_until)
        .Bind(10, ToString(top.verdict.data_class))
        .Bind(11, EncodeRecords(records));
    m.insert_version.Run();
    version_id = db_->LastInsertId();
    // The packed form serves re-sweeps only: not kept for records that will never be reused.
    if (reusable_until > 0)
      m.insert_packed.Bind(1, version_id).BindBlob(2, PackRecords(records)).Run();
    m.set_current.Bind(1, file_id)
        .Bind(2, version_id)
        .Bind(3, static_cast<int64_t>(e.st.st_dev))
        .Bind(4, static_cast<int64_t>(e.st.st_ino))
        .Bind(5, static_cast<int64_t>(e.st.st_size))
        .Bind(6, Ns(e.st.st_mtim))
        .Bind(7, Ns(e.st.st_ctim))
        .Bind(8, m.sweep.fingerprint)
        .Bind(9, reusable_until)
        .Run();
  }
  m.done.emplace_back(file_id, version_id);
  if (m.done.size() == kDoneBatch) InsertDoneMarks();
  ++m.pending;
  CommitIfDue(false);
}

// One multi-row INSERT per kDoneBatch files: a re-sweep that reuses every file writes nothing
// else, and one statement per file was a sixth of its time.
void StateStore::InsertDoneMarks() {
  Impl& m = *impl_;
  if (m.done.size() == kDoneBatch) {
    m.mark_done_many.Bind(1, m.sweep.id).Bind(2, m.sweep.runs);
    for (size_t i = 0; i < m.done.size(); ++i)
      m.mark_done_many.Bind(static_cast<int>(3 + 2 * i), m.done[i].first)
          .Bind(static_cast<int>(4 + 2 * i), m.done[i].second);
    m.mark_done_many.Run();
  } else {
    for (const auto& [file_id, version_id] : m.done)
      m.mark_done.Bind(1, m.sweep.id)
          .Bind(2, file_id)
          .Bind(3, version_id)
          .Bind(4, m.sweep.runs)
          .Run();
  }
  m.done.clear();
}

void StateStore::CommitIfDue(bool force) {
  Impl& m = *impl_;
  if (!m.in_txn) return;
  if (force || m.pending >= kCommitEvery || Clock::now() - m.txn_started >= kCommitInterval) {
    InsertDoneMarks();
    db_->Exec("COMMIT");
    m.in_txn = false;
  }
}

void StateStore::FinishSweep(bool complete, double elapsed_s) {
  Impl& m = *impl_;
  WaitIndex();
  CommitIfDue(true);
  db_->Exec("BEGIN IMMEDIATE");
  if (complete) {
    // The walk covered the whole tree in this run: files done in an earlier run of the sweep
    // and not seen now were deleted meanwhile; files known before and not seen now are gone.
    // Every file with a record is in the index (loaded at BeginSweep) or was new in this run;
    // so the gone are the index entries under the roots that Done did not see.
    if (m.sweep.runs > 1)
      db_->Prepare("DELETE FROM sweep_files WHERE sweep_id = ? AND run <> ?")
          .Bind(1, m.sweep.id)
          .Bind(2, m.sweep.runs)
          .Run();
    SqliteStmt gone = db_->Prepare("UPDATE files SET gone_sweep = ? WHERE id = ?");
    for (const Known& k : m.index.Entries()) {
      if (k.seen || k.gone) continue;
      bool under = false;
      for (const auto& r : m.sweep.roots) under = under || UnderRoot(k.path, r);
      if (under) gone.Bind(1, m.sweep.id).Bind(2, k.file_id).Run();
    }
  }
  db_->Prepare("UPDATE sweeps SET status = ?, finished = ?, elapsed_s = elapsed_s + ? WHERE id = ?")
      .Bind(1, complete ? "complete" : "interrupted")
      .Bind(2, complete ? static_cast<int64_t>(std::time(nullptr)) : int64_t{0})
      .Bind(3, elapsed_s)
      .Bind(4, m.sweep.id)
      .Run();
  db_->Exec("COMMIT");
  m.sweep.status = complete ? "complete" : "interrupted";
  // Fold the write-ahead log into the database now, while no reader holds it: the next sweep
  // then reads its records from the database file rather than through a large WAL.
  ReleaseReaders();
  db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

void StateStore::ReleaseReaders() { impl_->readers.clear(); }

std::vector<SweepInfo> StateStore::Sweeps() {
  std::vector<SweepInfo> out;
  SqliteStmt q = db_->Prepare(
      "SELECT id, started, finished, roots, fingerprint, status, elapsed_s, runs FROM sweeps ORDER "
      "BY id");
  while (q.Step())
    out.push_back({q.Int(0), q.Int(1), q.IsNull(2) ? 0 : q.Int(2), SplitRoots(q.Bytes(3)), q.Str(4),
                   q.Str(5), q.Real(6), q.Int(7)});
  return out;
}

void StateStore::ForEachRecord(int64_t sweep, const std::function<void(const Record&)>& fn) {
  SqliteStmt q = db_->Prepare(
      "SELECT v.records FROM sweep_files s JOIN files f ON f.id = s.file_id JOIN versions v ON "
      "v.id = s.version_id"
      " WHERE s.sweep_id = ? ORDER BY f.path");
  q.Bind(1, sweep);
  while (q.Step())
    for (const Record& r : DecodeRecords(q.Bytes(0))) fn(r);
}

void StateStore::ForEachChangedFile(int64_t a, int64_t b, const FilePairFn& fn,
                                    const std::vector<int64_t>& skip) {
  const std::unordered_set<int64_t> skipped(skip.begin(), skip.end());
  SqliteStmt q = db_->Prepare(
      "SELECT va.records, vb.records, f.id FROM files f"
      " LEFT JOIN sweep_files sa ON sa.sweep_id = ?1 AND sa.file_id = f.id"
      " LEFT JOIN sweep_files sb ON sb.sweep_id = ?2 AND sb.file_id = f.id"
      " LEFT JOIN versions va ON va.id = sa.version_id LEFT JOIN versions vb ON vb.id = "
      "sb.version_id"
      " WHERE (sa.version_id IS NOT NULL OR sb.version_id IS NOT NULL) AND sa.version_id IS NOT "
      "sb.version_id"
      " ORDER BY f.path");
  q.Bind(1, a).Bind(2, b);
  while (q.Step())
    if (!skipped.count(q.Int(2)))
      fn(q.IsNull(0) ? std::vector<Record>{} : DecodeRecords(q.Bytes(0)),
         q.IsNull(1) ? std::vector<Record>{} : DecodeRecords(q.Bytes(1)));
}

std::vector<int64_t> StateStore::ForEachMovedFile(int64_t a, int64_t b, const FilePairFn& fn) {
  // Files only in sweep `self` (not in `other`), with that sweep's identity of the file.
  auto only_in = [](const char* self, const char* other) {
    return std::string(
               "SELECT s.file_id, v.dev, v.ino, v.size, v.mtime_ns, v.records, f.path FROM "
               "sweep_files s"
               " JOIN versions v ON v.id = s.version_id JOIN files f ON f.id = s.file_id"
               " WHERE s.sweep_id = ") +
           self + " AND NOT EXISTS (SELECT 1 FROM sweep_files t WHERE t.sweep_id = " + other +
           " AND t.file_id = s.file_id)";
  };
  SqliteStmt q =
      db_->Prepare("WITH old AS (" + only_in("?1", "?2") + "), new AS (" + only_in("?2", "?1") +
                   ") SELECT old.file_id, new.file_id, old.records, new.records FROM old JOIN new"
                   " ON old.dev = new.dev AND old.ino = new.ino AND old.size = new.size"
                   " AND old.mtime_ns = new.mtime_ns ORDER BY new.path, old.path");
  q.Bind(1, a).Bind(2, b);
  std::vector<int64_t> ids;
  std::unordered_set<int64_t> used;  // hard links: one path pairs with one path at most
  while (q.Step()) {
    const int64_t from = q.Int(0), to = q.Int(1);
    if (used.count(from) || used.count(to)) continue;
    used.insert({from, to});
    ids.push_back(from);
    ids.push_back(to);
    fn(DecodeRecords(q.Bytes(2)), DecodeRecords(q.Bytes(3)));
  }
  return ids;
}

Summary StateStore::SummaryOf(const SweepInfo& sweep) {
  Summary s;
  ForEachRecord(sweep.id, [&](const Record& r) { s.Add(r, r.depth == 0); });
  s.roots = sweep.roots;
  s.elapsed_s = sweep.elapsed_s;
  s.started = FormatTimestamp(sweep.started);
  s.finished = sweep.finished ? FormatTimestamp(sweep.finished) : "";
  return s;
}

}  // namespace datasweep
