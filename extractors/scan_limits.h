// ScanLimits: the one set of limits threaded through every (recursive) extraction, after
// ClamAV's cli_ctx. Hitting any of them makes the record `partial` with the limit named; it is
// never a silent pass. All are policy settings (policy/default_policy.yaml, `limits:`).
#pragma once
#include <cstdint>

namespace datasweep {

struct ScanLimits {
  // Bytes read from one file on disk. Default: 1 GiB (text beyond it is not inspected).
  uint64_t max_file_bytes = 1ull << 30;
  // Inflated bytes of one archive member or attachment held in memory. Default: 64 MiB.
  uint64_t max_member_bytes = 64ull << 20;
  // Inflated bytes of all members of one top-level file together. Default: 512 MiB.
  uint64_t max_total_inflated = 512ull << 20;
  // Inflated/compressed ratio above which a member is treated as a bomb. Default: 100.
  uint32_t max_ratio = 100;
  // Container nesting depth (a.zip!/b.zip!/c.csv is depth 2). Default: 10.
  uint32_t max_depth = 10;
  // Members scanned per top-level file, all depths together. Default: 10,000.
  uint32_t max_members = 10000;
  // Wall-clock budget for one top-level file, members included. Default: 120 s.
  uint32_t max_seconds = 120;
  // Text scanned per file (after extraction) before the rest is skipped. Default: 256 MiB.
  uint64_t max_text_bytes = 256ull << 20;
  // Address space (RLIMIT_AS) of a parser worker process (scanner/isolation.h); a parser that
  // needs more makes its file `error` "out of memory". Default: 2 GiB.
  uint64_t max_worker_memory = 2ull << 30;
};

}  // namespace datasweep
