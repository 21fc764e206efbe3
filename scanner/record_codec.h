// RecordCodec: a compact binary form of a file's records, the fast path of an unchanged
// re-sweep (decoding it costs about a microsecond; parsing the JSON form costs ten times that).
// It is an accelerator, not a contract: the state only decodes it under the settings
// fingerprint it was written with — which includes the scanner binary itself — so layout
// changes between versions never meet. The JSON form stays the durable copy (report, diff).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scanner/record.h"

namespace datasweep {

std::string PackRecords(const std::vector<Record>& records);
// nullopt when `packed` is truncated or malformed.
std::optional<std::vector<Record>> UnpackRecords(std::string_view packed);

}  // namespace datasweep
