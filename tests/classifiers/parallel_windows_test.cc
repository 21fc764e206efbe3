// ContentAnalyzer with a ParallelFor: prose windows scanned together, in any order, on any
// thread, give the same verdict — classes, counts, reasons, samples and where they are — as
// window by window, on a long text with names, identifiers, text tables and a page change.
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "classifiers/checksums.h"
#include "classifiers/content_analyzer.h"

namespace datasweep {
namespace {

const DetectorSet& Set() {
  static const DetectorSet set(DetectorSet::AllDetectors());
  return set;
}

std::string Upn(int n) {
  char body[32];
  std::snprintf(body, sizeof body, "8012000%02d%03d", 12, n % 1000);
  for (char c : std::string("ABCDEFGHJKLMNPQRTUVWXYZ")) {
    std::string u = c + std::string(body);
    if (checks::UpnValid(u)) return u;
  }
  return "";
}

// About 1.3 MB: prose paragraphs naming pupils, with a text table after paragraphs 1000 and
// 3900 (a table row must record the prose queued before it first: the samples show it).
std::string LongText() {
  static const char* kForenames[] = {"Amara", "Oliver", "Zoë", "Tomasz", "Isla", "Yusuf"};
  static const char* kSurnames[] = {"Okafor", "Nowak", "Thompson", "Begum", "O'Neill", "Patel"};
  std::string text;
  for (int i = 0; i < 4000; ++i) {
    const std::string name = std::string(kForenames[i % 6]) + " " + kSurnames[(i / 6) % 6];
    text += "The head of year met " + name + " about the trip. UPN " + Upn(i) +
            " was checked against the register; the parent's phone is 07700 9" +
            std::to_string(10000 + i % 90000) + ". The minibus leaves at nine.\n";
    text += "The SENCo will review the behaviour policy at the next meeting of the board.\n";
    if (i == 1000 || i == 3900) {
      text += "\nForename  Surname  UPN  Date of birth\n";
      for (int r = 0; r < 5; ++r)
        text += std::string(kForenames[r]) + "  " + kSurnames[(r + i) % 6] + "  " + Upn(i + r) +
                "  0" + std::to_string(1 + r) + "/03/2013\n";
      text += "\n";
    }
  }
  return text;
}

Verdict Analyse(const std::string& text, ContentAnalyzer::ParallelFor parallel_for) {
  ContentAnalyzer a(Set(), ClassifierSettings{}, 1 << 30);
  if (parallel_for) a.SetParallelFor(std::move(parallel_for));
  // Blocks of odd sizes (as an extractor delivers them), the last third on "page 2".
  const size_t third = text.size() * 2 / 3;
  for (size_t pos = 0; pos < text.size();) {
    const size_t n = std::min<size_t>(pos < third ? 50'000 : 70'001, text.size() - pos);
    a.OnText(std::string_view(text).substr(pos, n), pos < third ? "" : "page 2");
    pos += n;
  }
  return a.Finish();
}

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

  size_t batches = 0, largest = 0;
  auto reversed = [&](size_t count, const std::function<void(size_t)>& body) {
    ++batches;
    largest = std::max(largest, count);
    for (size_t i = count; i-- > 0;) body(i);
  };
  CHECK(Describe(Analyse(text, reversed)) == sequential);
  CHECK(batches > 1);
  CHECK(largest == ContentAnalyzer::kParallelWindows);

  auto threads = [](size_t count, const std::function<void(size_t)>& body) {
    std::vector<std::thread> pool;
    for (size_t i = 0; i < count; ++i) pool.emplace_back(body, i);
    for (auto& t : pool) t.join();
  };
  CHECK(Describe(Analyse(text, threads)) == sequential);
}

}  // namespace datasweep
