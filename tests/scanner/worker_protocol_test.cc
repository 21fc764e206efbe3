// The parser-worker wire format must carry every Record field exactly, including bytes the
// report's JSON would sanitise, and its framing must survive arbitrary read boundaries.
#include "scanner/worker_protocol.h"

#include <catch2/catch.hpp>

namespace datasweep {
namespace {

Record FullRecord() {
  Record r;
  r.path = "C:\\Staff\\bad\xff name.zip!/inner\x80.docx";
  r.real_path = "/mnt/laptop/Staff/bad\xff name.zip!/inner\x80.docx";
  r.container = "C:\\Staff\\bad\xff name.zip";
  r.size = 123456789012ull;
  r.mtime = -86400 * 3 + 17;  // before the epoch, odd seconds
  r.mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  r.outcome = {ScanStatus::kPartial, "member size limit: content cut at 5 bytes \xfe"};
  r.verdict.data_class = DataClass::kRestricted;
  r.verdict.subjects = 31;
  r.verdict.reasons = {"31 distinct people", "member x is RESTRICTED"};
  r.verdict.detections = {{"uk-upn", 30}, {"email", 2}};
  r.verdict.has_credential = true;
  r.verdict.samples = {{"uk-upn", "A1****67B", "Sheet1!B2\xc3", Confidence::kHigh}};
  r.location.prefix = "/mnt/laptop";
  r.location.kind = LocationKind::kLocal;
  r.location.drive = "C:";
  r.location.encrypted = true;
  r.location.secure = true;
  r.location.pupil_accessible = true;
  r.location.origin = "command line";
  r.violations = {{"local-drive-personal-data", Severity::kHigh, "move it \xff", "002 §12.2"}};
  r.owner = "jsmith";
  r.depth = 2;
  r.attributes = {{"photo", "yes"}, {"camera", "Canon\xff"}};
  return r;
}

void RequireSame(const Record& a, const Record& b) {
  CHECK(a.path == b.path);
  CHECK(a.real_path == b.real_path);
  CHECK(a.container == b.container);
  CHECK(a.size == b.size);
  CHECK(a.mtime == b.mtime);
  CHECK(a.mime == b.mime);
  CHECK(a.outcome.status == b.outcome.status);
  CHECK(a.outcome.reason == b.outcome.reason);
  CHECK(a.verdict.data_class == b.verdict.data_class);
  CHECK(a.verdict.subjects == b.verdict.subjects);
  CHECK(a.verdict.reasons == b.verdict.reasons);
  CHECK(a.verdict.detections == b.verdict.detections);
  CHECK(a.verdict.has_credential == b.verdict.has_credential);
  REQUIRE(a.verdict.samples.size() == b.verdict.samples.size());
  for (size_t i = 0; i < a.verdict.samples.size(); ++i) {
    CHECK(a.verdict.samples[i].detector == b.verdict.samples[i].detector);
    CHECK(a.verdict.samples[i].masked == b.verdict.samples[i].masked);
    CHECK(a.verdict.samples[i].where == b.verdict.samples[i].where);
    CHECK(a.verdict.samples[i].confidence == b.verdict.samples[i].confidence);
  }
  CHECK(a.location.prefix == b.location.prefix);
  CHECK(a.location.kind == b.location.kind);
  CHECK(a.location.drive == b.location.drive);
  CHECK(a.location.encrypted == b.location.encrypted);
  CHECK(a.location.secure == b.location.secure);
  CHECK(a.location.pupil_accessible == b.location.pupil_accessible);
  CHECK(a.location.origin == b.location.origin);
  REQUIRE(a.violations.size() == b.violations.size());
  for (size_t i = 0; i < a.violations.size(); ++i) {
    CHECK(a.violations[i].rule == b.violations[i].rule);
    CHECK(a.violations[i].severity == b.violations[i].severity);
    CHECK(a.violations[i].message == b.violations[i].message);
    CHECK(a.violations[i].source == b.violations[i].source);
  }
  CHECK(a.owner == b.owner);
  CHECK(a.depth == b.depth);
  CHECK(a.attributes == b.attributes);
}

TEST_CASE("a record crosses the worker wire with every field intact, invalid UTF-8 included",
          "[isolation]") {
  const Record r = FullRecord();
  FrameReader reader;
  const std::string frame = EncodeFrame(RecordToWire(r));
  reader.Append(frame.data(), frame.size());
  auto j = reader.Next();
  REQUIRE(j);
  RequireSame(r, RecordFromWire(*j));
  CHECK(reader.Empty());

  const Record empty;  // defaults too: no container, empty reason
  const std::string f2 = EncodeFrame(RecordToWire(empty));
  reader.Append(f2.data(), f2.size());
  RequireSame(empty, RecordFromWire(*reader.Next()));
}

TEST_CASE("frames are cut correctly whatever the read boundaries", "[isolation]") {
  std::string stream;
  for (int i = 0; i < 50; ++i) {
    Record r = FullRecord();
    r.depth = static_cast<uint32_t>(i);
    r.verdict.reasons.assign(static_cast<size_t>(i), std::string(static_cast<size_t>(i) * 7, 'x'));
    stream += EncodeFrame(RecordToWire(r));
  }
  for (size_t chunk : {size_t{1}, size_t{3}, size_t{4096}, stream.size()}) {
    FrameReader reader;
    int seen = 0;
    for (size_t off = 0; off < stream.size(); off += chunk) {
      reader.Append(stream.data() + off, std::min(chunk, stream.size() - off));
      while (auto j = reader.Next()) {
        const Record r = RecordFromWire(*j);
        CHECK(r.depth == static_cast<uint32_t>(seen));
        CHECK(r.verdict.reasons.size() == static_cast<size_t>(seen));
        ++seen;
      }
    }
    CHECK(seen == 50);
    CHECK(reader.Empty());
  }
}

TEST_CASE("a truncated or absurd frame is never taken for a record", "[isolation]") {
  const std::string frame = EncodeFrame(RecordToWire(FullRecord()));
  FrameReader partial;
  partial.Append(frame.data(), frame.size() - 1);
  CHECK_FALSE(partial.Next());
  CHECK_FALSE(partial.Empty());  // the parent treats leftover bytes at EOF as a dead worker

  FrameReader huge;
  const char header[] = {'\xff', '\xff', '\xff', '\x7f'};
  huge.Append(header, 4);
  CHECK_THROWS(huge.Next());
}

}  // namespace
}  // namespace datasweep
