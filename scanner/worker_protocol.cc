#include "scanner/worker_protocol.h"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>

namespace datasweep {
namespace {

Json LocationExtras(const Location& l) {
  return {{"prefix", l.prefix}, {"origin", l.origin}, {"drive", l.drive}};
}

}  // namespace

Json RecordToWire(const Record& r) {
  Json j = ToJson(r);
  // ToJson replaces invalid UTF-8 with U+FFFD for the report; the wire keeps the bytes.
  j["path"] = r.path;
  j["real_path"] = r.real_path;
  j.erase("path_bytes");
  j["container"] = r.container ? Json(*r.container) : Json(nullptr);
  j["status_reason"] = r.outcome.reason.empty() ? Json(nullptr) : Json(r.outcome.reason);
  for (size_t i = 0; i < r.verdict.samples.size(); ++i) {
    j["samples"][i]["masked"] = r.verdict.samples[i].masked;
    j["samples"][i]["where"] = r.verdict.samples[i].where;
  }
  for (size_t i = 0; i < r.violations.size(); ++i)
    j["violations"][i]["message"] = r.violations[i].message;
  for (const auto& [k, v] : r.attributes) j["attributes"][k] = v;
  j["_wire"] = {{"mtime", r.mtime},
                {"has_credential", r.verdict.has_credential},
                {"location", LocationExtras(r.location)}};
  return j;
}

Record RecordFromWire(const Json& j) {
  Record r = RecordFromJson(j);
  const Json& w = j.at("_wire");
  r.mtime = w.at("mtime").get<int64_t>();
  r.verdict.has_credential = w.at("has_credential").get<bool>();
  const Json& l = w.at("location");
  r.location.prefix = l.at("prefix").get<std::string>();
  r.location.origin = l.at("origin").get<std::string>();
  r.location.drive = l.at("drive").get<std::string>();
  return r;
}

std::string EncodeFrame(const Json& j) {
  std::string frame(4, '\0');
  Json::to_cbor(j, frame);  // appends after the length placeholder
  const uint32_t n = static_cast<uint32_t>(frame.size() - 4);
  for (int i = 0; i < 4; ++i) frame[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return frame;
}

std::optional<Json> FrameReader::Next() {
  const size_t avail = buffer_.size() - consumed_;
  if (avail < 4) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(buffer_.data() + consumed_);
  const uint32_t n = p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t(p[3]) << 24);
  if (n > kMaxFrame) throw std::runtime_error("frame of " + std::to_string(n) + " bytes");
  if (avail < 4 + size_t{n}) return std::nullopt;
  Json j = Json::from_cbor(buffer_.begin() + consumed_ + 4, buffer_.begin() + consumed_ + 4 + n);
  consumed_ += 4 + n;
  if (consumed_ == buffer_.size() || consumed_ > (1u << 20)) {  // keep the buffer small
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return j;
}

bool WriteFrame(int fd, const Json& j) {
  const std::string frame = EncodeFrame(j);
  size_t done = 0;
  while (done < frame.size()) {
    const ssize_t n = ::send(fd, frame.data() + done, frame.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

std::optional<Json> ReadFrame(int fd, FrameReader& reader) {
  char buf[64 * 1024];
  for (;;) {
    if (auto j = reader.Next()) return j;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return std::nullopt;
    reader.Append(buf, static_cast<size_t>(n));
  }
}

}  // namespace datasweep
