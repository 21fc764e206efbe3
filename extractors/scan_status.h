// ScanStatus: what was inspected of a file (SPEC §3). Ordered by how much it leaves unseen, so
// the worst of several statuses is the maximum.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace datasweep {

enum class ScanStatus {
  kComplete,     // every byte that can hold text was inspected
  kPartial,      // a limit was hit (size, depth, count, time, ratio); the reason names it
  kSkipped,      // not a regular file (FIFO, socket, device) or a link not followed
  kUnsupported,  // a format datasweep cannot read; never counted as UNRESTRICTED content
  kEncrypted,    // password-protected; the content could not be inspected
  kError,        // could not be read or parsed; the reason says why
};

std::string_view ToString(ScanStatus status);
std::optional<ScanStatus> ScanStatusFromString(std::string_view name);

// A status with its human-readable reason ("" when complete).
struct Outcome {
  ScanStatus status = ScanStatus::kComplete;
  std::string reason;

  static Outcome Complete() { return {}; }
  // Keeps the worse of the two (by enum order), with its reason.
  void Merge(const Outcome& other);
};

}  // namespace datasweep
