// Automatic locations: a fake /proc/self/mountinfo and a fake /sys tree laid out like the
// kernel's (devices under /sys/devices, /sys/dev/block/MAJ:MIN and /sys/class/block symlinks,
// dm "slaves" links), classified by MountTable.
#include "policy/mount_table.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>

using namespace datasweep;
namespace fs = std::filesystem;

namespace {

class FakeSys {
 public:
  FakeSys() {
    char tmpl[] = "/tmp/ds_mounts_XXXXXX";
    root_ = mkdtemp(tmpl);
    sys_ = root_ / "sys";
  }
  ~FakeSys() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  // A disk (and its partitions) under `bus` (a path below /sys/devices).
  fs::path Disk(const std::string& bus, const std::string& name, bool removable, unsigned major,
                unsigned minor, std::vector<std::string> partitions) {
    const fs::path hw = sys_ / "devices" / bus;
    const fs::path disk = hw / "block" / name;
    fs::create_directories(disk);
    Write(disk / "removable", removable ? "1\n" : "0\n");
    fs::create_directory_symlink(hw, disk / "device");
    Link(disk, major, minor, name);
    for (size_t i = 0; i < partitions.size(); ++i) {
      const fs::path part = disk / partitions[i];
      fs::create_directories(part);
      Write(part / "partition", std::to_string(i + 1) + "\n");
      Link(part, major, minor + static_cast<unsigned>(i) + 1, partitions[i]);
    }
    return disk;
  }
  // A device-mapper device stacked on `below` (sysfs directories).
  fs::path Dm(const std::string& name, unsigned minor, const std::string& uuid,
              std::vector<fs::path> below) {
    const fs::path dm = sys_ / "devices/virtual/block" / name;
    fs::create_directories(dm / "dm");
    fs::create_directories(dm / "slaves");
    Write(dm / "dm/uuid", uuid + "\n");
    Write(dm / "removable", "0\n");
    for (const auto& b : below) fs::create_directory_symlink(b, dm / "slaves" / b.filename());
    Link(dm, 254, minor, name);
    return dm;
  }
  fs::path Loop(const std::string& name, unsigned minor, const std::string& backing) {
    const fs::path loop = sys_ / "devices/virtual/block" / name;
    fs::create_directories(loop / "loop");
    Write(loop / "loop/backing_file", backing + "\n");
    Write(loop / "removable", "0\n");
    Link(loop, 7, minor, name);
    return loop;
  }
  std::string MountInfo(const std::string& text) {
    Write(root_ / "mountinfo", text);
    return (root_ / "mountinfo").string();
  }
  std::string SysRoot() const { return sys_.string(); }

 private:
  static void Write(const fs::path& p, const std::string& s) { std::ofstream(p) << s; }
  void Link(const fs::path& dir, unsigned major, unsigned minor, const std::string& name) {
    fs::create_directories(sys_ / "dev/block");
    fs::create_directories(sys_ / "class/block");
    fs::create_directory_symlink(
        dir, sys_ / "dev/block" / (std::to_string(major) + ":" + std::to_string(minor)));
    fs::create_directory_symlink(dir, sys_ / "class/block" / name);
  }
  fs::path root_, sys_;
};

const char* kMountInfo =
    "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "25 22 0:21 / /proc rw,nosuid shared:12 - proc proc rw\n"
    "30 22 8:17 / /media/usb\\040stick rw,nosuid shared:5 master:3 - vfat /dev/sdb1 rw,uid=1000\n"
    "31 22 8:33 / /media/ext rw - ntfs3 /dev/sdc1 rw\n"
    "32 22 254:1 / /media/sdcard rw - ext4 /dev/mapper/luks-sd rw\n"
    "33 22 254:0 / /home rw - ext4 /dev/mapper/root rw\n"
    "34 22 254:2 / /media/lvm rw - xfs /dev/mapper/vg-data rw\n"
    "35 22 0:50 / /mnt/bitlocker rw,nosuid - fuse.dislocker dislocker rw,user_id=0\n"
    "36 22 7:0 / /mnt/windows rw - ntfs3 /dev/loop0 rw\n"
    "37 22 0:60 / /srv/share rw - cifs //server/staff rw\n"
    "38 22 0:71 /@data /media/btrfs rw - btrfs /dev/sdf1 rw\n"
    "39 22 0:72 / /tmp rw - tmpfs tmpfs rw\n"
    "garbage line\n";

std::map<std::string, MountFacts> Load(FakeSys& sys) {
  const std::string pci = "pci0000:00/0000:00:14.0/";
  sys.Disk("pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0", "sda", false, 8, 0,
           {"sda1", "sda2"});
  sys.Disk(pci + "usb2/2-1/2-1:1.0/host6/target6:0:0/6:0:0:0", "sdb", true, 8, 16, {"sdb1"});
  // A USB hard disk says removable=0; its USB transport gives it away.
  sys.Disk(pci + "usb3/3-2/3-2:1.0/host7/target7:0:0/7:0:0:0", "sdc", false, 8, 32, {"sdc1"});
  // An SD card in a built-in reader: removable=1, no USB.
  const fs::path sdd =
      sys.Disk("pci0000:00/0000:00:1c.0/mmc0/mmc0:0001", "sdd", true, 8, 48, {"sdd1"});
  const fs::path sde =
      sys.Disk(pci + "usb4/4-1/4-1:1.0/host8/target8:0:0/8:0:0:0", "sde", false, 8, 64, {"sde1"});
  sys.Disk(pci + "usb4/4-2/4-2:1.0/host9/target9:0:0/9:0:0:0", "sdf", false, 8, 80, {"sdf1"});
  const fs::path root_crypt = sys.Dm("dm-0", 0, "CRYPT-LUKS2-0123456789abcdef-root",
                                     {fs::canonical(sys.SysRoot() + "/class/block/sda2")});
  (void)root_crypt;
  sys.Dm("dm-1", 1, "CRYPT-LUKS1-feedface-luks-sd", {sdd / "sdd1"});
  const fs::path crypt_usb = sys.Dm("dm-3", 3, "CRYPT-BITLK-cafe-usbkey", {sde / "sde1"});
  sys.Dm("dm-2", 2, "LVM-abcdefABCDEF", {crypt_usb});
  sys.Loop("loop0", 0, "/mnt/bitlocker/dislocker-file");

  MountTable table(sys.MountInfo(kMountInfo), sys.SysRoot());
  std::string error;
  REQUIRE(table.Load(&error));
  std::map<std::string, MountFacts> by_point;
  for (const auto& m : table.Mounts()) by_point[m.mount.mount_point] = m;
  return by_point;
}

}  // namespace

TEST_CASE("mountinfo lines parse, with escapes and optional fields", "[mounts]") {
  const auto entries = ParseMountInfo(kMountInfo);
  REQUIRE(entries.size() == 12);  // the garbage line is skipped
  CHECK(entries[2].mount_point == "/media/usb stick");
  CHECK(entries[2].major == 8);
  CHECK(entries[2].minor == 17);
  CHECK(entries[2].fstype == "vfat");
  CHECK(entries[2].source == "/dev/sdb1");
  CHECK(entries[10].root == "/@data");
  CHECK(ParseMountInfo("1 2 8:1 / /x rw shared:1\n").empty());  // no separator
}

TEST_CASE("removable and encrypted mounts are told apart from sysfs", "[mounts]") {
  FakeSys sys;
  auto m = Load(sys);
  REQUIRE(m.size() == 12);

  CHECK_FALSE(m["/"].removable);
  CHECK_FALSE(m["/"].encrypted);
  CHECK(m["/"].device == "sda1");

  CHECK(m["/media/usb stick"].removable);  // removable=1 and on USB
  CHECK_FALSE(m["/media/usb stick"].encrypted);
  CHECK(m["/media/usb stick"].why.find("sdb: removable=1") != std::string::npos);

  CHECK(m["/media/ext"].removable);  // removable=0 but USB transport
  CHECK(m["/media/ext"].why.find("sdc: USB") != std::string::npos);

  CHECK(m["/media/sdcard"].removable);  // LUKS on an SD card
  CHECK(m["/media/sdcard"].encrypted);
  CHECK(m["/media/sdcard"].why.find("dm-1: CRYPT-LUKS1") != std::string::npos);

  CHECK_FALSE(m["/home"].removable);  // LUKS on the internal disk
  CHECK(m["/home"].encrypted);

  CHECK(m["/media/lvm"].removable);  // LVM on BitLocker (cryptsetup) on a USB disk
  CHECK(m["/media/lvm"].encrypted);
  CHECK(m["/media/lvm"].device == "dm-2");

  CHECK(m["/mnt/bitlocker"].encrypted);  // dislocker's FUSE volume
  CHECK(m["/mnt/windows"].encrypted);    // NTFS on a loop device over dislocker-file
  CHECK_FALSE(m["/mnt/windows"].removable);

  CHECK(m["/media/btrfs"].removable);  // anonymous dev number: found by /dev/sdf1
  CHECK(m["/media/btrfs"].device == "sdf1");

  for (const char* plain : {"/proc", "/srv/share", "/tmp"}) {
    CHECK_FALSE(m[plain].removable);
    CHECK_FALSE(m[plain].encrypted);
    CHECK(m[plain].device.empty());
  }
}

TEST_CASE("detected locations are the removable mounts", "[mounts]") {
  FakeSys sys;
  Load(sys);
  MountTable table(sys.MountInfo(kMountInfo), sys.SysRoot());
  std::string error;
  REQUIRE(table.Load(&error));
  std::map<std::string, Location> got;
  for (const auto& l : table.DetectedLocations()) got[l.prefix] = l;
  CHECK(got.size() == 5);
  for (const char* p :
       {"/media/usb stick", "/media/ext", "/media/sdcard", "/media/lvm", "/media/btrfs"}) {
    REQUIRE(got.count(p));
    CHECK(got[p].kind == LocationKind::kRemovable);
    CHECK(got[p].origin.starts_with("detected"));
  }
  CHECK_FALSE(got["/media/usb stick"].encrypted);
  CHECK_FALSE(got["/media/ext"].encrypted);
  CHECK(got["/media/sdcard"].encrypted);
  CHECK(got["/media/lvm"].encrypted);
}

TEST_CASE("the command line and policy override a detected location", "[mounts]") {
  FakeSys sys;
  Load(sys);
  MountTable table(sys.MountInfo(kMountInfo), sys.SysRoot());
  std::string error;
  REQUIRE(table.Load(&error));
  LocationTable locations;
  for (auto& l : table.DetectedLocations()) locations.Add(l);
  CHECK(locations.Find("/media/ext/report.xlsx").kind == LocationKind::kRemovable);
  CHECK_FALSE(locations.Find("/media/ext/report.xlsx").encrypted);
  // A hardware-encrypted disk sysfs cannot see into, declared as such.
  locations.Add(*ParseLocationArg("/media/ext=removable,encrypted", &error));
  CHECK(locations.Find("/media/ext/report.xlsx").encrypted);
  CHECK(locations.Find("/media/ext/report.xlsx").origin == "command line");
  // A deeper declared prefix wins inside a detected mount.
  locations.Add(*ParseLocationArg("/media/usb stick/backup=local,drive=C:", &error));
  CHECK(locations.Find("/media/usb stick/backup/a.docx").kind == LocationKind::kLocal);
  CHECK(locations.Find("/media/usb stick/other.docx").kind == LocationKind::kRemovable);
}

TEST_CASE("an unreadable mount table is an error, not a guess", "[mounts]") {
  MountTable table("/nonexistent/mountinfo", "/nonexistent/sys");
  std::string error;
  CHECK_FALSE(table.Load(&error));
  CHECK(error.find("/nonexistent/mountinfo") != std::string::npos);
  CHECK(table.DetectedLocations().empty());
}

TEST_CASE("the real mount table loads on this machine", "[mounts]") {
  MountTable table;
  std::string error;
  if (!table.Load(&error)) return;  // not Linux /proc: nothing to check
  bool root_seen = false;
  for (const auto& m : table.Mounts()) root_seen |= m.mount.mount_point == "/";
  CHECK(root_seen);
  for (const auto& l : table.DetectedLocations()) CHECK(l.prefix != "/");
}
