// WalkAhead hands over exactly the walker's entries, in order, whatever its capacity, and a
// consumer that stops early neither hangs nor leaks the walking thread.
#include "scanner/walk_ahead.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tests/scanner/scan_fixture.h"

namespace datasweep {
namespace {

using testing::ScratchDir;

void MakeTree(const ScratchDir& dir, int folders, int files) {
  for (int d = 0; d < folders; ++d)
    for (int f = 0; f < files; ++f)
      dir.Write("d" + std::to_string(d) + "/f" + std::to_string(f) + ".txt", "x");
}

TEST_CASE("walk ahead: same entries in the same order as the walker, any capacity",
          "[walk_ahead]") {
  ScratchDir dir;
  MakeTree(dir, 7, 30);
  std::vector<std::string> expected;
  {
    Walker w({dir.Path()}, {});
    WalkEntry e;
    while (w.Next(&e)) expected.push_back(e.path);
  }
  REQUIRE(expected.size() == 7 * 30);
  for (size_t capacity : {1, 2, 5, 4096}) {
    Walker w({dir.Path()}, {});
    WalkAhead ahead(w, capacity);
    std::vector<std::string> got;
    while (auto e = ahead.Next()) {
      CHECK(S_ISREG(e->st.st_mode));
      got.push_back(e->path);
    }
    CHECK(got == expected);
    CHECK(ahead.Next() == nullptr);  // stays over
  }
}

TEST_CASE("walk ahead: a consumer that stops early ends the walk", "[walk_ahead]") {
  ScratchDir dir;
  MakeTree(dir, 20, 50);
  for (size_t capacity : {1, 16}) {
    Walker w({dir.Path()}, {});
    {
      WalkAhead ahead(w, capacity);
      for (int i = 0; i < 3; ++i) REQUIRE(ahead.Next() != nullptr);
    }  // destroyed with the walker blocked on a full queue: must join, not hang
    SUCCEED("stopped after 3 entries with capacity " << capacity);
  }
}

TEST_CASE("walk ahead: an empty walk ends at once", "[walk_ahead]") {
  ScratchDir dir;
  Walker w({dir.Path()}, {});
  WalkAhead ahead(w, 8);
  CHECK(ahead.Next() == nullptr);
}

}  // namespace
}  // namespace datasweep
