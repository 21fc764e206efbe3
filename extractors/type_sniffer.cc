#include "extractors/type_sniffer.h"

#include <magic.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace datasweep {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// Text when there is no NUL byte and few control characters in the head. UTF-16 without a BOM
// (every other byte NUL) is also text: the TextExtractor decodes it.
bool LooksLikeText(std::string_view head) {
  if (head.empty()) return true;
  size_t nul_even = 0, nul_odd = 0, control = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const unsigned char c = head[i];
    if (c == 0)
      (i % 2 ? nul_odd : nul_even)++;
    else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != 0x1b)
      control++;
  }
  const size_t half = head.size() / 2;
  if (nul_even + nul_odd == 0) return control * 100 <= head.size();
  // UTF-16: NULs nearly all on one side and that side mostly NUL (ASCII-range text).
  const size_t one_side = std::max(nul_even, nul_odd), other = std::min(nul_even, nul_odd);
  return half > 0 && one_side * 10 >= half * 7 && other * 50 <= half && control * 10 <= head.size();
}

std::string_view SkipSpace(std::string_view s) {
  size_t i = 0;
  if (StartsWith(s, "\xEF\xBB\xBF")) i = 3;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

// Text subtypes from the first lines: markup, RFC 822 mail, mbox; else plain.
std::string_view SniffText(std::string_view head) {
  const std::string_view t = SkipSpace(head);
  if (StartsWithNoCase(t, "<!doctype html") || StartsWithNoCase(t, "<html") ||
      StartsWithNoCase(t, "<head") || StartsWithNoCase(t, "<body"))
    return "text/html";
  if (StartsWith(t, "<?xml")) {
    const std::string_view first = t.substr(0, 512);
    if (first.find("<html") != std::string_view::npos ||
        first.find("xhtml") != std::string_view::npos)
      return "text/html";
    return "text/xml";
  }
  if (StartsWith(t, "{\\rtf")) return "text/rtf";
  if (StartsWith(head, "From ")) return "application/mbox";
  // A mail message starts with header lines; require two well-known ones among the first lines.
  static constexpr std::array<std::string_view, 10> kMailHeaders = {
      "from:",        "to:",           "subject:",    "date:",         "received:",
      "return-path:", "mime-version:", "message-id:", "content-type:", "delivered-to:"};
  int hits = 0;
  size_t pos = 0;
  for (int line = 0; line < 12 && pos < head.size(); ++line) {
    const size_t end = std::min(head.find('\n', pos), head.size());
    const std::string_view l = head.substr(pos, end - pos);
    if (l.empty() || l == "\r") break;
    bool matched = false;
    for (std::string_view h : kMailHeaders)
      if (StartsWithNoCase(l, h)) matched = true;
    if (matched)
      ++hits;
    else if (l[0] != ' ' && l[0] != '\t' && l.find(':') == std::string_view::npos) {
      hits = 0;
      break;
    }
    pos = end + 1;
  }
  if (hits >= 2) return "message/rfc822";
  return "text/plain";
}

}  // namespace

TypeSniffer::TypeSniffer() {
  magic_ = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF | MAGIC_ERROR);
  if (magic_ && magic_load(magic_, nullptr) != 0) {
    magic_close(magic_);
    magic_ = nullptr;
  }
}

TypeSniffer::~TypeSniffer() {
  if (magic_) magic_close(magic_);
}

std::string_view TypeSniffer::SniffMagic(std::string_view h) {
  struct Magic {
    size_t offset;
    std::string_view bytes;
    std::string_view type;
  };
  static constexpr std::array<Magic, 22> kMagic = {{
      {0, "%PDF-", "application/pdf"},
      {0, "\xFF\xFE", "text/plain"},  // UTF-16LE BOM (Notepad's "Unicode")
      {0, "\xFE\xFF", "text/plain"},  // UTF-16BE BOM
      {0, "\x89PNG\r\n\x1a\n", "image/png"},
      {0, "\xFF\xD8\xFF", "image/jpeg"},
      {0, "GIF87a", "image/gif"},
      {0, "GIF89a", "image/gif"},
      {0, "BM", ""},  // too short to trust: let libmagic decide
      {0, "\x1F\x8B", "application/gzip"},
      {0, "BZh", "application/x-bzip2"},
      {0,
       "\xFD"
       "7zXZ",
       "application/x-xz"},
      {0, "7z\xBC\xAF\x27\x1C", "application/x-7z-compressed"},
      {257, "ustar", "application/x-tar"},
      {0, "!BDN", "application/vnd.ms-outlook-pst"},
      {0,
       "\x7F"
       "ELF",
       "application/x-executable"},
      {0, "MZ", "application/x-dosexec"},
      {0, "{\\rtf", "text/rtf"},
      {0, "Rar!\x1A\x07", "application/vnd.rar"},
      {0, "MSCF", "application/vnd.ms-cab-compressed"},
      {4, "ftypheic", "image/heic"},
      {4, "ftypmif1", "image/heif"},
      {0, "II*\0", "image/tiff"},
  }};
  for (const Magic& m : kMagic)
    if (h.size() >= m.offset + m.bytes.size() && h.substr(m.offset, m.bytes.size()) == m.bytes)
      return m.type;
  return "";
}

std::string TypeSniffer::Sniff(std::string_view head, uint64_t size) {
  if (size == 0) return "application/x-empty";
  if (std::string_view t = SniffMagic(head); !t.empty()) return std::string(t);
  // PK and OLE2 are containers whose Office flavour libmagic reads from member names/streams.
  const bool office_container =
      StartsWith(head, "PK\x03\x04") || StartsWith(head, "\xD0\xCF\x11\xE0");
  if (!office_container && LooksLikeText(head.substr(0, 4096))) return std::string(SniffText(head));
  if (magic_) {
    if (const char* m = magic_buffer(magic_, head.data(), head.size()); m && *m) return m;
  }
  if (StartsWith(head, "PK\x03\x04")) return "application/zip";
  return "application/octet-stream";
}

}  // namespace datasweep
