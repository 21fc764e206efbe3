// HtmlExtractor: HTML (text/html, XHTML) through HtmlTextStream, and generic XML (text/xml,
// application/xml) through a streaming xmlTextReader. For XML, each text value is written as
// "Element: value" and each attribute as "attribute: value", because in data exports (a Common
// Transfer File's <UPN>, <DOB>) the element name is the only context the detectors get.
#include <libxml/HTMLparser.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "extractors/extractor.h"
#include "extractors/html_text.h"
#include "extractors/text_decoder.h"

namespace datasweep {

struct HtmlTextStream::State {
  State(TextSink& out, std::string where) : text(out, std::move(where)) {}
  TextBuffer text;
  htmlSAXHandler sax{};
  htmlParserCtxtPtr ctxt = nullptr;  // created by the first Feed(), once the charset is known
  std::string charset;               // from the caller (a MIME header), or "" to sniff
  int skip_depth = 0;
  // Table rows come out as one line with tab-separated cells, so a data table reads as a table
  // (classifiers/text_table.h) rather than one word per line.
  int cell_depth = 0;    // inside a <td>/<th> (nested cells count too)
  std::string cell;      // the current cell's text, white space collapsed
  int cells_in_row = 0;  // cells started in the current <tr>
  bool in_row = false;   // between <tr> and </tr>
};

namespace {

bool NameIs(const xmlChar* name, const char* want) {
  return xmlStrcasecmp(name, reinterpret_cast<const xmlChar*>(want)) == 0;
}

bool IsSkipped(const xmlChar* name) {
  return NameIs(name, "script") || NameIs(name, "style") || NameIs(name, "template") ||
         NameIs(name, "noscript");
}

bool IsBlock(const xmlChar* name) {
  static const char* const kBlocks[] = {
      "p",  "div",   "br",         "tr",  "li", "h1", "h2", "h3",      "h4",      "h5",
      "h6", "table", "blockquote", "pre", "hr", "dt", "dd", "section", "article", "title"};
  for (const char* b : kBlocks)
    if (NameIs(name, b)) return true;
  return false;
}

bool IsCell(const xmlChar* name) { return NameIs(name, "td") || NameIs(name, "th"); }
bool IsRowOrTable(const xmlChar* name) { return NameIs(name, "tr") || NameIs(name, "table"); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A cell's text is collected with white space collapsed (as a browser shows it) and written
// when the cell ends; a huge layout cell is written in pieces.
constexpr size_t kMaxCellBuffer = 64 * 1024;

void FlushCell(HtmlTextStream::State* s) {
  while (!s->cell.empty() && s->cell.back() == ' ') s->cell.pop_back();
  s->text.Append(s->cell);
  s->cell.clear();
}

void CellText(HtmlTextStream::State* s, std::string_view text) {
  for (char c : text) {
    if (!IsSpace(c))
      s->cell.push_back(c);
    else if (!s->cell.empty() && s->cell.back() != ' ')
      s->cell.push_back(' ');
  }
  if (s->cell.size() > kMaxCellBuffer) FlushCell(s);
}

// A block inside a cell ("12 High St<br>Leeds") separates words, not rows.
void Break(HtmlTextStream::State* s, const xmlChar* name) {
  if (s->cell_depth > 0 && !IsRowOrTable(name)) {
    CellText(s, " ");
  } else {
    FlushCell(s);
    s->text.EndLine();
  }
}

void OnStart(void* user, const xmlChar* name, const xmlChar**) {
  auto* s = static_cast<HtmlTextStream::State*>(user);
  if (IsSkipped(name)) {
    ++s->skip_depth;
  } else if (IsCell(name)) {
    FlushCell(s);
    if (s->cells_in_row++ > 0) s->text.Append('\t');
    ++s->cell_depth;
  } else if (IsBlock(name)) {
    Break(s, name);
    if (NameIs(name, "tr")) {
      s->cells_in_row = 0;
      s->in_row = true;
    }
  }
}

void OnEnd(void* user, const xmlChar* name) {
  auto* s = static_cast<HtmlTextStream::State*>(user);
  if (IsSkipped(name)) {
    if (s->skip_depth > 0) --s->skip_depth;
  } else if (IsCell(name)) {
    FlushCell(s);
    if (s->cell_depth > 0) --s->cell_depth;
  } else if (IsBlock(name)) {
    Break(s, name);
    if (NameIs(name, "tr")) s->in_row = false;
  }
}

void OnCharacters(void* user, const xmlChar* ch, int len) {
  auto* s = static_cast<HtmlTextStream::State*>(user);
  if (s->skip_depth != 0) return;
  const std::string_view text(reinterpret_cast<const char*>(ch), len);
  if (s->cell_depth > 0) {
    CellText(s, text);
  } else if (!s->in_row) {
    s->text.Append(text);
  } else if (!std::all_of(text.begin(), text.end(), IsSpace)) {
    // Stray text between a row's cells: kept, on the row's line.
    CellText(s, text);
    FlushCell(s);
  }
}

void Quiet(void*, const char*, ...) {}

// The charset to parse with when neither the caller nor the page says: libxml2 falls back to
// ISO-8859-1, which turns a UTF-8 page's "£31,650" into "Â£31,650" (and hid a salary band's
// range). Without a BOM or a charset declaration near the top, a first chunk that is valid
// UTF-8 is read as UTF-8, as browsers' sniffing does; anything else is left to libxml2.
std::string SniffCharset(std::string_view first) {
  std::string top(first.substr(0, 4096));
  for (char& c : top) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (top.find("charset") != std::string::npos || top.find("encoding=") != std::string::npos)
    return {};
  if (first.starts_with("\xEF\xBB\xBF") || first.starts_with("\xFF\xFE") ||
      first.starts_with("\xFE\xFF"))
    return {};
  const std::string_view sample = first.substr(0, 1 << 16);
  return TextDecoder::Detect(sample) == TextDecoder::Encoding::kUtf8 ? "UTF-8" : "";
}

}  // namespace

HtmlTextStream::HtmlTextStream(TextSink& out, std::string where, std::string_view charset)
    : state_(std::make_unique<State>(out, std::move(where))) {
  htmlSAXHandler& sax = state_->sax;
  sax.startElement = OnStart;
  sax.endElement = OnEnd;
  sax.characters = OnCharacters;
  sax.cdataBlock = OnCharacters;
  sax.ignorableWhitespace = OnCharacters;
  sax.warning = Quiet;
  sax.error = Quiet;
  state_->charset = charset;
}

bool HtmlTextStream::Start(std::string_view first) {
  if (started_) return state_->ctxt != nullptr;
  started_ = true;
  const std::string charset = state_->charset.empty() ? SniffCharset(first) : state_->charset;
  xmlCharEncoding enc = XML_CHAR_ENCODING_NONE;
  if (!charset.empty()) enc = xmlParseCharEncoding(charset.c_str());
  if (enc == XML_CHAR_ENCODING_ERROR) enc = XML_CHAR_ENCODING_NONE;
  state_->ctxt = htmlCreatePushParserCtxt(&state_->sax, state_.get(), nullptr, 0, nullptr, enc);
  if (state_->ctxt)
    htmlCtxtUseOptions(state_->ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                         HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  return state_->ctxt != nullptr;
}

HtmlTextStream::~HtmlTextStream() {
  if (state_->ctxt) {
    if (state_->ctxt->myDoc) xmlFreeDoc(state_->ctxt->myDoc);
    htmlFreeParserCtxt(state_->ctxt);
  }
}

bool HtmlTextStream::Feed(std::string_view chunk) {
  if (!Start(chunk) || state_->text.stopped()) return false;
  while (!chunk.empty()) {
    const int n = static_cast<int>(std::min<size_t>(chunk.size(), 1 << 16));
    htmlParseChunk(state_->ctxt, chunk.data(), n, 0);
    chunk.remove_prefix(n);
  }
  return !state_->text.stopped();
}

bool HtmlTextStream::Finish() {
  if (Start({})) htmlParseChunk(state_->ctxt, nullptr, 0, 1);
  FlushCell(state_.get());
  return state_->text.Flush();
}

namespace {

struct SourceReader {
  const ByteSource* in;
  uint64_t pos = 0;
  uint64_t limit;
};

int ReadSource(void* ctx, char* buf, int len) {
  auto* r = static_cast<SourceReader*>(ctx);
  if (r->pos >= r->limit) return 0;
  const int64_t n = r->in->ReadAt(r->pos, buf, std::min<uint64_t>(len, r->limit - r->pos));
  if (n < 0) return -1;
  r->pos += n;
  return static_cast<int>(n);
}

int CloseSource(void*) { return 0; }
void SilenceXml(void*, xmlErrorPtr) {}

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

Outcome ExtractXml(const ByteSource& in, ExtractContext& ctx, TextSink& out) {
  SourceReader src{&in, 0, std::min(in.Size(), ctx.Limits().max_file_bytes)};
  xmlTextReaderPtr reader =
      xmlReaderForIO(ReadSource, CloseSource, &src, nullptr, nullptr,
                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
                         XML_PARSE_RECOVER);
  if (!reader) return {ScanStatus::kError, "cannot start the XML parser"};
  xmlTextReaderSetStructuredErrorHandler(reader, SilenceXml, nullptr);
  TextBuffer text(out, "");
  std::string element;
  Outcome outcome;
  int r;
  uint64_t nodes = 0;
  while (!text.stopped() && (r = xmlTextReaderRead(reader)) == 1) {
    if ((++nodes & 0xFFFF) == 0 && ctx.Expired()) {
      outcome.Merge({ScanStatus::kPartial, "time limit reached"});
      break;
    }
    const int type = xmlTextReaderNodeType(reader);
    if (type == XML_READER_TYPE_ELEMENT) {
      element = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
      while (xmlTextReaderMoveToNextAttribute(reader) == 1) {
        const std::string_view v =
            Trim(reinterpret_cast<const char*>(xmlTextReaderConstValue(reader)));
        const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
        if (v.empty() || std::strcmp(name, "xmlns") == 0 ||
            xmlTextReaderIsNamespaceDecl(reader) == 1)
          continue;
        text.Append(name);
        text.Append(": ");
        text.Append(v);
        text.Append('\n');
      }
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
      const std::string_view v =
          Trim(reinterpret_cast<const char*>(xmlTextReaderConstValue(reader)));
      if (v.empty()) continue;
      if (!element.empty()) {
        text.Append(element);
        text.Append(": ");
      }
      text.Append(v);
      text.Append('\n');
    }
  }
  text.Flush();
  if (!text.stopped() && xmlTextReaderRead(reader) < 0)
    outcome.Merge({ScanStatus::kPartial, "malformed XML; text up to the error was scanned"});
  if (src.limit < in.Size())
    outcome.Merge({ScanStatus::kPartial, "file larger than max_file_bytes"});
  xmlFreeTextReader(reader);
  return outcome;
}

Outcome ExtractHtml(const ByteSource& in, ExtractContext& ctx, TextSink& out) {
  HtmlTextStream html(out, "");
  const uint64_t limit = std::min(in.Size(), ctx.Limits().max_file_bytes);
  std::string buf(1 << 16, '\0');
  for (uint64_t pos = 0; pos < limit;) {
    if (ctx.Expired()) return {ScanStatus::kPartial, "time limit reached"};
    const int64_t n = in.ReadAt(pos, buf.data(), std::min<uint64_t>(buf.size(), limit - pos));
    if (n < 0) return {ScanStatus::kError, "read error"};
    if (n == 0) break;
    pos += n;
    if (!html.Feed(std::string_view(buf.data(), n))) return {};
  }
  html.Finish();
  if (limit < in.Size()) return {ScanStatus::kPartial, "file larger than max_file_bytes"};
  return {};
}

class HtmlExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "HtmlExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"text/html", "application/xhtml+xml", "text/xml", "application/xml"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    std::string head;
    in.ReadPrefix(head, 1024);
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // XHTML is XML but reads best as HTML; everything else XML-shaped goes to the XML reader.
    const bool html = head.find("<html") != std::string::npos ||
                      head.find("<!doctype html") != std::string::npos ||
                      head.find("<head") != std::string::npos ||
                      head.find("<body") != std::string::npos;
    return html ? ExtractHtml(in, ctx, out) : ExtractXml(in, ctx, out);
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeHtmlExtractor() { return std::make_unique<HtmlExtractor>(); }

}  // namespace datasweep
