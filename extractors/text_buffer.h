// TextBuffer: batches small runs of text (one XML text node, one RTF word) into chunks of up
// to 64 KiB before handing them to a TextSink, so sinks see few large calls. Remembers when the
// sink asked to stop. Not thread-safe.
#pragma once
#include <string>
#include <string_view>

#include "extractors/extractor.h"

namespace datasweep {

class TextBuffer {
 public:
  TextBuffer(TextSink& sink, std::string where) : sink_(sink), where_(std::move(where)) {}
  ~TextBuffer() { Flush(); }
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;

  void Append(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kChunk) Flush();
  }
  void Append(char c) {
    buf_.push_back(c);
    if (buf_.size() >= kChunk) Flush();
  }
  // Ends the current line unless the buffer is empty or already ends one.
  void EndLine() {
    if (!buf_.empty() && buf_.back() != '\n') Append('\n');
  }
  // Hands buffered text to the sink; returns false once the sink has asked to stop.
  bool Flush() {
    if (!buf_.empty() && !stopped_) stopped_ = !sink_.OnText(buf_, where_);
    buf_.clear();
    return !stopped_;
  }
  // Flushes, then labels further text with `where` ("page 2", "slide 3").
  void SetWhere(std::string where) {
    Flush();
    where_ = std::move(where);
  }
  bool stopped() const { return stopped_; }

 private:
  static constexpr size_t kChunk = 64 * 1024;
  TextSink& sink_;
  std::string where_;
  std::string buf_;
  bool stopped_ = false;
};

}  // namespace datasweep
