// State diff: what changed between two stored sweeps — violations new, resolved and changed,
// files newly RESTRICTED or of another class, files new and gone. Records are matched by their
// real path (archive members by "outer!/member"); only files whose stored result differs
// between the two sweeps are decoded, so an unchanged estate diffs in one pass over the index.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scanner/state_store.h"

namespace datasweep {

struct Change {
  // "new-violation", "resolved-violation", "changed-violation", "newly-restricted",
  // "class-changed", "new-file", "gone" or "moved".
  std::string change;
  std::string path;       // display path (as in the records)
  std::string from_path;  // "moved": the display path in the earlier sweep
  std::string real_path;
  std::optional<std::string> container;
  std::string from_class, to_class;  // empty on the side where the record is absent
  // Violations only.
  std::string rule, severity, from_severity, message, source;
};

// Order of changes within one record: violations, then class, then presence.
void DiffRecords(const std::vector<Record>& before, const std::vector<Record>& after,
                 const std::function<void(const Change&)>& emit);

// Each file whose stored result differs between sweeps `from` and `to`: its records in each
// (empty on the side where it is absent). `moved` when it is the same file at a new path; the
// old records' real paths are then rebased on the new path so that they line up.
using FileChangeFn = std::function<void(const std::vector<Record>& before,
                                        const std::vector<Record>& after, bool moved)>;
void ForEachFileChange(StateStore& state, int64_t from, int64_t to, const FileChangeFn& fn);

// The violations of `after` that `before` (the same record in the earlier sweep, or null) did
// not have with the same severity and message: what a report of the diff lists.
std::vector<Violation> NewViolations(const Record* before, const Record& after);

// A file moved or renamed (same device, inode, size and mtime at another path) is reported as
// "moved", followed by the changes of its records between the old and the new path — not as
// one file gone and another new.
void DiffSweeps(StateStore& state, int64_t from, int64_t to,
                const std::function<void(const Change&)>& emit);

Json ToJson(const Change& c);

}  // namespace datasweep
