// XmlPartFilter: a streaming byte filter between a zip entry and libxml2 for OOXML/ODF parts.
//
// ECMA-376 Part 2 (§8.1.4, M1.17) forbids DTD declarations in package parts, and ODF parts
// never need one, so a DOCTYPE in a part is hostile (billion laughs, XXE) or broken. libxml2's
// reader gives up on an entity-amplification DOCTYPE before the body, losing every word of the
// document. The filter therefore
//   - drops a DOCTYPE (with its internal subset) from the prolog, and
//   - drops entity references other than the five predefined ones and character references
//     (with no DTD they are undeclared, a fatal error that makes libxml2's reader discard the
//     text parsed just before it in the same chunk),
// leaving comments, processing instructions and CDATA sections untouched. Bytes are passed
// through unchanged when the part is not in an ASCII-compatible encoding (UTF-16 by BOM or by
// a leading "<\0"/"\0<"): libxml2 then sees exactly what the zip holds.
// Memory is bounded: at most a few dozen bytes are held back between calls.
// Not thread-safe (one instance per part).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace datasweep {

class XmlPartFilter {
 public:
  // Filters `n` bytes of the part, appending what libxml2 should see to `out`.
  void Feed(const char* data, size_t n, std::string& out);
  // The part ended: flushes anything held back.
  void Finish(std::string& out);

  bool SkippedDoctype() const { return skipped_doctype_; }
  uint64_t DroppedEntities() const { return dropped_entities_; }

 private:
  enum class Mode {
    kStart,        // deciding the encoding from the first two bytes
    kPassThrough,  // not ASCII-compatible: unchanged
    kMarkup,       // prolog or content: looking at '<' and '&'
    kToken,        // after '<': collecting "<!--", "<![CDATA[", "<?", "<!DOCTYPE"
    kEntity,       // after '&': collecting a reference
    kComment,      // until "-->"
    kCData,        // until "]]>"
    kPi,           // until "?>"
    kDoctype,      // skipping, until its closing '>'
  };
  size_t MarkupRunEnd(const char* data, size_t i, size_t n);
  void Byte(char c, std::string& out);
  void TokenByte(char c, std::string& out);
  void EntityByte(char c, std::string& out);
  void DoctypeByte(char c);
  // Emits the pending token/reference except its last byte, returns to kMarkup and re-feeds
  // that byte (it may itself start a token or a reference).
  void Unwind(std::string& pending, std::string& out);
  bool EndsWith(std::string_view s) const;

  Mode mode_ = Mode::kStart;
  bool in_prolog_ = true;  // no element seen yet: a DOCTYPE may appear (and is dropped)
  std::string pending_;    // kStart / kToken / kEntity bytes not yet decided
  std::string tail_;       // last bytes seen in kComment/kCData/kPi/kDoctype (terminators)
  // DOCTYPE scanning state.
  char quote_ = 0;
  bool subset_ = false, subset_comment_ = false, subset_pi_ = false;
  bool skipped_doctype_ = false;
  uint64_t dropped_entities_ = 0;
};

}  // namespace datasweep
