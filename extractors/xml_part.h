// XmlPart: streams one XML entry of a zip (an OOXML or ODF part) through libxml2's
// xmlTextReader, fed by zip_fread, so even a 2 GB sheet never becomes a DOM. Parsing is
// network-free and never loads a DTD or substitutes entities (no XXE, no billion laughs).
// Not thread-safe.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "extractors/zip_archive.h"

struct _xmlTextReader;

namespace datasweep {

class XmlPart {
 public:
  // Opens entry `name`; nullptr with `error` set when it is missing or unreadable. The stream
  // stops after `cap` inflated bytes or above `max_ratio`.
  static std::unique_ptr<XmlPart> Open(ZipArchive& zip, std::string_view name, uint64_t cap,
                                       uint32_t max_ratio, std::string& error);
  ~XmlPart();
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;

  // Advances to the next node; false at the end of the part or on an error (see Problem()).
  bool Next();
  int NodeType() const;  // XML_READER_TYPE_* (1 element, 3 text, 4 CDATA, 14 whitespace, 15 end)
  bool IsElement() const { return NodeType() == 1; }
  bool IsEnd() const { return NodeType() == 15; }
  bool IsText() const;  // text, CDATA or significant whitespace
  bool IsEmptyElement() const;
  int Depth() const;
  std::string_view LocalName() const;
  std::string_view Value() const;
  // Attribute by qualified name as written ("r", "r:id", "table:name").
  std::optional<std::string> Attr(const char* qname) const;
  // "" after a clean end; else why the part stopped early (limit, malformed XML).
  std::string Problem() const;

 private:
  explicit XmlPart(std::unique_ptr<ZipEntryStream> stream);
  std::unique_ptr<ZipEntryStream> stream_;
  _xmlTextReader* reader_ = nullptr;
  bool failed_ = false;
  std::string name_;
};

}  // namespace datasweep
