#include "extractors/xml_part.h"

#include <libxml/xmlreader.h>

namespace datasweep {
namespace {

int ReadCallback(void* ctx, char* buf, int len) {
  const int64_t n = static_cast<ZipEntryStream*>(ctx)->Read(buf, len);
  return static_cast<int>(n);
}

int CloseCallback(void*) { return 0; }

// Malformed parts are reported through Problem(); nothing goes to stderr.
void SilenceErrors(void*, xmlErrorPtr) {}

}  // namespace

XmlPart::XmlPart(std::unique_ptr<ZipEntryStream> stream) : stream_(std::move(stream)) {}

std::unique_ptr<XmlPart> XmlPart::Open(ZipArchive& zip, std::string_view name, uint64_t cap,
                                       uint32_t max_ratio, std::string& error) {
  const auto index = zip.Locate(name);
  if (!index) {
    error = "missing part " + std::string(name);
    return nullptr;
  }
  auto stream = zip.OpenEntry(*index, cap, max_ratio, error);
  if (!stream) return nullptr;
  std::unique_ptr<XmlPart> part(new XmlPart(std::move(stream)));
  part->name_ = name;
  // NONET: no network. Without NOENT/DTDLOAD entities stay unexpanded; without HUGE libxml2's
  // own size limits stay on.
  part->reader_ =
      xmlReaderForIO(ReadCallback, CloseCallback, part->stream_.get(), part->name_.c_str(), nullptr,
                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (!part->reader_) {
    error = "cannot parse " + std::string(name);
    return nullptr;
  }
  xmlTextReaderSetStructuredErrorHandler(part->reader_, SilenceErrors, nullptr);
  return part;
}

XmlPart::~XmlPart() {
  if (reader_) xmlFreeTextReader(reader_);
}

bool XmlPart::Next() {
  if (failed_) return false;
  const int r = xmlTextReaderRead(reader_);
  if (r < 0) failed_ = true;
  return r == 1;
}

int XmlPart::NodeType() const { return xmlTextReaderNodeType(reader_); }

bool XmlPart::IsText() const {
  const int t = NodeType();
  return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
         t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

bool XmlPart::IsEmptyElement() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }

int XmlPart::Depth() const { return xmlTextReaderDepth(reader_); }

std::string_view XmlPart::LocalName() const {
  const xmlChar* n = xmlTextReaderConstLocalName(reader_);
  return n ? reinterpret_cast<const char*>(n) : "";
}

std::string_view XmlPart::Value() const {
  const xmlChar* v = xmlTextReaderConstValue(reader_);
  return v ? reinterpret_cast<const char*>(v) : "";
}

std::optional<std::string> XmlPart::Attr(const char* qname) const {
  xmlChar* v = xmlTextReaderGetAttribute(reader_, reinterpret_cast<const xmlChar*>(qname));
  if (!v) return std::nullopt;
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string XmlPart::Problem() const {
  if (stream_->Stop() == ZipStop::kCap || stream_->Stop() == ZipStop::kRatio ||
      stream_->Stop() == ZipStop::kError)
    return name_ + ": " + stream_->StopReason();
  if (failed_) return name_ + ": malformed XML";
  return "";
}

}  // namespace datasweep
