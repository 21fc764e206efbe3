// The private protocol between the sweep and its parser workers (scanner/worker_pool.h): frames
// of a 4-byte little-endian length and a CBOR body, over one Unix stream socket per worker.
//
//   parent → worker: {"t":"init", "policy": YAML text, "now": N, "memory": bytes}  once
//                    {"t":"job", "rec": wire record (path, real_path, mime, location, …),
//                     "skip": {member path: reason}}   (optional: members not to extract)
//   worker → parent: {"t":"ready"}                    once, after init
//                    {"t":"at", "x": extractor name, "p": member path}   entering a member
//                    {"t":"member", "rec": wire record}                 one per member
//                    {"t":"done", "rec": wire record}                   the file itself
//
// A wire record is the SPEC §5 JSON of the Record (ToJson, so the contract code is the one
// exercised) with the fields that form drops or sanitises carried exactly: raw path bytes,
// the location's prefix and origin, has_credential, mtime in seconds. CBOR strings carry any
// bytes, so names with invalid UTF-8 survive the trip. Nothing here is thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "scanner/record.h"

namespace datasweep {

// Record ⇄ wire JSON, lossless for every Record field.
Json RecordToWire(const Record& r);
Record RecordFromWire(const Json& j);  // throws on a malformed object

// Encodes `j` as one frame (length prefix + CBOR).
std::string EncodeFrame(const Json& j);

// Accumulates bytes from a stream and cuts them into frames.
class FrameReader {
 public:
  // Frames larger than this are a protocol error (a confused or hostile worker).
  static constexpr uint32_t kMaxFrame = 256u << 20;
  void Append(const char* data, size_t n) { buffer_.append(data, n); }
  // The next complete frame, or nullopt if more bytes are needed. Throws on a bad frame.
  std::optional<Json> Next();
  bool Empty() const { return buffer_.size() == consumed_; }

 private:
  std::string buffer_;
  size_t consumed_ = 0;
};

// Blocking helpers for the worker side (fd is the socket). WriteFrame returns false if the
// peer is gone; ReadFrame returns nullopt on EOF.
bool WriteFrame(int fd, const Json& j);
std::optional<Json> ReadFrame(int fd, FrameReader& reader);

}  // namespace datasweep
