#include "extractors/zip_archive.h"

#include <zip.h>

#include <algorithm>
#include <cstring>

namespace datasweep {
namespace {

// Below this many inflated bytes the ratio is not judged: tiny, highly repetitive parts (an
// empty sheet, a styles part) legitimately compress far beyond any bomb threshold.
constexpr uint64_t kRatioGrace = 1ull << 20;

// zip_source callback state: a read position over a ByteSource.
struct SourceState {
  const ByteSource* in = nullptr;
  uint64_t pos = 0;
  zip_error_t error;
};

zip_int64_t SourceCallback(void* user, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
  auto* s = static_cast<SourceState*>(user);
  switch (cmd) {
    case ZIP_SOURCE_OPEN:
      s->pos = 0;
      return 0;
    case ZIP_SOURCE_READ: {
      const int64_t n = s->in->ReadAt(s->pos, static_cast<char*>(data), len);
      if (n < 0) {
        zip_error_set(&s->error, ZIP_ER_READ, errno);
        return -1;
      }
      s->pos += n;
      return n;
    }
    case ZIP_SOURCE_CLOSE:
      return 0;
    case ZIP_SOURCE_STAT: {
      zip_stat_t* st = ZIP_SOURCE_GET_ARGS(zip_stat_t, data, len, &s->error);
      if (!st) return -1;
      zip_stat_init(st);
      st->size = s->in->Size();
      st->valid |= ZIP_STAT_SIZE;
      return sizeof(*st);
    }
    case ZIP_SOURCE_ERROR:
      return zip_error_to_data(&s->error, data, len);
    case ZIP_SOURCE_FREE:
      zip_error_fini(&s->error);
      delete s;
      return 0;
    case ZIP_SOURCE_SEEK: {
      const zip_int64_t off =
          zip_source_seek_compute_offset(s->pos, s->in->Size(), data, len, &s->error);
      if (off < 0) return -1;
      s->pos = off;
      return 0;
    }
    case ZIP_SOURCE_TELL:
      return s->pos;
    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap(
          ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR,
          ZIP_SOURCE_FREE, ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS, -1);
    default:
      zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
  }
}

}  // namespace

ZipEntryStream::~ZipEntryStream() { zip_fclose(file_); }

int64_t ZipEntryStream::Read(char* buf, size_t n) {
  if (stop_ != ZipStop::kNone) return stop_ == ZipStop::kError ? -1 : 0;
  if (inflated_ >= cap_) {
    // One probe byte tells "exactly at the cap" from "more beyond it".
    char probe;
    const zip_int64_t r = zip_fread(file_, &probe, 1);
    stop_ = r > 0 ? ZipStop::kCap : ZipStop::kEnd;
    return 0;
  }
  const size_t want = std::min<uint64_t>(n, cap_ - inflated_);
  const zip_int64_t r = zip_fread(file_, buf, want);
  if (r < 0) {
    const char* e = zip_file_strerror(file_);
    error_ = e ? e : "read error";
    stop_ = ZipStop::kError;
    return -1;
  }
  if (r == 0) {
    stop_ = ZipStop::kEnd;
    return 0;
  }
  inflated_ += r;
  if (inflated_ > kRatioGrace && inflated_ / std::max<uint64_t>(comp_size_, 1) > max_ratio_) {
    stop_ = ZipStop::kRatio;
  }
  return r;
}

std::string ZipEntryStream::StopReason() const {
  switch (stop_) {
    case ZipStop::kCap:
      return "inflated size limit of " + std::to_string(cap_) + " bytes";
    case ZipStop::kRatio:
      return "compression ratio above " + std::to_string(max_ratio_) + " (zip bomb)";
    case ZipStop::kError:
      return "corrupt entry: " + error_;
    default:
      return "";
  }
}

std::unique_ptr<ZipArchive> ZipArchive::Open(const ByteSource& in, std::string& error) {
  auto* state = new SourceState;
  state->in = &in;
  zip_error_init(&state->error);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_function_create(SourceCallback, state, &err);
  if (!src) {
    zip_error_fini(&state->error);
    delete state;
    error = zip_error_strerror(&err);
    zip_error_fini(&err);
    return nullptr;
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    error = zip_error_strerror(&err);
    zip_error_fini(&err);
    zip_source_free(src);  // frees `state` through ZIP_SOURCE_FREE
    return nullptr;
  }
  zip_error_fini(&err);
  return std::unique_ptr<ZipArchive>(new ZipArchive(z));
}

ZipArchive::~ZipArchive() { zip_discard(zip_); }

uint64_t ZipArchive::NumEntries() const {
  const zip_int64_t n = zip_get_num_entries(zip_, 0);
  return n < 0 ? 0 : n;
}

bool ZipArchive::Stat(uint64_t index, ZipEntryInfo& info) const {
  zip_stat_t st;
  if (zip_stat_index(zip_, index, 0, &st) != 0) return false;
  info.name = (st.valid & ZIP_STAT_NAME) && st.name ? st.name : "";
  info.size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
  info.comp_size = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  info.is_dir = !info.name.empty() && info.name.back() == '/';
  info.encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
  if (st.valid & ZIP_STAT_MTIME) info.mtime = static_cast<int64_t>(st.mtime);
  return true;
}

std::optional<uint64_t> ZipArchive::Locate(std::string_view name) const {
  const zip_int64_t i = zip_name_locate(zip_, std::string(name).c_str(), 0);
  if (i < 0) return std::nullopt;
  return static_cast<uint64_t>(i);
}

std::unique_ptr<ZipEntryStream> ZipArchive::OpenEntry(uint64_t index, uint64_t cap,
                                                      uint32_t max_ratio, std::string& error) {
  ZipEntryInfo info;
  if (!Stat(index, info)) {
    error = zip_strerror(zip_);
    return nullptr;
  }
  zip_file_t* f = zip_fopen_index(zip_, index, 0);
  if (!f) {
    error = zip_strerror(zip_);
    return nullptr;
  }
  return std::unique_ptr<ZipEntryStream>(new ZipEntryStream(f, info.comp_size, cap, max_ratio));
}

bool ZipArchive::ReadSmall(std::string_view name, uint64_t cap, std::string& out) {
  const auto index = Locate(name);
  if (!index) return false;
  std::string error;
  auto stream = OpenEntry(*index, cap, UINT32_MAX, error);
  if (!stream) return false;
  out.clear();
  char buf[16384];
  for (;;) {
    const int64_t n = stream->Read(buf, sizeof buf);
    if (n < 0) return false;
    if (n == 0) break;
    out.append(buf, n);
  }
  return true;
}

bool ReadZipMember(ZipArchive& zip, uint64_t index, const ZipEntryInfo& info,
                   const ExtractContext& ctx, EmbeddedMember& member, std::string& why) {
  const uint64_t cap = std::min(ctx.Limits().max_member_bytes, ctx.InflateBudget());
  auto stream = zip.OpenEntry(index, cap, ctx.Limits().max_ratio, why);
  if (!stream) return false;
  member.name = info.name;
  member.declared_size = info.size;
  member.compressed_size = info.comp_size;
  member.mtime = info.mtime;
  member.data.clear();
  // Grow as bytes arrive: the declared size may lie, so it only seeds a bounded reservation.
  member.data.reserve(std::min<uint64_t>(info.size, std::min<uint64_t>(cap, 1u << 20)));
  char buf[65536];
  for (;;) {
    const int64_t n = stream->Read(buf, sizeof buf);
    if (n < 0) break;
    if (n == 0) break;
    member.data.append(buf, n);
  }
  switch (stream->Stop()) {
    case ZipStop::kEnd:
      return true;
    case ZipStop::kError:
      why = stream->StopReason();
      return false;
    default:
      member.truncated = true;
      why = stream->StopReason();
      return true;
  }
}

}  // namespace datasweep
