// SubjectLedger memory is bounded by what it must remember, not by the size of the file:
// millions of table rows or prose findings leave the ledger's footprint flat, while the
// verdict stays the one the whole-file ledger gave.
#include <catch2/catch.hpp>
#include <random>

#include "classifiers/classifier.h"
#include "classifiers/content_analyzer.h"

using namespace datasweep;

namespace {

const DetectorInfo kName{"person_name", DetailKind::kName, false, "a name"};
const DetectorInfo kUpn{"upn", DetailKind::kIdentifier, true, "a UPN"};
const DetectorInfo kDob{"date_of_birth", DetailKind::kDateOfBirth, false, "a birth date"};
const DetectorInfo kPhone{"phone", DetailKind::kPhone, false, "a phone number"};
const DetectorInfo kSpecial{"special_category", DetailKind::kSpecial, false, "SEN"};
const DetectorInfo kBank{"bank_account", DetailKind::kFinancial, false, "bank details"};

Finding Make(const DetectorInfo& info, std::string value, int64_t row, int64_t offset = -1) {
  Finding f;
  f.detector = &info;
  f.value = std::move(value);
  f.where = "A1";
  f.confidence = Confidence::kHigh;
  f.explanation = "test";
  f.row = row;
  f.offset = offset;
  return f;
}

}  // namespace

TEST_CASE("2 million table rows keep the ledger under a fixed footprint", "[ledger]") {
  SubjectLedger ledger;
  constexpr int kRows = 2000000;
  size_t peak = 0, at_200k = 0;
  for (int r = 0; r < kRows; ++r) {
    ledger.Add(Make(kName, "pupil " + std::to_string(r), r));
    ledger.Add(Make(kUpn, "U" + std::to_string(r), r));
    ledger.Add(Make(kDob, "2012-03-04", r));
    if (r % 10000 == 0) peak = std::max(peak, ledger.ApproxBytes());
    if (r == 200000) at_200k = ledger.ApproxBytes();
  }
  // Two capped hash sets of 100,000 subjects (2 MiB each at most) and a few strings. The
  // former ledger held ~450 B per row: ~900 MB here.
  CHECK(peak < 6u * 1024 * 1024);
  CHECK(ledger.ApproxBytes() <= at_200k);  // flat once the subject cap is reached

  const Verdict v = ledger.Conclude(ClassifierSettings{});
  CHECK(v.data_class == DataClass::kRestricted);
  CHECK(v.subjects == static_cast<int>(SubjectLedger::kMaxTrackedSubjects));
  REQUIRE_FALSE(v.reasons.empty());
  CHECK(v.reasons[0] == "at least 100000 distinct people with PROTECTED data (threshold 10)");
  CHECK(v.detections.at("upn") == kRows);
  CHECK(v.detections.at("person_name") == kRows);
}

TEST_CASE("distinct people are counted exactly below the cap, repeats once", "[ledger]") {
  SubjectLedger ledger;
  // 50,000 rows naming 25,000 pupils twice by UPN, and 1,000 anonymous personal rows.
  for (int r = 0; r < 50000; ++r) {
    ledger.Add(Make(kUpn, "U" + std::to_string(r % 25000), r));
    ledger.Add(Make(kDob, "2012-03-04", r));
  }
  for (int r = 50000; r < 51000; ++r) {
    ledger.Add(Make(kDob, "2012-03-04", r));
    ledger.Add(Make(kPhone, "07700900000", r));
  }
  const Verdict v = ledger.Conclude(ClassifierSettings{});
  CHECK(v.subjects == 26000);
  CHECK(v.reasons[0] == "26000 distinct people with PROTECTED data (threshold 10)");
}

TEST_CASE("2 million prose findings behind the stream mark keep the ledger flat", "[ledger]") {
  SubjectLedger ledger;
  size_t peak = 0;
  int64_t offset = 0;
  for (int i = 0; i < 1000000; ++i) {
    // "Jane Smith, born 04/03/2012" every 60 bytes: a name tied to a birth date.
    ledger.Add(Make(kName, "name " + std::to_string(i % 5000), -1, offset));
    ledger.Add(Make(kDob, "2012-03-04", -1, offset + 20));
    offset += 60;
    if (i % 1000 == 999) {
      ledger.AdvanceProse(offset);
      peak = std::max(peak, ledger.ApproxBytes());
    }
  }
  CHECK(peak < 1024 * 1024);
  const Verdict v = ledger.Conclude(ClassifierSettings{});
  // Names tied to a detail count; the birth dates are next to a name, so are not people.
  CHECK(v.subjects == 5000);
}

TEST_CASE("deciding prose behind the mark gives the verdict of the whole-file ledger", "[ledger]") {
  const DetectorInfo* kinds[] = {&kName, &kUpn, &kDob, &kPhone, &kSpecial, &kBank};
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    std::mt19937 rng(seed);
    SubjectLedger streamed, whole;
    int64_t window = 0;
    for (int w = 0; w < 200; ++w) {
      // One window's findings, in no particular order, then the mark moves to its end.
      const int64_t next = window + 2000 + static_cast<int64_t>(rng() % 2000);
      const int n = static_cast<int>(rng() % (seed % 4 == 0 ? 3 : 12));
      for (int i = 0; i < n; ++i) {
        const DetectorInfo& info = *kinds[rng() % 6];
        const int64_t at = window + static_cast<int64_t>(rng() % (next - window));
        const Finding f = Make(info, std::to_string(rng() % 40), -1, at);
        streamed.Add(f);
        whole.Add(f);
      }
      window = next;
      streamed.AdvanceProse(window);
    }
    const ClassifierSettings s;
    const Verdict a = streamed.Conclude(s), b = whole.Conclude(s);
    INFO("seed " << seed);
    CHECK(a.subjects == b.subjects);
    CHECK(a.data_class == b.data_class);
    CHECK(a.reasons == b.reasons);
    CHECK(a.detections == b.detections);
  }
}

TEST_CASE("a long prose stream through the analyzer keeps the ledger flat", "[ledger]") {
  static const DetectorSet set(DetectorSet::AllDetectors());
  ContentAnalyzer a(set, ClassifierSettings{}, uint64_t{1} << 40);
  const char* forenames[] = {"Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia"};
  const char* surnames[] = {"Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker"};
  std::string chunk;
  size_t peak = 0, after_first = 0;
  for (int block = 0; block < 100; ++block) {
    chunk.clear();
    for (int i = 0; i < 2000; ++i) {
      const int k = block * 2000 + i;
      chunk += std::string("Pupil ") + forenames[k % 8] + " " + surnames[(k / 8) % 7] +
               ", date of birth 0" + std::to_string(1 + k % 9) + "/03/2013, joined the class.\n";
    }
    a.OnText(chunk, "");
    peak = std::max(peak, a.LedgerBytes());
    if (block == 0) after_first = a.LedgerBytes();
  }
  // ~14 MB of prose with 200,000 names: the ledger holds about one window of findings.
  CHECK(peak < 1024 * 1024);
  CHECK(peak < after_first + 256 * 1024);
  const Verdict v = a.Finish();
  CHECK(v.data_class == DataClass::kRestricted);
}
