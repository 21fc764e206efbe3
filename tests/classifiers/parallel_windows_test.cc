// ContentAnalyzer with a ParallelFor: prose windows and table rows scanned together, in any
// order, on any thread, give the same verdict — classes, counts, reasons, samples and where
// they are — as one by one: on a long text with names, identifiers, text tables and a page
// change, and on a document mixing prose with spreadsheet-like tables.
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "classifiers/content_analyzer.h"
#include "tests/identifiers.h"

namespace datasweep {
namespace {

std::string Upn(int n) { return testing::ValidUpn("801200012", n); }
std::string Nhs(int n) { return testing::ValidNhs(n); }

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

// About 2.6 MB: prose paragraphs naming pupils, with a text table after paragraphs 1000 and
// 7900 (a table row must record the prose queued before it first: the samples show it) and
// e-mail addresses between them.
std::string LongText() {
  static const char* kForenames[] = {"Amara", "Oliver", "Zoë", "Tomasz", "Isla", "Yusuf"};
  static const char* kSurnames[] = {"Okafor", "Nowak", "Thompson", "Begum", "O'Neill", "Patel"};
  std::string text;
  for (int i = 0; i < 8000; ++i) {
    const std::string name = std::string(kForenames[i % 6]) + " " + kSurnames[(i / 6) % 6];
    text += "The head of year met " + name + " about the trip. UPN " + Upn(i) +
            " was checked against the register; the parent's phone is 07700 9" +
            std::to_string(10000 + i % 90000) + ". The minibus leaves at nine.\n";
    text += "The SENCo will review the behaviour policy at the next meeting of the board.\n";
    // E-mail addresses only after the first table, two or three a window: their samples come
    // from a batch scanned in the background, so recording its windows out of order shows.
    if (i > 1000 && i % 150 == 0) text += "Write to carer" + std::to_string(i) + "@gmail.com.\n";
    if (i == 1000 || i == 7900) {
      text += "\nForename  Surname  UPN  Date of birth\n";
      for (int r = 0; r < 5; ++r)
        text += std::string(kForenames[r]) + "  " + kSurnames[(r + i) % 6] + "  " + Upn(i + r) +
                "  0" + std::to_string(1 + r) + "/03/2013\n";
      text += "\n";
    }
  }
  return text;
}

Verdict Analyse(const std::string& text, ContentAnalyzer::ParallelFor parallel_for,
                ContentAnalyzer::Background background = nullptr) {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  if (parallel_for) a.SetParallelFor(std::move(parallel_for));
  if (background) a.SetBackground(std::move(background));
  // Blocks of odd sizes (as an extractor delivers them), the last third on "page 2".
  const size_t third = text.size() * 2 / 3;
  for (size_t pos = 0; pos < text.size();) {
    const size_t n = std::min<size_t>(pos < third ? 50'000 : 70'001, text.size() - pos);
    a.OnText(std::string_view(text).substr(pos, n), pos < third ? "" : "page 2");
    pos += n;
  }
  return a.Finish();
}

// A document as a word processor's extractor delivers it: prose, tables (a title row before
// each header, then 600 pupils), prose between them and none after the last. Each kind of
// detail appears where recording out of order would change the samples (the first three of
// each detector): e-mails in table 1's last rows and in the prose after it; IBANs in table 2's
// last rows and in table 3's title; NHS numbers in table 3's last rows and at the very end of
// the prose (in its tail, recorded when the analysis finishes).
Verdict AnalyseDocument(ContentAnalyzer::ParallelFor parallel_for,
                        ContentAnalyzer::Background background = nullptr) {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  if (parallel_for) a.SetParallelFor(std::move(parallel_for));
  if (background) a.SetBackground(std::move(background));
  const std::string iban = "GB82 WEST 1234 5698 7654 32";
  auto table = [&](const std::string& sheet, int first, const std::string& title,
                   const std::string& extra, int extra_from,
                   const std::function<std::string(int)>& value) {
    a.OnCell({sheet, 0, 0}, title);
    const std::string header[] = {"Forename", "Surname", "UPN", "DOB", "Parent phone", extra};
    for (uint32_t c = 0; c < 6; ++c) a.OnCell({sheet, 1, c}, header[c]);
    for (int i = 0; i < 600; ++i) {
      const uint32_t r = 2 + i;
      a.OnCell({sheet, r, 0}, i % 2 ? "Isla" : "Yusuf");
      a.OnCell({sheet, r, 1}, i % 3 ? "Nowak" : "Begum");
      a.OnCell({sheet, r, 2}, Upn(first + i));
      a.OnCell({sheet, r, 3},
               std::to_string(1 + i % 28) + "/0" + std::to_string(1 + i % 9) + "/2013");
      if (i % 5) a.OnCell({sheet, r, 4}, "07700 9" + std::to_string(10000 + i));
      if (i >= extra_from) a.OnCell({sheet, r, 5}, value(i));
    }
  };
  a.OnText("Dear parents, Amara Okafor (7B) and Tom Ng will lead the assembly.\n", "");
  table("Sheet1", 0, "Class list", "Email", 590,
        [](int i) { return "pupil" + std::to_string(i) + "@gmail.com"; });
  // The last line is longer than a pending line may be and ends with the NHS number: no newline
  // follows, so the number is left in the prose tail until the analysis finishes.
  std::string minutes = "Minutes: write to amara.okafor@gmail.com or tom.ng@outlook.com.\n";
  for (int i = 0; i < 200; ++i) minutes += "The minibus leaves at nine. ";
  a.OnText(minutes + "NHS number " + Nhs(5), "");
  table("Sheet2", 600, "Trip list", "Bank IBAN", 597, [&](int) { return iban; });
  table("Sheet3", 1200, "Trip account " + iban, "NHS number", 595, [](int i) { return Nhs(i); });
  return a.Finish();
}

// Backgrounds as a thread pool may behave: the batch runs only when waited for (backwards), or
// at once on a thread of its own (one thread per item) while the caller reads on.
struct Backgrounds {
  size_t launched = 0;
  ContentAnalyzer::Background Deferred() {
    return [this](size_t count, std::function<void(size_t)> body) -> std::function<void()> {
      ++launched;
      return [count, body] {
        for (size_t i = count; i-- > 0;) body(i);
      };
    };
  }
  ContentAnalyzer::Background Threads() {
    return [this](size_t count, std::function<void(size_t)> body) -> std::function<void()> {
      ++launched;
      auto pool = std::make_shared<std::vector<std::thread>>();
      for (size_t i = 0; i < count; ++i) pool->emplace_back(body, i);
      return [pool] {
        for (auto& t : *pool) t.join();
      };
    };
  }
};

std::string Describe(const Verdict& v) {
  std::string out = std::string(ToString(v.data_class)) + " " + std::to_string(v.subjects) + "\n";
  for (const auto& r : v.reasons) out += r + "\n";
  for (const auto& [id, n] : v.detections) out += id + "=" + std::to_string(n) + "\n";
  for (const auto& s : v.samples)
    out += s.detector + " " + s.masked + " @" + s.where + " " +
           std::string(ToString(s.confidence)) + "\n";
  return out;
}

}  // namespace

TEST_CASE("prose windows scanned together give the verdict of one by one", "[content_analyzer]") {
  const std::string text = LongText();
  REQUIRE(text.size() > 12 * ContentAnalyzer::kWindow);
  const std::string sequential = Describe(Analyse(text, nullptr));
  INFO(sequential);
  CHECK(sequential.find("person_name=") != std::string::npos);
  CHECK(sequential.find("upn=") != std::string::npos);
  CHECK(sequential.find("@line ") != std::string::npos);  // samples say their line
  CHECK(sequential.find("email=") != std::string::npos);

  size_t batches = 0, largest = 0;
  auto reversed = [&](size_t count, const std::function<void(size_t)>& body) {
    ++batches;
    largest = std::max(largest, count);
    for (size_t i = count; i-- > 0;) body(i);
  };
  CHECK(Describe(Analyse(text, reversed)) == sequential);
  CHECK(batches > 1);
  CHECK(largest < ContentAnalyzer::kParallelWindows);  // windows of ~50 KB: bounded by bytes

  auto threads = [](size_t count, const std::function<void(size_t)>& body) {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < count; ++i) pool.emplace_back(body, i);
    for (auto& t : pool) t.join();
  };
  CHECK(Describe(Analyse(text, threads)) == sequential);

  // A full batch scanned in the background while the next is read: recorded in the same order.
  Backgrounds deferred, threaded;
  CHECK(Describe(Analyse(text, reversed, deferred.Deferred())) == sequential);
  CHECK(Describe(Analyse(text, threads, threaded.Threads())) == sequential);
  CHECK(deferred.launched > 1);
  CHECK(threaded.launched == deferred.launched);
}

TEST_CASE("table rows scanned together give the verdict of one by one", "[content_analyzer]") {
  const std::string sequential = Describe(AnalyseDocument(nullptr));
  INFO(sequential);
  CHECK(sequential.find("upn=1800") != std::string::npos);
  CHECK(sequential.find("email=") != std::string::npos);
  CHECK(sequential.find("iban=") != std::string::npos);
  CHECK(sequential.find("nhs_number=") != std::string::npos);
  size_t batches = 0;
  auto reversed = [&](size_t count, const std::function<void(size_t)>& body) {
    ++batches;
    for (size_t i = count; i-- > 0;) body(i);
  };
  CHECK(Describe(AnalyseDocument(reversed)) == sequential);
  CHECK(batches >= 6);  // 1,800 rows under settled headers, 256 at a time

  Backgrounds deferred, threaded;
  CHECK(Describe(AnalyseDocument(reversed, deferred.Deferred())) == sequential);
  CHECK(Describe(AnalyseDocument(reversed, threaded.Threads())) == sequential);
  CHECK(deferred.launched >= 6);
}

TEST_CASE("queued table rows are bounded by their text, not only their number",
          "[content_analyzer]") {
  // Rows of 40 cells of 4 KiB (what a cell keeps): 160 KiB a row, so 4 MiB is 26 rows.
  size_t largest = 0, rows = 0;
  auto count = [&](size_t n, const std::function<void(size_t)>& body) {
    largest = std::max(largest, n);
    rows += n;
    for (size_t i = 0; i < n; ++i) body(i);
  };
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  a.SetParallelFor(count);
  for (uint32_t c = 0; c < 40; ++c) a.OnCell({"Sheet1", 0, c}, c % 2 ? "Surname" : "Forename");
  const std::string wide(8000, 'x');
  for (uint32_t r = 1; r <= 200; ++r)
    for (uint32_t c = 0; c < 40; ++c) a.OnCell({"Sheet1", r, c}, wide);
  a.Finish();
  CHECK(rows == 200);
  CHECK(largest <= ContentAnalyzer::kParallelRowBytes / (40 * 4096) + 1);
}

}  // namespace datasweep
