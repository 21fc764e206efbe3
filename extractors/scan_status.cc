#include "extractors/scan_status.h"

#include <array>

namespace datasweep {
namespace {
constexpr std::array<std::string_view, 6> kNames = {"complete",    "partial",   "skipped",
                                                    "unsupported", "encrypted", "error"};
}

std::string_view ToString(ScanStatus status) { return kNames[static_cast<int>(status)]; }

std::optional<ScanStatus> ScanStatusFromString(std::string_view name) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == name) return static_cast<ScanStatus>(i);
  return std::nullopt;
}

void Outcome::Merge(const Outcome& other) {
  if (other.status > status) {
    status = other.status;
    reason = other.reason;
  } else if (other.status == status && status != ScanStatus::kComplete && reason.empty()) {
    reason = other.reason;
  }
}

}  // namespace datasweep
