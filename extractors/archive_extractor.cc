// ArchiveExtractor: tar (plain or gzip/bzip2/xz/zstd/lzma-compressed), 7z, cpio, ISO 9660,
// RAR, CAB, and a bare compressed single file (.gz/.bz2/.xz), through libarchive, read from the
// ByteSource with seek support (7z keeps its index at the end) and never unpacked to disk. Each
// regular entry becomes a member; inflated bytes are counted as they arrive and capped by
// max_member_bytes, the inflate budget and the ratio limit. Encrypted entries get their own
// `encrypted` record; an archive whose index itself is encrypted is `encrypted`.
#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>

#include "extractors/extractor.h"

namespace datasweep {
namespace {

constexpr uint64_t kRatioGrace = 1ull << 20;  // see zip_archive.cc

struct SourceCursor {
  const ByteSource* in;
  int64_t pos = 0;
  std::string buf = std::string(1 << 16, '\0');
};

la_ssize_t ReadCallback(struct archive* a, void* user, const void** out) {
  auto* c = static_cast<SourceCursor*>(user);
  if (const std::string* m = c->in->Memory()) {  // members: hand out the bytes in place
    const int64_t left = static_cast<int64_t>(m->size()) - c->pos;
    if (left <= 0) return 0;
    const int64_t n = std::min<int64_t>(left, 1 << 20);
    *out = m->data() + c->pos;
    c->pos += n;
    return n;
  }
  const int64_t n = c->in->ReadAt(c->pos, c->buf.data(), c->buf.size());
  if (n < 0) {
    archive_set_error(a, errno, "read error");
    return -1;
  }
  c->pos += n;
  *out = c->buf.data();
  return n;
}

la_int64_t SeekCallback(struct archive*, void* user, la_int64_t offset, int whence) {
  auto* c = static_cast<SourceCursor*>(user);
  const int64_t size = static_cast<int64_t>(c->in->Size());
  int64_t target = whence == SEEK_SET   ? offset
                   : whence == SEEK_CUR ? c->pos + offset
                                        : size + offset;
  if (target < 0) return ARCHIVE_FATAL;
  c->pos = std::min(target, size);
  return c->pos;
}

la_int64_t SkipCallback(struct archive*, void* user, la_int64_t request) {
  auto* c = static_cast<SourceCursor*>(user);
  const int64_t size = static_cast<int64_t>(c->in->Size());
  const int64_t n = std::min<int64_t>(request, std::max<int64_t>(0, size - c->pos));
  c->pos += n;
  return n;
}

// The original file name stored in a gzip header (FNAME), for a bare .gz.
std::string GzipName(const ByteSource& in) {
  std::string head;
  if (!in.ReadPrefix(head, 4096) || head.size() < 10 || head.compare(0, 2, "\x1f\x8b") != 0)
    return "";
  const unsigned flags = static_cast<unsigned char>(head[3]);
  size_t pos = 10;
  if (flags & 4) {  // FEXTRA
    if (pos + 2 > head.size()) return "";
    pos += 2 +
           (static_cast<unsigned char>(head[pos]) | static_cast<unsigned char>(head[pos + 1]) << 8);
  }
  if (!(flags & 8) || pos >= head.size()) return "";
  const size_t end = head.find('\0', pos);
  if (end == std::string::npos) return "";
  std::string name = head.substr(pos, end - pos);
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string::npos)
    name.erase(0, slash + 1);
  return name;
}

bool MentionsEncryption(const char* error) {
  if (!error) return false;
  const std::string e(error);
  return e.find("ncrypt") != std::string::npos || e.find("assphrase") != std::string::npos ||
         e.find("assword") != std::string::npos;
}

class ArchiveReader {
 public:
  ArchiveReader(const ByteSource& in, ExtractContext& ctx) : in_(in), ctx_(ctx), cursor_{&in} {}
  ~ArchiveReader() {
    if (a_) archive_read_free(a_);
  }

  Outcome Run(TextSink& out) {
    a_ = archive_read_new();
    archive_read_support_filter_all(a_);
    archive_read_support_format_tar(a_);
    archive_read_support_format_7zip(a_);
    archive_read_support_format_cpio(a_);
    archive_read_support_format_iso9660(a_);
    archive_read_support_format_rar(a_);
    archive_read_support_format_rar5(a_);
    archive_read_support_format_cab(a_);
    archive_read_support_format_raw(a_);  // a compressed single file; bids last
    archive_read_set_callback_data(a_, &cursor_);
    archive_read_set_read_callback(a_, ReadCallback);
    archive_read_set_seek_callback(a_, SeekCallback);
    archive_read_set_skip_callback(a_, SkipCallback);
    if (archive_read_open1(a_) != ARCHIVE_OK) return Failure("not a readable archive");
    Outcome outcome;
    uint64_t encrypted = 0;
    struct archive_entry* entry;
    for (;;) {
      const int r = archive_read_next_header(a_, &entry);
      if (r == ARCHIVE_EOF) break;
      if (r < ARCHIVE_WARN) {
        outcome.Merge(Failure("damaged archive"));
        if (outcome.status == ScanStatus::kError && members_ > 0)
          outcome.status = ScanStatus::kPartial;
        break;
      }
      if (ctx_.Expired()) {
        outcome.Merge({ScanStatus::kPartial, "time limit reached"});
        break;
      }
      if (archive_entry_filetype(entry) != AE_IFREG) continue;
      const std::string name = EntryName(entry);
      if (archive_entry_is_encrypted(entry)) {
        ++encrypted;
        ctx_.ReportMember(name, archive_entry_size(entry),
                          {ScanStatus::kEncrypted, "password-protected archive entry"});
        continue;
      }
      if (!ReadMember(entry, name, outcome)) break;
    }
    if (encrypted) out.OnAttribute("encrypted_parts", std::to_string(encrypted));
    return outcome;
  }

 private:
  Outcome Failure(const char* what) {
    const char* e = archive_error_string(a_);
    if (MentionsEncryption(e))
      return {ScanStatus::kEncrypted, "archive is password-protected (" + std::string(e) + ")"};
    return {ScanStatus::kError, std::string(what) + (e ? ": " + std::string(e) : "")};
  }

  std::string EntryName(struct archive_entry* entry) {
    if (archive_format(a_) == ARCHIVE_FORMAT_RAW) {
      const std::string gz = GzipName(in_);
      return gz.empty() ? "<data>" : gz;
    }
    const char* n = archive_entry_pathname_utf8(entry);
    if (!n) n = archive_entry_pathname(entry);
    std::string name = n ? n : "<unnamed>";
    while (name.starts_with("./")) name.erase(0, 2);
    return name;
  }

  // Reads one entry into a member and scans it; false when scanning must stop.
  bool ReadMember(struct archive_entry* entry, const std::string& name, Outcome& outcome) {
    const uint64_t cap = std::min(ctx_.Limits().max_member_bytes, ctx_.InflateBudget());
    if (cap == 0) {
      outcome.Merge({ScanStatus::kPartial, "total inflated size limit reached"});
      return false;
    }
    EmbeddedMember m;
    m.name = name;
    m.declared_size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
    if (archive_entry_mtime_is_set(entry)) m.mtime = archive_entry_mtime(entry);
    char buf[65536];
    std::string why;
    for (;;) {
      const la_ssize_t n = archive_read_data(a_, buf, sizeof buf);
      if (n == 0) break;
      if (n < 0) {
        const Outcome f = Failure("corrupt entry");
        if (f.status == ScanStatus::kEncrypted) {
          ctx_.ReportMember(name, m.declared_size, f);
          return true;
        }
        ctx_.ReportMember(name, m.declared_size, f);
        outcome.Merge({ScanStatus::kPartial, name + ": " + f.reason});
        return n != ARCHIVE_FATAL;
      }
      total_inflated_ += n;
      const uint64_t room = cap - m.data.size();
      m.data.append(buf, std::min<uint64_t>(n, room));
      if (static_cast<uint64_t>(n) > room) {
        m.truncated = true;
        why = "inflated size limit of " + std::to_string(cap) + " bytes";
        break;
      }
      const uint64_t consumed = std::max<int64_t>(archive_filter_bytes(a_, -1), 1);
      if (total_inflated_ > kRatioGrace && total_inflated_ / consumed > ctx_.Limits().max_ratio) {
        m.truncated = true;
        why = "compression ratio above " + std::to_string(ctx_.Limits().max_ratio) + " (bomb)";
        break;
      }
    }
    if (m.truncated) outcome.Merge({ScanStatus::kPartial, name + ": " + why});
    ++members_;
    const bool stop_after = m.truncated && why.find("ratio") != std::string::npos;
    if (!ctx_.ScanEmbedded(std::move(m))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      return false;
    }
    return !stop_after;
  }

  const ByteSource& in_;
  ExtractContext& ctx_;
  SourceCursor cursor_;
  struct archive* a_ = nullptr;
  uint64_t total_inflated_ = 0;
  uint64_t members_ = 0;
};

class ArchiveExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "ArchiveExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/x-tar",
            "application/gzip",
            "application/x-gzip",
            "application/x-bzip2",
            "application/x-xz",
            "application/x-lzma",
            "application/zstd",
            "application/x-7z-compressed",
            "application/x-cpio",
            "application/x-iso9660-image",
            "application/vnd.rar",
            "application/x-rar",
            "application/vnd.ms-cab-compressed"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    ArchiveReader reader(in, ctx);
    return reader.Run(out);
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeArchiveExtractor() { return std::make_unique<ArchiveExtractor>(); }

}  // namespace datasweep
