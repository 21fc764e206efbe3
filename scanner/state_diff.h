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
  // "class-changed", "new-file" or "gone".
  std::string change;
  std::string path;       // display path (as in the records)
  std::string real_path;
  std::optional<std::string> container;
  std::string from_class, to_class;  // empty on the side where the record is absent
  // Violations only.
  std::string rule, severity, from_severity, message, source;
};

// Order of changes within one record: violations, then class, then presence.
void DiffRecords(const std::vector<Record>& before, const std::vector<Record>& after,
                 const std::function<void(const Change&)>& emit);

void DiffSweeps(StateStore& state, int64_t from, int64_t to, const std::function<void(const Change&)>& emit);

Json ToJson(const Change& c);

}  // namespace datasweep
