// MountTable: automatic locations on Linux (SPEC §4). Reads the kernel's mount table
// (/proc/self/mountinfo) and, for each mount backed by a block device, asks sysfs what the
// device is: removable (`/sys/block/<disk>/removable` is 1, or the device sits on a USB bus)
// and encrypted (a device-mapper target whose `dm/uuid` starts with CRYPT-, i.e. dm-crypt,
// LUKS or BitLocker opened by cryptsetup, anywhere below the mount; or a BitLocker volume
// through dislocker's FUSE file system, or a loop device backed by a file inside one).
//
// Both paths are constructor arguments so tests can run against a fake mountinfo and a fake
// /sys tree. Detected locations are added to a LocationTable before the policy's and the
// command line's, so those override a detection for the same prefix (and a deeper declared
// prefix wins by the longest-prefix rule). Not thread-safe while loading; immutable after.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "policy/location.h"

namespace datasweep {

// One line of /proc/self/mountinfo (proc(5)), with octal escapes (\040 …) decoded.
struct MountInfoEntry {
  unsigned major = 0, minor = 0;
  std::string root;         // the part of the file system mounted here ("/" usually)
  std::string mount_point;  // "/media/usb"
  std::string fstype;       // "vfat", "ext4", "fuse.dislocker"
  std::string source;       // "/dev/sdb1", "/dev/mapper/luks-…", "dislocker"
};

// Parses mountinfo text; malformed lines are skipped.
std::vector<MountInfoEntry> ParseMountInfo(std::string_view text);

// What sysfs says about one mount.
struct MountFacts {
  MountInfoEntry mount;
  std::string device;  // kernel name of the block device ("sdb1", "dm-0"), "" if none
  bool removable = false;
  bool encrypted = false;
  std::string why;  // "sdb: removable=1; dm-0: CRYPT-LUKS2"
};

class MountTable {
 public:
  explicit MountTable(std::string mountinfo_path = "/proc/self/mountinfo",
                      std::string sys_root = "/sys");
  // Reads the mount table and classifies every mount. False (with `error`) when the mount
  // table cannot be read, e.g. not on Linux; sysfs gaps just leave a mount unclassified.
  bool Load(std::string* error);
  const std::vector<MountFacts>& Mounts() const { return mounts_; }
  // A location (kind removable, `encrypted` as detected, origin "detected") for every
  // removable mount other than "/". Encrypted fixed disks are not locations of their own:
  // no rule depends on a fixed disk's encryption, and claiming `local` for the scanning
  // machine's own mounts (a server's shares) would be wrong.
  std::vector<Location> DetectedLocations() const;

 private:
  std::string DeviceDir(const MountInfoEntry& m) const;
  void Classify(const std::string& dir, int depth, MountFacts* facts) const;
  bool LoopBackedByDislocker(const std::string& dir) const;

  std::string mountinfo_path_;
  std::string sys_root_;
  std::vector<MountFacts> mounts_;
  std::vector<std::string> dislocker_points_;  // mount points of fuse.dislocker mounts
};

}  // namespace datasweep
