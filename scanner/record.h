// Record and Summary: the result of scanning one file or archive member, and of a whole sweep.
// Their JSON form (SPEC §5, one object per line) is the contract every output format, the
// state database and every test builds on: keys may be added, never renamed or dropped.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "classifiers/detector.h"
#include "classifiers/verdict.h"
#include "extractors/scan_status.h"
#include "policy/location.h"
#include "policy/rules.h"

namespace datasweep {

struct Record {
  std::string path;       // display path (drive-mapped; members "a.zip!/b.csv")
  std::string real_path;  // the path on this machine (members: outer's path + "!/…")
  std::optional<std::string> container;  // display path of the outermost container
  uint64_t size = 0;
  int64_t mtime = 0;  // seconds since the epoch (UTC)
  std::string mime;
  Outcome outcome;  // status + status_reason
  Verdict verdict;  // class, subjects, reasons, detections, samples
  Location location;
  std::vector<Violation> violations;
  // Extensions beyond SPEC §5 (additive).
  std::string owner;   // file owner's user name (or uid) for the DPO report
  uint32_t depth = 0;  // 0 on disk; 1 for a.zip!/b, …
  std::map<std::string, std::string> attributes;  // "photo", "camera", "executable", …
};

struct Summary {
  uint64_t files = 0;  // records written (files and members)
  uint64_t bytes = 0;  // bytes of top-level files scanned
  double elapsed_s = 0;
  std::map<std::string, uint64_t> by_class;
  std::map<std::string, uint64_t> by_status;
  std::map<std::string, uint64_t> violations;   // rule id → count
  std::map<std::string, uint64_t> by_severity;  // severity → count
  std::vector<std::string> roots;
  std::string started;  // RFC 3339 UTC
  std::string finished;

  void Add(const Record& r, bool top_level);
};

using Json = nlohmann::ordered_json;

// SPEC §5 serialisation. Invalid UTF-8 in paths is replaced by U+FFFD in `path`/`real_path`
// and the exact bytes are kept base64-encoded in `path_bytes` (absent for valid names).
Json ToJson(const Record& r);
Json ToJson(const Summary& s);
// Parses a `type:file` object back (for `datasweep report IN.jsonl`). Throws on a bad object.
Record RecordFromJson(const Json& j);
Summary SummaryFromJson(const Json& j);

std::string FormatTimestamp(int64_t seconds_since_epoch);  // "2026-03-02T09:14:00Z"
std::optional<int64_t> ParseTimestamp(const std::string& rfc3339);

}  // namespace datasweep
