// Masking: the only form in which a detected value ever leaves the process (SPEC §5).
#pragma once
#include <string>
#include <string_view>

#include "classifiers/detector.h"

namespace datasweep {

// Masks `value` for a report: identifiers keep two leading and up to three trailing characters
// ("AB****56C"), e-mail addresses the first letter and the domain ("j***@gmail.com"), names their
// initials ("J*** S****"), dates the year only ("**/**/2012"); credentials are never shown
// ("[redacted]"). Values too short to mask safely become all asterisks.
std::string Mask(std::string_view value, DetailKind kind);

}  // namespace datasweep
