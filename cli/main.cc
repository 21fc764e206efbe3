// datasweep: data-classification and DLP scanner for school trusts. See `datasweep --help`.
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli/commands.h"
#include "scanner/isolation_worker.h"

namespace {

constexpr const char* kUsage =
    R"(datasweep — find personal data and misplaced files on drives and shares

Usage:
  datasweep scan PATH... [options]        scan files and folders (see `datasweep scan --help`)
  datasweep report IN.jsonl -f FMT -o FILE  re-render a sweep's JSON Lines as text/csv/sarif/html
  datasweep report --state FILE -f FMT    render a sweep stored by `scan --state FILE`
  datasweep diff --state FILE [-f FMT]    what changed since the previous sweep
  datasweep policy show                   print the default policy (a starting point to edit)
  datasweep policy check FILE             check a policy file, with line numbers for errors
  datasweep detectors [--export-patterns] list the detectors / print their regex set

Exit codes: 0 no violation at or above --fail-on, 1 violations found, 2 usage or fatal error.
)";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
      !std::strcmp(argv[1], "help")) {
    std::cout << kUsage;
    return argc < 2 ? datasweep::kExitError : datasweep::kExitOk;
  }
  const std::string_view cmd = argv[1];
  if (cmd == "__worker")
    return datasweep::RunWorker(argc - 1, argv + 1);  // scanner/isolation_worker.h
  if (cmd == "--version") {
    std::cout << "datasweep 0.1.0\n";
    return 0;
  }
  if (cmd == "scan") return datasweep::RunScanCommand(argc - 1, argv + 1);
  if (cmd == "report") return datasweep::RunReportCommand(argc - 1, argv + 1);
  if (cmd == "diff") return datasweep::RunDiffCommand(argc - 1, argv + 1);
  if (cmd == "policy") return datasweep::RunPolicyCommand(argc - 1, argv + 1);
  if (cmd == "detectors") return datasweep::RunDetectorsCommand(argc - 1, argv + 1);
  std::cerr << "datasweep: unknown command '" << cmd << "'\n\n" << kUsage;
  return datasweep::kExitError;
}
