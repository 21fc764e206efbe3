// The subcommands of the `datasweep` binary (SPEC §8). Each parses its own options with
// Boost.Program_options and returns the process exit code: 0 policy holds / success, 1 a
// violation at or above --fail-on, 2 a usage or fatal error.
#pragma once

namespace datasweep {

int RunScanCommand(int argc, char** argv);  // datasweep scan PATH...
int RunReportCommand(int argc,
                     char** argv);  // datasweep report (IN.jsonl | --state FILE) -f FMT -o FILE
int RunPolicyCommand(int argc, char** argv);     // datasweep policy show | check FILE
int RunDetectorsCommand(int argc, char** argv);  // datasweep detectors [--export-patterns]
int RunDiffCommand(int argc, char** argv);       // datasweep diff --state FILE [--from N --to N]

inline constexpr int kExitOk = 0;
inline constexpr int kExitViolations = 1;
inline constexpr int kExitError = 2;

}  // namespace datasweep
