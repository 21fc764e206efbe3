// Parsing of dates as UK documents and MIS exports write them (day first).
#pragma once
#include <optional>
#include <string_view>

namespace datasweep {

struct CivilDate {
  int year, month, day;
};

// "01/03/2012", "1/3/12", "01.03.2012", "01-03-2012", "2012-03-01", "1st March 2012",
// "21st of March, 2012", "01-Mar-2012". Two-digit years pivot on the current century. Returns
// nullopt for an impossible calendar date.
std::optional<CivilDate> ParseUkDate(std::string_view text);
// An Excel/ODS date serial (days since 1899-12-30), as spreadsheets store dates.
std::optional<CivilDate> FromSpreadsheetSerial(double serial);

}  // namespace datasweep
