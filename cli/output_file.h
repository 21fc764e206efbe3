// OutputFile: a report file that is either complete or absent. It is written to a temporary
// file created 0600 beside the target (reports hold masked personal data: owner-only), then
// flushed, fsync'ed and renamed over the target on Commit(). A write error (disk full, an
// unwritable folder) makes Commit() fail and leaves no truncated report behind.
#pragma once
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

namespace datasweep {

class OutputFile {
 public:
  // "-" or "" means standard output (no temporary file).
  static std::unique_ptr<OutputFile> Open(const std::string& path, std::string* error);
  ~OutputFile();  // removes the temporary file if Commit() was not reached

  std::ostream& Stream();
  // Flushes and renames into place. False with `error` set on any failure.
  bool Commit(std::string* error);

 private:
  OutputFile() = default;
  std::string target_, temp_;
  std::ofstream file_;
  bool stdout_ = false, committed_ = false;
};

}  // namespace datasweep
