// EmlExtractor: an RFC 5322 / MIME message (.eml). From/To/Cc/Subject (RFC 2047 decoded) are
// sent as text labelled "headers", the Date as attribute email_date (RFC 3339). Text bodies
// are decoded (base64, quoted-printable, charset) and sent labelled "body"; HTML bodies are
// stripped; of a multipart/alternative only the plain-text version is read when there is one.
// Attachments and attached messages become members named by their filename. The message is
// held in memory up to max_member_bytes; beyond that it is read in part (`partial`).
#include <memory>

#include "extractors/charset_util.h"
#include "extractors/extractor.h"
#include "extractors/html_text.h"
#include "extractors/mime_message.h"

namespace datasweep {
namespace {

// Multipart nesting deeper than this is hostile, not mail.
constexpr int kMaxMimeDepth = 32;

struct Walk {
  ExtractContext& ctx;
  TextSink& out;
  Outcome outcome;
  int parts = 0;
  bool stopped = false;
};

std::vector<std::string_view> SplitMultipart(std::string_view body, const std::string& boundary) {
  std::vector<std::string_view> parts;
  const std::string delim = "--" + boundary;
  size_t pos = 0;
  size_t part_start = std::string_view::npos;
  while (pos <= body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.starts_with(delim)) {
      const std::string_view rest = line.substr(delim.size());
      if (part_start != std::string_view::npos) {
        // The line break before the delimiter belongs to the delimiter.
        size_t stop = pos;
        if (stop > part_start && body[stop - 1] == '\n') --stop;
        if (stop > part_start && body[stop - 1] == '\r') --stop;
        parts.push_back(body.substr(part_start, stop - part_start));
      }
      if (rest.starts_with("--")) return parts;
      part_start = std::min(end + 1, body.size());
    }
    if (end == body.size()) break;
    pos = end + 1;
  }
  if (part_start != std::string_view::npos && part_start < body.size())
    parts.push_back(body.substr(part_start));  // unterminated last part
  return parts;
}

std::string DecodeBody(std::string_view body, const MimeHeaders& h) {
  const std::string cte = HeaderValue(h.Get("content-transfer-encoding"));
  if (cte == "base64") return DecodeBase64(body);
  if (cte == "quoted-printable") return DecodeQuotedPrintable(body);
  return std::string(body);
}

void WalkPart(std::string_view part, int depth, Walk& w, bool digest = false);

void EmitText(const std::string& type, const std::string& charset, const std::string& data,
              Walk& w) {
  if (type == "text/html") {
    HtmlTextStream html(w.out, "body", charset);
    if (!html.Feed(data) || !html.Finish()) w.stopped = true;
  } else {
    std::string text = ConvertToUtf8(data, charset);
    if (!text.empty() && text.back() != '\n') text.push_back('\n');
    if (!w.out.OnText(text, "body")) w.stopped = true;
  }
}

void Attach(std::string name, std::string data, Walk& w) {
  const uint64_t cap = std::min(w.ctx.Limits().max_member_bytes, w.ctx.InflateBudget());
  EmbeddedMember m;
  m.name = std::move(name);
  m.declared_size = data.size();
  m.truncated = data.size() > cap;
  if (m.truncated) {
    data.resize(cap);
    w.outcome.Merge({ScanStatus::kPartial, m.name + ": attachment larger than the member limit"});
  }
  m.data = std::move(data);
  if (!w.ctx.ScanEmbedded(std::move(m))) {
    w.outcome.Merge({ScanStatus::kPartial, "member limit reached"});
    w.stopped = true;
  }
}

void WalkMultipart(const MimeHeaders& h, std::string_view body, const std::string& type, int depth,
                   Walk& w) {
  const auto boundary = HeaderParam(h.Get("content-type"), "boundary");
  if (!boundary || boundary->empty()) {
    w.outcome.Merge({ScanStatus::kPartial, "multipart without a boundary"});
    return;
  }
  auto parts = SplitMultipart(body, *boundary);
  if (type == "multipart/alternative" && parts.size() > 1) {
    // Read one version: the plain text if there is one, else the last (richest) part.
    std::string_view chosen = parts.back();
    for (std::string_view p : parts) {
      MimeHeaders ph;
      std::string_view pb;
      ParseMimeHeaders(p, ph, pb);
      const std::string ct = HeaderValue(ph.Get("content-type"));
      if (ct.empty() || ct == "text/plain") chosen = p;
    }
    parts = {chosen};
  }
  for (std::string_view p : parts) {
    if (w.stopped) return;
    WalkPart(p, depth + 1, w, type == "multipart/digest");
  }
}

void WalkPart(std::string_view part, int depth, Walk& w, bool digest) {
  if (depth > kMaxMimeDepth) {
    w.outcome.Merge({ScanStatus::kPartial, "MIME nesting too deep"});
    return;
  }
  MimeHeaders h;
  std::string_view body;
  ParseMimeHeaders(part, h, body);
  const std::string ct_field = h.Get("content-type");
  std::string type = HeaderValue(ct_field);
  if (type.empty()) type = digest ? "message/rfc822" : "text/plain";
  if (type.starts_with("multipart/")) return WalkMultipart(h, body, type, depth, w);
  ++w.parts;
  const std::string disposition_field = h.Get("content-disposition");
  const std::string disposition = HeaderValue(disposition_field);
  std::optional<std::string> filename = HeaderParam(disposition_field, "filename");
  if (!filename) filename = HeaderParam(ct_field, "name");
  const bool is_text = type == "text/plain" || type == "text/html";
  if (is_text && disposition != "attachment" && !filename) {
    EmitText(type, HeaderParam(ct_field, "charset").value_or(""), DecodeBody(body, h), w);
    return;
  }
  std::string name = filename && !filename->empty() ? *filename
                     : type == "message/rfc822"     ? "message " + std::to_string(w.parts) + ".eml"
                                                    : "part " + std::to_string(w.parts);
  // A member name is one path segment inside the message.
  for (char& c : name)
    if (c == '/' || c == '\\') c = '_';
  Attach(std::move(name), DecodeBody(body, h), w);
}

class EmlExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "EmlExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {"message/rfc822"}; }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override;
};

Outcome EmlExtractor::Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const {
  std::string owned;
  std::string_view message;
  Outcome outcome;
  if (const std::string* m = in.Memory()) {
    message = *m;
  } else {
    if (!in.ReadPrefix(owned, ctx.Limits().max_member_bytes))
      return {ScanStatus::kError, "read error"};
    message = owned;
  }
  if (message.size() < in.Size())
    outcome.Merge({ScanStatus::kPartial, "message larger than max_member_bytes; read in part"});
  MimeHeaders h;
  std::string_view body;
  ParseMimeHeaders(message, h, body);
  std::string headers;
  for (const char* name : {"from", "to", "cc", "bcc", "reply-to", "subject"}) {
    const std::string v = h.Get(name);
    if (v.empty()) continue;
    std::string label(name);
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
    headers += label + ": " + DecodeEncodedWords(v) + "\n";
  }
  if (const auto date = MailDateToRfc3339(h.Get("date"))) out.OnAttribute("email_date", *date);
  if (!headers.empty() && !out.OnText(headers, "headers")) return outcome;
  Walk w{ctx, out, outcome};
  WalkPart(message, 0, w);
  return w.outcome;
}

}  // namespace

std::unique_ptr<Extractor> MakeEmlExtractor() { return std::make_unique<EmlExtractor>(); }

}  // namespace datasweep
