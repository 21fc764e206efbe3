// The walker alone: walks ROOT five times and prints the CPU seconds of each walk, to compare
// with `find ROOT -type f -printf '%s %T@\n'` (docs/state.md, "Walker"). Build and run:
//   g++ -O2 -std=c++20 -I. bench/walk_bench.cc scanner/walker.cc -o /tmp/walk_bench
//   /tmp/walk_bench /var/tmp/datasweep-state-bench/tree-tiny-100000
#include <cstdio>
#include <ctime>

#include "scanner/walker.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: walk_bench ROOT\n");
    return 2;
  }
  for (int rep = 0; rep < 5; ++rep) {
    timespec a{}, b{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    datasweep::Walker walker({argv[1]}, {});
    datasweep::WalkEntry e;
    long entries = 0, bytes = 0;
    while (walker.Next(&e)) {
      ++entries;
      bytes += e.st.st_size;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
    std::printf("%ld entries, %ld bytes, %.3f s CPU\n", entries, bytes,
                (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9);
  }
}
