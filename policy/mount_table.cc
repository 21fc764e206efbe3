#include "policy/mount_table.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace datasweep {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxStackDepth = 8;  // dm on dm on … (LVM on LUKS on a partition) is 3 deep

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto octal = [&](size_t k, char max) { return s[k] >= '0' && s[k] <= max; };
    if (s[i] == '\\' && i + 3 < s.size() && octal(i + 1, '3') && octal(i + 2, '7') &&
        octal(i + 3, '7')) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string ReadFirstLine(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  if (in) std::getline(in, line);
  while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

bool Exists(const fs::path& p) {
  std::error_code ec;
  return fs::exists(p, ec);
}

std::string Canonical(const fs::path& p) {
  std::error_code ec;
  fs::path c = fs::canonical(p, ec);
  return ec ? std::string() : c.string();
}

void Note(std::string* why, const std::string& what) {
  if (why->find(what) != std::string::npos) return;
  if (!why->empty()) *why += "; ";
  *why += what;
}

bool Below(std::string_view path, std::string_view dir) {
  if (dir == "/") return true;
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

}  // namespace

std::vector<MountInfoEntry> ParseMountInfo(std::string_view text) {
  std::vector<MountInfoEntry> out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::vector<std::string> f;
    for (std::string w; fields >> w;) f.push_back(w);
    // id parent maj:min root mount-point options [optional…] - fstype source super-options
    size_t sep = 6;
    while (sep < f.size() && f[sep] != "-") ++sep;
    if (sep + 2 >= f.size()) continue;  // no separator, or no fstype and source after it
    MountInfoEntry e;
    const size_t colon = f[2].find(':');
    if (colon == std::string::npos) continue;
    try {
      e.major = static_cast<unsigned>(std::stoul(f[2].substr(0, colon)));
      e.minor = static_cast<unsigned>(std::stoul(f[2].substr(colon + 1)));
    } catch (const std::exception&) {
      continue;
    }
    e.root = Unescape(f[3]);
    e.mount_point = Unescape(f[4]);
    e.fstype = f[sep + 1];
    e.source = Unescape(f[sep + 2]);
    out.push_back(std::move(e));
  }
  return out;
}

MountTable::MountTable(std::string mountinfo_path, std::string sys_root)
    : mountinfo_path_(std::move(mountinfo_path)), sys_root_(std::move(sys_root)) {
  while (sys_root_.size() > 1 && sys_root_.back() == '/') sys_root_.pop_back();
}

bool MountTable::Load(std::string* error) {
  std::ifstream in(mountinfo_path_);
  if (!in) {
    *error = "cannot read " + mountinfo_path_;
    return false;
  }
  std::stringstream text;
  text << in.rdbuf();
  const std::vector<MountInfoEntry> entries = ParseMountInfo(text.str());
  dislocker_points_.clear();
  for (const auto& e : entries)
    if (e.fstype == "fuse.dislocker") dislocker_points_.push_back(e.mount_point);
  mounts_.clear();
  for (const auto& e : entries) {
    MountFacts facts;
    facts.mount = e;
    if (e.fstype == "fuse.dislocker") {
      facts.encrypted = true;
      Note(&facts.why, "BitLocker volume opened by dislocker");
    }
    const std::string dir = DeviceDir(e);
    if (!dir.empty()) Classify(dir, 0, &facts);
    mounts_.push_back(std::move(facts));
  }
  return true;
}

// The sysfs directory of the mount's block device: /sys/dev/block/MAJ:MIN (a symlink into
// /sys/devices), else /sys/class/block/<name> for a /dev/<name> source. "" when neither exists
// (tmpfs, network and most FUSE file systems have no block device).
std::string MountTable::DeviceDir(const MountInfoEntry& m) const {
  if (m.major != 0) {
    const std::string by_number = Canonical(sys_root_ + "/dev/block/" + std::to_string(m.major) +
                                            ":" + std::to_string(m.minor));
    if (!by_number.empty()) return by_number;
  }
  if (m.source.starts_with("/dev/")) {
    const std::string name = fs::path(m.source).filename().string();
    if (!name.empty()) return Canonical(sys_root_ + "/class/block/" + name);
  }
  return "";
}

// Walks a device and what it is stacked on (dm "slaves"): removable if any disk underneath is
// removable or on USB, encrypted if any layer is a dm-crypt target.
void MountTable::Classify(const std::string& dir, int depth, MountFacts* facts) const {
  const fs::path dev(dir);
  const std::string name = dev.filename().string();
  if (facts->device.empty()) facts->device = name;
  const fs::path disk = Exists(dev / "partition") ? dev.parent_path() : dev;
  const std::string disk_name = disk.filename().string();
  if (ReadFirstLine(disk / "removable") == "1") {
    facts->removable = true;
    Note(&facts->why, disk_name + ": removable=1");
  }
  // Only the part below the sysfs root counts: a test's fake root may itself contain "usb".
  std::string devpath = Canonical(disk / "device");
  if (devpath.empty()) devpath = Canonical(disk);
  if (devpath.starts_with(sys_root_)) devpath.erase(0, sys_root_.size());
  if (devpath.find("/usb") != std::string::npos) {
    facts->removable = true;
    Note(&facts->why, disk_name + ": USB");
  }
  const std::string uuid = ReadFirstLine(dev / "dm" / "uuid");
  if (uuid.starts_with("CRYPT-")) {
    facts->encrypted = true;
    const size_t dash = uuid.find('-', 6);
    Note(&facts->why, name + ": " + uuid.substr(0, dash));
  }
  if (LoopBackedByDislocker(dir)) {
    facts->encrypted = true;
    Note(&facts->why, name + ": file in a BitLocker volume (dislocker)");
  }
  if (depth >= kMaxStackDepth) return;
  std::error_code ec;
  for (const auto& slave : fs::directory_iterator(dev / "slaves", ec)) {
    const std::string below = Canonical(slave.path());
    if (!below.empty()) Classify(below, depth + 1, facts);
  }
}

bool MountTable::LoopBackedByDislocker(const std::string& dir) const {
  const std::string backing = ReadFirstLine(fs::path(dir) / "loop" / "backing_file");
  if (backing.empty()) return false;
  for (const auto& point : dislocker_points_)
    if (Below(backing, point)) return true;
  return false;
}

std::vector<Location> MountTable::DetectedLocations() const {
  std::vector<Location> out;
  for (const auto& m : mounts_) {
    if (!m.removable || m.mount.mount_point == "/") continue;
    Location l;
    l.prefix = m.mount.mount_point;
    l.kind = LocationKind::kRemovable;
    l.encrypted = m.encrypted;
    l.origin = "detected (" + m.why + ")";
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace datasweep
