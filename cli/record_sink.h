// RecordSink: an output format (ripgrep's printers are Sinks). The scanner calls Write once per
// record and Finish once, always from one thread at a time. A sink writes to the stream it was
// given; OutputFile owns the file and decides whether the report is committed.
#pragma once
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "scanner/record.h"

namespace datasweep {

struct SinkOptions {
  bool color = false;    // console only: ANSI colour
  bool verbose = false;  // console only: list every file, not just the flagged ones
};

class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual void Write(const Record& record) = 0;
  virtual void Finish(const Summary& summary) = 0;
};

// Makes the sink for `format` ("text", "jsonl", "csv", "sarif", "html") writing to `out`, or
// nullptr for an unknown format.
std::unique_ptr<RecordSink> MakeSink(std::string_view format, std::ostream& out,
                                     const SinkOptions& options);

// The formats MakeSink knows, for --help and errors.
std::string_view KnownFormats();

}  // namespace datasweep
