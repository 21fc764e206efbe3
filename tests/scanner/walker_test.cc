// The walker on real trees: order, links, special files, excludes, descriptor bound on deep
// trees, and that a parent swapped for a symbolic link mid-walk cannot redirect it.
#include "scanner/walker.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <filesystem>
#include <map>

#include "tests/scanner/scan_fixture.h"

namespace datasweep {
namespace {

using testing::ScratchDir;

std::vector<WalkEntry> WalkAll(const std::vector<std::string>& roots,
                               const std::vector<std::string>& excludes = {}) {
  Walker w(roots, excludes);
  std::vector<WalkEntry> out;
  WalkEntry e;
  while (w.Next(&e)) out.push_back(e);
  return out;
}

std::vector<std::string> Paths(const std::vector<WalkEntry>& entries, const std::string& root) {
  std::vector<std::string> paths;
  for (const auto& e : entries) paths.push_back(e.path.substr(root.size()));
  return paths;
}

int OpenDescriptors() {
  int n = 0;
  DIR* d = ::opendir("/proc/self/fd");
  while (const dirent* e = ::readdir(d)) n += e->d_name[0] != '.';
  ::closedir(d);
  return n;
}

TEST_CASE("walker: depth-first, names ascending by bytes, full paths, stat filled", "[walker]") {
  ScratchDir dir;
  dir.Write("b/z.txt", "z");
  dir.Write("b/a/deep.txt", "deep");
  dir.Write("a.txt", "aaa");
  dir.Write("c.txt", "c");
  dir.Write("B.txt", "upper");
  const auto entries = WalkAll({dir.Path()});
  CHECK(Paths(entries, dir.Path()) ==
        std::vector<std::string>{"/B.txt", "/a.txt", "/b/a/deep.txt", "/b/z.txt", "/c.txt"});
  for (const auto& e : entries) {
    CHECK(e.error == 0);
    CHECK(e.note.empty());
    CHECK(S_ISREG(e.st.st_mode));
    struct stat st {};
    REQUIRE(::lstat(e.path.c_str(), &st) == 0);
    CHECK(e.st.st_ino == st.st_ino);
    CHECK(e.st.st_size == st.st_size);
    CHECK(e.st.st_mtim.tv_nsec == st.st_mtim.tv_nsec);
  }
}

TEST_CASE("walker: links are reported, never followed; loops and special files", "[walker]") {
  ScratchDir dir;
  ScratchDir outside;
  outside.Write("secret.txt", "outside the tree");
  dir.Write("real/f.txt", "f");
  std::filesystem::create_directory_symlink(outside.Path(), dir.Path("to_outside"));
  std::filesystem::create_directory_symlink(dir.Path(), dir.Path("real/loop"));
  std::filesystem::create_symlink(dir.Path("real/f.txt"), dir.Path("file_link"));
  REQUIRE(::mkfifo(dir.Path("pipe").c_str(), 0600) == 0);
  const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock = dir.Path("sock");
  REQUIRE(sock.size() < sizeof addr.sun_path);
  std::strcpy(addr.sun_path, sock.c_str());
  REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  ::close(s);
  dir.Write("name\xff\xfe.txt", "not utf-8");

  const auto entries = WalkAll({dir.Path()});
  std::map<std::string, WalkEntry> by_path;
  for (const auto& e : entries) by_path[e.path.substr(dir.Path().size())] = e;
  CHECK(by_path.size() == entries.size());
  CHECK(by_path.size() == 7);
  CHECK(by_path["/to_outside"].note == "symbolic link not followed");
  CHECK(S_ISLNK(by_path["/to_outside"].st.st_mode));
  CHECK(by_path["/real/loop"].note == "symbolic link not followed");
  CHECK(by_path["/file_link"].note == "symbolic link not followed");
  CHECK(by_path["/pipe"].note == "named pipe (FIFO) not opened");
  CHECK(by_path["/sock"].note == "socket not opened");
  CHECK(by_path["/real/f.txt"].note.empty());
  CHECK(by_path.count("/name\xff\xfe.txt") == 1);
  for (const auto& [p, e] : by_path) CHECK(p.find("secret") == std::string::npos);
}

TEST_CASE("walker: a directory reached twice (bind mount, or given twice) is walked once",
          "[walker]") {
  ScratchDir dir;
  dir.Write("x/f.txt", "f");
  const auto entries = WalkAll({dir.Path(), dir.Path("x"), dir.Path()});
  CHECK(Paths(entries, dir.Path()) == std::vector<std::string>{"/x/f.txt"});
}

TEST_CASE("walker: excludes by name and by path skip whole folders", "[walker]") {
  ScratchDir dir;
  dir.Write("keep/a.txt", "a");
  dir.Write("keep/skip.tmp", "t");
  dir.Write("node_modules/x.txt", "x");
  dir.Write("sub/private/p.txt", "p");
  dir.Write("sub/public/q.txt", "q");
  const auto entries = WalkAll({dir.Path()}, {"*.tmp", "node_modules", dir.Path("sub/priv*")});
  CHECK(Paths(entries, dir.Path()) == std::vector<std::string>{"/keep/a.txt", "/sub/public/q.txt"});
}

TEST_CASE("walker: unreadable folders and missing roots are reported", "[walker]") {
  ScratchDir dir;
  dir.Write("open/a.txt", "a");
  dir.Write("closed/b.txt", "b");
  const auto entries_missing = WalkAll({dir.Path("nope"), dir.Path("open")});
  REQUIRE(entries_missing.size() == 2);
  CHECK(entries_missing[0].error == ENOENT);
  CHECK(entries_missing[1].path == dir.Path("open/a.txt"));
  if (::geteuid() == 0) return;  // root reads every folder
  REQUIRE(::chmod(dir.Path("closed").c_str(), 0) == 0);
  const auto entries = WalkAll({dir.Path()});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].path == dir.Path("closed"));
  CHECK(entries[0].error == EACCES);
  CHECK(S_ISDIR(entries[0].st.st_mode));
  CHECK(entries[1].path == dir.Path("open/a.txt"));
}

TEST_CASE("walker: a tree deeper than the descriptor bound is walked with bounded descriptors",
          "[walker]") {
  ScratchDir dir;
  const int depth = static_cast<int>(Walker::kMaxOpenDirs) * 3 + 7;
  // Build it relative to a descriptor: the full path is longer than PATH_MAX.
  int fd = ::open(dir.Path().c_str(), O_RDONLY | O_DIRECTORY);
  REQUIRE(fd >= 0);
  for (int i = 0; i < depth; ++i) {
    const std::string name = "d" + std::to_string(i);
    REQUIRE(::mkdirat(fd, name.c_str(), 0755) == 0);
    // A file before and after the subfolder, so every level is revisited on the way up.
    for (const char* f : {"a.txt", "z.txt"}) {
      const int ffd = ::openat(fd, f, O_WRONLY | O_CREAT, 0644);
      REQUIRE(ffd >= 0);
      ::close(ffd);
    }
    const int next = ::openat(fd, name.c_str(), O_RDONLY | O_DIRECTORY);
    ::close(fd);
    fd = next;
    REQUIRE(fd >= 0);
  }
  ::close(fd);

  const int before = OpenDescriptors();
  Walker w({dir.Path()}, {});
  WalkEntry e;
  int files = 0, max_open = 0, a_seen = 0;
  std::string last_z;
  while (w.Next(&e)) {
    REQUIRE(e.error == 0);
    ++files;
    max_open = std::max(max_open, OpenDescriptors() - before);
    if (e.path.size() > 5 && e.path.compare(e.path.size() - 5, 5, "a.txt") == 0) ++a_seen;
    if (e.path.size() > 5 && e.path.compare(e.path.size() - 5, 5, "z.txt") == 0) {
      // z.txt files come deepest first, each one level shallower than the last.
      if (!last_z.empty()) CHECK(last_z.size() > e.path.size());
      last_z = e.path;
    }
  }
  CHECK(files == depth * 2);
  CHECK(a_seen == depth);
  CHECK(last_z == dir.Path("z.txt"));
  CHECK(max_open <= static_cast<int>(Walker::kMaxOpenDirs) + 1);
  CHECK(w.DirectoriesSeen() == static_cast<uint64_t>(depth) + 1);
  CHECK(OpenDescriptors() == before);
}

TEST_CASE("walker: a parent swapped for a symbolic link mid-walk does not lead outside",
          "[walker]") {
  ScratchDir dir;
  ScratchDir outside;
  dir.Write("a/x/f1.txt", "one");
  dir.Write("a/x/f2.txt", "two");
  outside.Write("x/f2.txt", "outside the tree");
  struct stat real_f2 {};
  REQUIRE(::lstat(dir.Path("a/x/f2.txt").c_str(), &real_f2) == 0);

  Walker w({dir.Path()}, {});
  WalkEntry e;
  REQUIRE(w.Next(&e));
  REQUIRE(e.path == dir.Path("a/x/f1.txt"));
  // Swap "a" for a link to a look-alike tree outside, as a hostile user of the share could.
  std::filesystem::rename(dir.Path("a"), dir.Path("moved"));
  std::filesystem::create_directory_symlink(outside.Path(), dir.Path("a"));
  REQUIRE(w.Next(&e));
  CHECK(e.path == dir.Path("a/x/f2.txt"));
  CHECK(e.error == 0);
  CHECK(e.st.st_ino == real_f2.st_ino);  // the file that was in the tree, not the one outside
  CHECK(e.st.st_size == 3);
  // The root was listed before the swap, so neither the link nor "moved" comes up again.
  std::vector<std::string> rest;
  while (w.Next(&e)) rest.push_back(e.path);
  CHECK(rest.empty());
}

}  // namespace
}  // namespace datasweep
