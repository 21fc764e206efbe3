// Text helpers shared by the report sinks (csv, sarif, html): the one-line forms of a record's
// detections, violations and location, path splitting and escaping. All are pure functions of
// their arguments (thread-safe) and never see a raw detected value: records hold only counts and
// masked samples.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "policy/location.h"
#include "policy/rules.h"
#include "scanner/record.h"

namespace datasweep::sinks {

// `s` with every invalid UTF-8 sequence replaced by U+FFFD, so text outputs stay valid UTF-8
// whatever bytes a file name holds.
std::string ValidUtf8(std::string_view s);

// "upn=31; date_of_birth=31" (detector ids in name order).
std::string JoinDetections(const std::map<std::string, int>& detections);
// "local-drive-personal-data:critical; local-drive-email:high".
std::string JoinViolations(const std::vector<Violation>& violations);
// "a; b; c".
std::string Join(const std::vector<std::string>& items, std::string_view separator);
// "encrypted; secure; pupil-accessible" (only the flags that are set).
std::string LocationFlags(const Location& location);
// "local drive C:", "removable media (not encrypted) /media/usb", "share (pupil-accessible)
// /srv/pupils", "unknown location".
std::string LocationLabel(const Location& location);

// The highest severity among `violations` (kNone when empty).
Severity WorstSeverity(const std::vector<Violation>& violations);

// The file on disk a record belongs to: its outermost container for an archive member or
// attachment, else its own path.
std::string_view OuterPath(const Record& record);
// The member part of a member's path ("folder/inner.docx" for "outer.zip!/folder/inner.docx";
// "b.zip!/c.csv" for "a.zip!/b.zip!/c.csv"), or "" for a file on disk.
std::string_view MemberPath(const Record& record);
// The folder holding `path` (up to the last '/' or '\'), or "." when there is none.
std::string_view ParentFolder(std::string_view path);

// HTML text/attribute escaping of & < > " ' (after making the text valid UTF-8).
std::string HtmlEscape(std::string_view s);

// 64-bit FNV-1a: stable across runs, platforms and versions (used for SARIF fingerprints).
uint64_t Fnv1a64(std::string_view s);

// "1.2 GB", "340 KB", "12 bytes".
std::string HumanBytes(uint64_t bytes);

}  // namespace datasweep::sinks
