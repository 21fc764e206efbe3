#include "extractors/xml_part_filter.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace datasweep {
namespace {

constexpr std::string_view kComment = "<!--", kCData = "<![CDATA[", kPi = "<?",
                           kDoctype = "<!DOCTYPE";
constexpr std::array<std::string_view, 4> kTokens = {kComment, kCData, kPi, kDoctype};
constexpr std::array<std::string_view, 5> kPredefined = {"&amp;", "&lt;", "&gt;", "&quot;",
                                                         "&apos;"};
// Longer than any reference worth recognising; a longer run is passed on for libxml2 to judge.
constexpr size_t kMaxEntity = 64;

bool IsPrefixOfToken(std::string_view s) {
  for (std::string_view t : kTokens)
    if (t.starts_with(s)) return true;
  return false;
}

bool IsNameByte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
         u == '-' || u == '.' || u == ':' || u == '#' || u >= 0x80;
}

}  // namespace

void XmlPartFilter::Feed(const char* data, size_t n, std::string& out) {
  const std::string_view in(data, n);
  size_t i = 0;
  while (i < n) {
    // Fast paths: plain character data and pass-through parts are copied in runs.
    if (mode_ == Mode::kPassThrough) {
      out.append(in.substr(i));
      return;
    }
    if (mode_ == Mode::kMarkup) {
      const size_t special = MarkupRunEnd(data, i, n);
      out.append(in.substr(i, special - i));
      i = special;
      if (i == n) return;
    }
    Byte(data[i++], out);
  }
}

// The end of the run from `i` that passes unchanged: character data and element tags. A tag
// ("<w:t>", "</c>": '<' then anything but '!' or '?') can start no token this filter acts on,
// so it is copied in the run instead of going byte by byte through TokenByte, which is what an
// OOXML part is mostly made of. Stops at '&', at "<!" or "<?", and at a '<' ending the chunk.
size_t XmlPartFilter::MarkupRunEnd(const char* data, size_t i, size_t n) {
  for (; i < n; ++i) {
    const char c = data[i];
    if (c == '&') break;
    if (c == '<') {
      if (i + 1 == n || data[i + 1] == '!' || data[i + 1] == '?') break;
      in_prolog_ = false;  // an element or an end tag: the prolog is over
    }
  }
  return i;
}

void XmlPartFilter::Finish(std::string& out) {
  if (mode_ == Mode::kStart || mode_ == Mode::kToken || mode_ == Mode::kEntity) out += pending_;
  pending_.clear();
}

bool XmlPartFilter::EndsWith(std::string_view s) const {
  return std::string_view(tail_).ends_with(s);
}

void XmlPartFilter::Byte(char c, std::string& out) {
  switch (mode_) {
    case Mode::kStart: {
      pending_ += c;
      if (pending_.size() < 2) return;
      const std::string_view p = pending_;
      const bool utf16 = p == "\xFF\xFE" || p == "\xFE\xFF" || p == std::string_view("<\0", 2) ||
                         p == std::string_view("\0<", 2);
      mode_ = utf16 ? Mode::kPassThrough : Mode::kMarkup;
      std::string first;
      first.swap(pending_);
      if (utf16) {
        out += first;
      } else {
        for (char b : first) Byte(b, out);
      }
      return;
    }
    case Mode::kPassThrough:
      out += c;
      return;
    case Mode::kMarkup:
      if (c == '<') {
        mode_ = Mode::kToken;
        pending_.assign(1, c);
      } else if (c == '&') {
        mode_ = Mode::kEntity;
        pending_.assign(1, c);
      } else {
        out += c;
      }
      return;
    case Mode::kToken:
      TokenByte(c, out);
      return;
    case Mode::kEntity:
      EntityByte(c, out);
      return;
    case Mode::kDoctype:
      DoctypeByte(c);
      return;
    case Mode::kComment:
    case Mode::kCData:
    case Mode::kPi: {
      out += c;
      tail_ += c;
      if (tail_.size() > 3) tail_.erase(0, tail_.size() - 3);
      const std::string_view end = mode_ == Mode::kComment ? "-->"
                                   : mode_ == Mode::kCData ? "]]>"
                                                           : "?>";
      if (EndsWith(end)) mode_ = Mode::kMarkup;
      return;
    }
  }
}

void XmlPartFilter::TokenByte(char c, std::string& out) {
  pending_ += c;
  if (!IsPrefixOfToken(pending_)) {
    // An element (or an end tag, or something libxml2 will reject): the prolog is over.
    in_prolog_ = false;
    Unwind(pending_, out);
    return;
  }
  if (pending_ == kDoctype) {
    if (in_prolog_) {  // dropped, declarations and all
      mode_ = Mode::kDoctype;
      skipped_doctype_ = true;
      quote_ = 0;
      subset_ = subset_comment_ = subset_pi_ = false;
      tail_.clear();
      pending_.clear();
      return;
    }
    mode_ = Mode::kMarkup;  // a DOCTYPE after the root element: libxml2 rejects it itself
  } else if (pending_ == kComment) {
    mode_ = Mode::kComment;
  } else if (pending_ == kCData) {
    mode_ = Mode::kCData;
  } else if (pending_ == kPi) {
    mode_ = Mode::kPi;
  } else {
    return;  // still a prefix: need more bytes
  }
  out += pending_;
  pending_.clear();
  tail_.clear();
}

void XmlPartFilter::EntityByte(char c, std::string& out) {
  if (c == ';') {
    pending_ += c;
    const std::string_view ref = pending_;
    bool keep = ref.starts_with("&#");
    for (std::string_view p : kPredefined) keep = keep || ref == p;
    if (keep) {
      out += pending_;
    } else {
      ++dropped_entities_;  // undeclared (there is no DTD): dropped, not fatal
    }
    pending_.clear();
    mode_ = Mode::kMarkup;
    return;
  }
  pending_ += c;
  if (!IsNameByte(c) || pending_.size() > kMaxEntity) Unwind(pending_, out);
}

void XmlPartFilter::Unwind(std::string& pending, std::string& out) {
  const char last = pending.back();
  pending.pop_back();
  out += pending;
  pending.clear();
  mode_ = Mode::kMarkup;
  Byte(last, out);
}

// Follows the DOCTYPE's grammar just far enough to find its end: quoted literals, the internal
// subset in brackets, and comments and PIs inside the subset (which may hold quotes or '>').
void XmlPartFilter::DoctypeByte(char c) {
  tail_ += c;
  if (tail_.size() > 4) tail_.erase(0, tail_.size() - 4);
  if (subset_comment_) {
    if (EndsWith("-->")) subset_comment_ = false;
    return;
  }
  if (subset_pi_) {
    if (EndsWith("?>")) subset_pi_ = false;
    return;
  }
  if (quote_) {
    if (c == quote_) quote_ = 0;
    return;
  }
  if (c == '"' || c == '\'') {
    quote_ = c;
  } else if (subset_ && EndsWith("<!--")) {
    subset_comment_ = true;
    tail_.clear();
  } else if (subset_ && EndsWith("<?")) {
    subset_pi_ = true;
    tail_.clear();
  } else if (c == '[' && !subset_) {
    subset_ = true;
  } else if (c == ']' && subset_) {
    subset_ = false;
  } else if (c == '>' && !subset_) {
    mode_ = Mode::kMarkup;
    tail_.clear();
  }
}

}  // namespace datasweep
