// Dates of birth: a calendar date (day first, as UK schools write them) that is plausible as a
// birth date and stands next to a birth-date word or in a DOB column. Other dates (events,
// invoices, letters) are not personal data.
#include <ctime>

#include "classifiers/date_parse.h"
#include "classifiers/detector.h"

namespace datasweep {
namespace {

class DateOfBirthDetector final : public Detector {
 public:
  const DetectorInfo& Info() const override {
    static constexpr DetectorInfo kInfo{"date_of_birth", DetailKind::kDateOfBirth, false,
                                        "date of birth (needs a DOB word or column)"};
    return kInfo;
  }
  std::vector<std::string> Patterns() const override {
    return {
        R"(\b\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})\b)", R"(\b(?:19|20)\d{2}-\d{2}-\d{2}\b)",
        R"((?i)\b\d{1,2}(?:st|nd|rd|th)?(?: of)?[ \-](?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*,?[ \-](?:19|20)\d{2}\b)"};
  }
  std::vector<std::string_view> ContextWords() const override {
    return {"dob",       "d.o.b", "date of birth", "birth date",
            "birthdate", "born",  "birthday",      "d o b"};
  }
  std::optional<Validated> Validate(const Candidate& c) const override {
    const auto date = ParseUkDate(c.match);
    if (!date) return std::nullopt;
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    const int age = tm.tm_year + 1900 - date->year;
    if (age < 1 || age > 110) return std::nullopt;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date->year, date->month, date->day);
    return Validated{buf, Confidence::kMedium, true, "calendar date, plausible age"};
  }
};

}  // namespace
std::unique_ptr<Detector> MakeDateOfBirthDetector() {
  return std::make_unique<DateOfBirthDetector>();
}
}  // namespace datasweep
