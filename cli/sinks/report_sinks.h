// The report formats of SPEC §5 beyond JSON Lines and the console: csv (for Excel), sarif (for CI
// dashboards) and html (one self-contained file for the DPO). Each is registered in
// cli/sink_list.inc and normally made through MakeSink(); the factories are declared here so
// tests can make them directly. A sink is used from one thread at a time (RecordSink contract)
// and writes nothing but masked samples and counts: a record never holds a raw value.
#pragma once
#include <memory>
#include <ostream>

#include "cli/record_sink.h"

namespace datasweep {

// One row per record: UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting, and a leading ' on
// any cell that a spreadsheet would take as a formula (= + - @ TAB CR). Streams: holds no rows.
std::unique_ptr<RecordSink> MakeCsvSink(std::ostream& out, const SinkOptions& options);

// SARIF 2.1.0: one run, the rule catalogue as rules[], one result per violation. Streams the
// results; messages name the class, place and number of people, never personal data.
std::unique_ptr<RecordSink> MakeSarifSink(std::ostream& out, const SinkOptions& options);

// A self-contained HTML report (no scripts, no external requests, strict CSP). Written at
// Finish; holds per-folder and per-owner aggregates and the flagged records only, up to a cap.
std::unique_ptr<RecordSink> MakeHtmlSink(std::ostream& out, const SinkOptions& options);

}  // namespace datasweep
