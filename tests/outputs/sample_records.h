// Synthetic records for the output-format tests: every location kind, class and status, archive
// members, and hostile file names (formula starters, quotes, commas, newlines, markup, invalid
// UTF-8). No real person's data: names and masked samples are made up.
#pragma once
#include <vector>

#include "scanner/record.h"

namespace datasweep::testing {

// The records, in the order a scan would write them.
std::vector<Record> SampleRecords();

// The summary of a sweep that wrote SampleRecords().
Summary SampleSummary(const std::vector<Record>& records);

}  // namespace datasweep::testing
