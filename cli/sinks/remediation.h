// Laptop-return mode (issue 5): per owner, a short list of what to do with the files on a
// local drive or removable medium before the device is handed back or re-imaged —
//   move   PROTECTED/RESTRICTED data and e-mail to the home drive (then delete the local copy);
//   delete stale e-mail (past the six-month retention of 002 §9.1), unapproved software,
//          written-down passwords, and copies: a file whose name (less "Copy of", " - Copy",
//          " (2)") and size match another flagged file of the same owner, or a file already
//          on a secure share (the home drive);
//   check  what could not be inspected (encrypted or unreadable containers).
// One action per file on disk (an archive member's violations act on its outer file); delete
// wins over move, move over check.
//
// Used by the html and console sinks. Records are added as they stream; memory holds only
// the flagged files on local/removable locations (up to a cap) and one key per flagged file on
// a secure share. Not thread-safe (a sink is used from one thread at a time).
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "scanner/record.h"

namespace datasweep::sinks {

enum class RemediationAction { kDelete = 0, kMove = 1, kCheck = 2 };

// "Move to the home drive (then delete the local copy)", "Delete", "Could not be inspected: …".
std::string_view RemediationTitle(RemediationAction a);

struct RemediationItem {
  std::string file;  // display path of the file on disk
  RemediationAction action = RemediationAction::kMove;
  std::string why;              // "RESTRICTED, 31 people", "e-mail older than six months"
  std::set<std::string> rules;  // the violations behind it
};

struct OwnerRemediation {
  std::string owner;
  std::vector<RemediationItem> items;  // by action (delete, move, check), then path
};

class RemediationPlanner {
 public:
  static constexpr size_t kMaxFiles = 20000;

  void Add(const Record& record);
  // The plan, owners in name order. Files beyond kMaxFiles are counted in Dropped().
  std::vector<OwnerRemediation> Plan() const;
  uint64_t Dropped() const { return dropped_; }

 private:
  struct File {
    std::string owner;
    RemediationAction action = RemediationAction::kCheck;
    std::string why;
    std::set<std::string> rules;
    std::string copy_key;  // normalised name + size; "" for members or unflagged data
    DataClass data_class = DataClass::kUnrestricted;
  };
  std::map<std::string, File> files_;                 // outer display path → what to do
  std::map<std::string, std::string> secure_copies_;  // copy key → path on a secure share
  uint64_t dropped_ = 0;
};

// The copy key of a path and size: the base name without copy markers, lower-cased, plus the
// size ("y7 contacts.xlsx|18231"). Exposed for tests.
std::string CopyKey(std::string_view display_path, uint64_t size);

}  // namespace datasweep::sinks
