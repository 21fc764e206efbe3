// HtmlTextStream: HTML to plain text with libxml2's push parser in SAX mode (no DOM), so a
// large page streams in chunks with bounded memory. Tags are stripped, entities decoded,
// script/style/template content dropped, block elements become line breaks and table cells
// tabs. Parsing is error-tolerant (RECOVER), quiet and network-free. Not thread-safe.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "extractors/extractor.h"
#include "extractors/text_buffer.h"

namespace datasweep {

class HtmlTextStream {
 public:
  // Text goes to `out` labelled `where`. `charset` (from a MIME header) may be "" to let the
  // document's BOM / <meta charset> decide; a document that declares nothing and whose first
  // chunk is valid UTF-8 is read as UTF-8 (libxml2 alone would take it for ISO-8859-1).
  HtmlTextStream(TextSink& out, std::string where, std::string_view charset = "");
  ~HtmlTextStream();
  HtmlTextStream(const HtmlTextStream&) = delete;
  HtmlTextStream& operator=(const HtmlTextStream&) = delete;

  // Feeds the next chunk; false once the sink asked to stop.
  bool Feed(std::string_view chunk);
  // Ends the document and flushes all text; false if the sink asked to stop.
  bool Finish();

  struct State;

 private:
  // Creates the parser on the first chunk (the charset may be sniffed from it).
  bool Start(std::string_view first);
  std::unique_ptr<State> state_;
  bool started_ = false;
};

}  // namespace datasweep
