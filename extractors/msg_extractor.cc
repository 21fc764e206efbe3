// MsgExtractor: an Outlook item (.msg, MS-OXMSG) read with libgsf. Sender, recipients and
// subject are sent as "headers" text, the plain-text body (or, failing that, the HTML body,
// stripped) as "body", the submit/delivery time as attribute email_date, and each attachment
// (__attach_version1.0_#N/__substg1.0_37010102, named from 3707/3704/3001) is a member.
// Attached Outlook items (embedded message storages) and RTF-only bodies (compressed RTF,
// MS-OXRTFCP) are not decoded in v1: reported as such rather than skipped silently.
#include <gsf/gsf-infile.h>

#include <cstdio>
#include <ctime>
#include <memory>

#include "extractors/charset_util.h"
#include "extractors/extractor.h"
#include "extractors/html_text.h"
#include "extractors/ole2_file.h"

namespace datasweep {
namespace {

constexpr uint64_t kSmallStream = 1 << 20;  // subjects, names, addresses

// A string property by 4-hex-digit id: UTF-16 (001F) first, then 8-bit (001E) in `codepage`.
std::string StringProp(GsfInfile* dir, const char* id, const std::string& codepage) {
  const std::string base = std::string("__substg1.0_") + id;
  if (auto w = Ole2File::ReadStream(dir, base + "001F", kSmallStream)) return Utf16LeToUtf8(*w);
  if (auto a = Ole2File::ReadStream(dir, base + "001E", kSmallStream)) {
    while (!a->empty() && a->back() == '\0') a->pop_back();
    return ConvertToUtf8(*a, codepage);
  }
  return "";
}

uint32_t Le32(const std::string& s, size_t i) {
  return static_cast<unsigned char>(s[i]) | static_cast<unsigned char>(s[i + 1]) << 8 |
         static_cast<unsigned char>(s[i + 2]) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(s[i + 3])) << 24;
}

// Fixed-size properties of the top-level message (__properties_version1.0: a 32-byte header,
// then 16-byte entries of tag, flags, value).
struct FixedProps {
  std::optional<uint64_t> submit_time;  // FILETIME
  std::optional<uint32_t> codepage;
};

FixedProps ReadFixedProps(GsfInfile* root) {
  FixedProps p;
  const auto s = Ole2File::ReadStream(root, "__properties_version1.0", 1 << 20);
  if (!s) return p;
  for (size_t i = 32; i + 16 <= s->size(); i += 16) {
    const uint32_t tag = Le32(*s, i);
    const uint64_t value = Le32(*s, i + 8) | static_cast<uint64_t>(Le32(*s, i + 12)) << 32;
    if (tag == 0x00390040 || (tag == 0x0E060040 && !p.submit_time)) p.submit_time = value;
    if (tag == 0x3FFD0003 || (tag == 0x3FDE0003 && !p.codepage)) p.codepage = Le32(*s, i + 8);
  }
  return p;
}

std::string FileTimeToRfc3339(uint64_t ft) {
  const time_t t = static_cast<time_t>(ft / 10000000ULL) - 11644473600LL;
  struct tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Recipients(GsfInfile* root, const std::string& codepage) {
  std::string out;
  for (const std::string& name : Ole2File::Children(root)) {
    if (!name.starts_with("__recip_version1.0_")) continue;
    GsfInputPtr dir = Ole2File::Child(root, name);
    if (!Ole2File::IsStorage(dir.get())) continue;
    GsfInfile* d = GSF_INFILE(dir.get());
    const std::string display = StringProp(d, "3001", codepage);
    std::string address = StringProp(d, "39FE", codepage);
    if (address.empty()) address = StringProp(d, "3003", codepage);
    out += "Recipient: " + display + (address.empty() ? "" : " <" + address + ">") + "\n";
  }
  return out;
}

void ScanAttachments(GsfInfile* root, const std::string& codepage, ExtractContext& ctx,
                     Outcome& outcome) {
  int n = 0;
  for (const std::string& name : Ole2File::Children(root)) {
    if (!name.starts_with("__attach_version1.0_")) continue;
    GsfInputPtr dir = Ole2File::Child(root, name);
    if (!Ole2File::IsStorage(dir.get())) continue;
    GsfInfile* d = GSF_INFILE(dir.get());
    ++n;
    std::string file = StringProp(d, "3707", codepage);
    if (file.empty()) file = StringProp(d, "3704", codepage);
    if (file.empty()) file = StringProp(d, "3001", codepage);
    if (file.empty()) file = "attachment " + std::to_string(n);
    for (char& c : file)
      if (c == '/' || c == '\\') c = '_';
    if (ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      return;
    }
    const uint64_t cap = std::min(ctx.Limits().max_member_bytes, ctx.InflateBudget());
    bool truncated = false;
    auto data = Ole2File::ReadStream(d, "__substg1.0_37010102", cap, &truncated);
    if (!data) {
      const bool embedded = Ole2File::IsStorage(Ole2File::Child(d, "__substg1.0_3701000D").get());
      ctx.ReportMember(file, 0,
                       {ScanStatus::kUnsupported, embedded ? "attached Outlook item not decoded"
                                                           : "attachment without data"});
      if (embedded)
        outcome.Merge({ScanStatus::kPartial, file + ": attached Outlook item not read"});
      continue;
    }
    EmbeddedMember m;
    m.name = file;
    m.declared_size = data->size();
    m.truncated = truncated;
    m.data = std::move(*data);
    if (truncated) outcome.Merge({ScanStatus::kPartial, file + ": larger than the member limit"});
    if (!ctx.ScanEmbedded(std::move(m))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      return;
    }
  }
}

class MsgExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "MsgExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"application/vnd.ms-outlook"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    // libmagic names PST mailboxes application/vnd.ms-outlook too.
    std::string head;
    if (in.ReadPrefix(head, 4) && head == "!BDN") {
      out.OnAttribute("mail_store", "pst");
      return {ScanStatus::kUnsupported,
              "Outlook PST/OST mailbox: contents not read (no sandboxed PST reader in v1)"};
    }
    std::string error;
    auto file = Ole2File::Open(in, error);
    if (!file) return {ScanStatus::kError, "not a readable Outlook item: " + error};
    return ExtractMsg(*file, ctx, out);
  }
};

}  // namespace

Outcome ExtractMsg(Ole2File& file, ExtractContext& ctx, TextSink& out) {
  GsfInfile* root = file.Root();
  const FixedProps props = ReadFixedProps(root);
  const std::string cp = props.codepage ? "CP" + std::to_string(*props.codepage) : "";
  std::string headers;
  const auto add = [&](const char* label, const std::string& v) {
    if (!v.empty()) headers += std::string(label) + ": " + v + "\n";
  };
  std::string from = StringProp(root, "0C1A", cp);
  std::string from_addr = StringProp(root, "5D01", cp);
  if (from_addr.empty()) from_addr = StringProp(root, "0C1F", cp);
  add("From", from + (from_addr.empty() ? "" : " <" + from_addr + ">"));
  add("To", StringProp(root, "0E04", cp));
  add("Cc", StringProp(root, "0E03", cp));
  add("Subject", StringProp(root, "0037", cp));
  headers += Recipients(root, cp);
  if (props.submit_time) out.OnAttribute("email_date", FileTimeToRfc3339(*props.submit_time));
  if (!headers.empty() && !out.OnText(headers, "headers")) return {};
  Outcome outcome;
  bool body_truncated = false;
  const uint64_t cap = ctx.Limits().max_member_bytes;
  std::string body;
  if (auto w = Ole2File::ReadStream(root, "__substg1.0_1000001F", cap, &body_truncated)) {
    body = Utf16LeToUtf8(*w);
  } else if (auto a = Ole2File::ReadStream(root, "__substg1.0_1000001E", cap, &body_truncated)) {
    body = ConvertToUtf8(*a, cp);
  }
  if (!body.empty()) {
    if (!out.OnText(body, "body")) return outcome;
  } else if (auto html = Ole2File::ReadStream(root, "__substg1.0_10130102", cap, &body_truncated)) {
    HtmlTextStream stream(out, "body", cp);
    if (!stream.Feed(*html) || !stream.Finish()) return outcome;
  } else if (Ole2File::Child(root, "__substg1.0_10090102")) {
    outcome.Merge({ScanStatus::kPartial, "body stored only as compressed RTF (not decoded)"});
  }
  if (body_truncated) outcome.Merge({ScanStatus::kPartial, "body larger than max_member_bytes"});
  ScanAttachments(root, cp, ctx, outcome);
  return outcome;
}

std::unique_ptr<Extractor> MakeMsgExtractor() { return std::make_unique<MsgExtractor>(); }

}  // namespace datasweep
