// Writes the sample records (tests/outputs/sample_records.h) through the csv, sarif and html
// sinks into OUTDIR, plus expected.json (the raw record fields, as nlohmann would write them)
// for the script tests to compare the outputs with. Usage: write_sample_reports OUTDIR
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/sinks/report_sinks.h"
#include "tests/outputs/sample_records.h"

namespace ds = datasweep;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: write_sample_reports OUTDIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  std::filesystem::create_directories(dir);
  const auto records = ds::testing::SampleRecords();
  const auto summary = ds::testing::SampleSummary(records);
  using Factory = std::unique_ptr<ds::RecordSink> (*)(std::ostream&, const ds::SinkOptions&);
  const std::pair<const char*, Factory> formats[] = {{"report.csv", ds::MakeCsvSink},
                                                     {"report.sarif", ds::MakeSarifSink},
                                                     {"report.html", ds::MakeHtmlSink}};
  for (const auto& [name, make] : formats) {
    std::ofstream out(dir / name, std::ios::binary);
    auto sink = make(out, ds::SinkOptions{});
    for (const auto& r : records) sink->Write(r);
    sink->Finish(summary);
    if (!out) {
      std::cerr << "cannot write " << (dir / name) << "\n";
      return 1;
    }
  }
  nlohmann::json expected = nlohmann::json::array();
  for (const auto& r : records) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& v : r.violations) rules.push_back({{"rule", v.rule}, {"source", v.source}});
    expected.push_back({{"path", r.path},
                        {"container", r.container.value_or("")},
                        {"size", r.size},
                        {"class", static_cast<int>(r.verdict.data_class)},
                        {"subjects", r.verdict.subjects},
                        {"owner", r.owner},
                        {"violations", rules}});
  }
  std::ofstream(dir / "expected.json")
      << expected.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return 0;
}
