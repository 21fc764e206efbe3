// Column headers of MIS exports and spreadsheets (SIMS, Arbor, Bromcom, DfE census, payroll):
// a recognised header tells what every cell below it is (SPEC §2 "tables are first-class").
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "classifiers/detector.h"

namespace datasweep {

struct ColumnInfo {
  std::string_view detector_id;  // "upn", "date_of_birth", "person_name", "special_category", …
  DetailKind kind;
  bool identifies;        // a value here names or identifies the row's person
  bool needs_validation;  // cells must pass the detector's own Validate (UPN, NHS, …)
};

// Lower-cases, turns punctuation and `_ / -` into spaces and collapses runs of spaces, and
// splits run-together words at case changes and letter/digit edges:
// "Legal_Surname" → "legal surname", "D.O.B." → "d o b", "DateOfBirth" → "date of birth".
// ClassifyHeader also tries the DfE census style, where an acronym runs into a lower-case word
// ("FSMeligible" → "fsm eligible").
std::string NormaliseHeader(std::string_view header);

// What a header says about its column, or nullopt when it is not a personal-data column.
std::optional<ColumnInfo> ClassifyHeader(std::string_view header);
// The same answer found by testing every rule in order: the definition ClassifyHeader's index
// is held to (tests/classifiers/header_variants_test.cc).
std::optional<ColumnInfo> ClassifyHeaderByScan(std::string_view header);

// The DetectorInfo used for findings that come from a column header alone (person_name,
// street_address, special_category, salary, bank_account), for ids with no pattern detector.
const DetectorInfo& HeaderDetectorInfo(std::string_view detector_id);

// True when a cell's value in a special-category or flag column means "no" ("N", "No", "None",
// "false", "0", "-", "n/a", "Not known") and so says nothing about the person.
bool NegativeFlag(std::string_view cell);

}  // namespace datasweep
