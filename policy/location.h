// Locations (SPEC §4): every scanned path has a kind (local drive, removable medium, share,
// e-mail store) and flags; a table of path prefixes maps paths to them, longest prefix first.
// The `--location PATH=KIND[,encrypted][,secure][,pupil-accessible][,drive=X:]` form is a
// contract: scripts and schedulers depend on it.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace datasweep {

enum class LocationKind { kUnknown, kLocal, kRemovable, kShare, kEmailStore };
std::string_view ToString(LocationKind k);
std::optional<LocationKind> LocationKindFromString(std::string_view s);

struct Location {
  std::string prefix;  // the path prefix this applies to ("/mnt/laptop")
  LocationKind kind = LocationKind::kUnknown;
  bool encrypted = false;  // removable media / disks: dm-crypt, BitLocker, hardware
  bool secure = false;     // shares: staff-only, home drives, MIS area
  bool pupil_accessible = false;
  std::string drive;   // display drive ("C:"); paths below `prefix` show as C:\…
  std::string origin;  // "command line", "policy", "detected"
};

// Parses the command-line form; on error returns nullopt and sets `error` to a sentence.
std::optional<Location> ParseLocationArg(std::string_view arg, std::string* error);

// Longest-prefix lookup over declared locations. Immutable once built; shared by threads.
class LocationTable {
 public:
  // Later entries with the same prefix replace earlier ones (command line after policy).
  void Add(Location location);
  // The location for `real_path` (longest matching prefix on a path-component boundary), or a
  // default with kind kUnknown.
  const Location& Find(std::string_view real_path) const;
  // The path as the user knows it: with `drive=C:` declared for /mnt/laptop,
  // "/mnt/laptop/Users/x.docx" becomes "C:\Users\x.docx"; otherwise unchanged.
  std::string DisplayPath(std::string_view real_path) const;
  const std::vector<Location>& All() const { return locations_; }

 private:
  std::vector<Location> locations_;
  Location unknown_;
};

}  // namespace datasweep
