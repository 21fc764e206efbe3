// RtfExtractor: in-house streaming RTF reader (Debian has no RTF library). Control words are
// stripped; \'xx bytes are decoded with the document's \ansicpg code page (Windows-1252 by
// default) and \uN with its \ucN fallback skip; font, colour and style tables, document info,
// pictures, embedded objects and every {\*...} destination are skipped; \par, \line, \row
// become line breaks and \tab, \cell tabs. Single-byte code pages only (no DBCS).
#include <array>
#include <cstring>
#include <memory>
#include <vector>

#include "extractors/charset_util.h"
#include "extractors/extractor.h"
#include "extractors/text_buffer.h"

namespace datasweep {
namespace {

// Destinations whose content is not document text.
bool IsSkippedDestination(std::string_view w) {
  static constexpr std::string_view kSkip[] = {
      "fonttbl",   "colortbl",     "stylesheet",  "info",
      "pict",      "objdata",      "themedata",   "colorschememapping",
      "datastore", "latentstyles", "listtable",   "listoverridetable",
      "rsidtbl",   "generator",    "xmlnstbl",    "mmathPr",
      "fldinst",   "filetbl",      "revtbl",      "bkmkstart",
      "bkmkend",   "object",       "nonshppict",  "private",
      "userprops", "docvar",       "passwordhash"};
  for (std::string_view s : kSkip)
    if (w == s) return true;
  return false;
}

class RtfParser {
 public:
  explicit RtfParser(TextSink& out) : text_(out, "") {
    SetCodePage(1252);
    groups_.push_back({false, 1});
  }

  void Feed(std::string_view chunk) {
    for (char c : chunk) Step(static_cast<unsigned char>(c));
  }
  bool Finish() { return text_.Flush(); }
  bool stopped() const { return text_.stopped(); }

 private:
  struct Group {
    bool skip;
    int uc;
  };
  enum class St { kText, kEscape, kWord, kParam, kHex1, kHex2, kBin };

  void SetCodePage(int cp) {
    for (int b = 0; b < 256; ++b) {
      if (b < 0x80) {
        table_[b] = std::string(1, static_cast<char>(b));
        continue;
      }
      const char byte = static_cast<char>(b);
      table_[b] = ConvertToUtf8(std::string_view(&byte, 1), "CP" + std::to_string(cp));
    }
  }

  Group& Top() { return groups_.back(); }

  void Emit(std::string_view s) {
    if (Top().skip) return;
    if (skip_chars_ > 0) {
      --skip_chars_;
      return;
    }
    text_.Append(s);
  }

  void Step(unsigned char c) {
    switch (state_) {
      case St::kText:
        if (c == '\\')
          state_ = St::kEscape;
        else if (c == '{')
          groups_.push_back(Top());
        else if (c == '}') {
          if (groups_.size() > 1) groups_.pop_back();
        } else if (c != '\r' && c != '\n')
          Emit(std::string_view(reinterpret_cast<char*>(&c), 1));
        return;
      case St::kEscape:
        if (std::isalpha(c)) {
          word_.assign(1, static_cast<char>(c));
          param_.clear();
          state_ = St::kWord;
        } else {
          state_ = St::kText;
          Symbol(c);
        }
        return;
      case St::kWord:
        if (std::isalpha(c) && word_.size() < 32) {
          word_.push_back(static_cast<char>(c));
          return;
        }
        if (c == '-' || std::isdigit(c)) {
          param_.assign(1, static_cast<char>(c));
          state_ = St::kParam;
          return;
        }
        EndWord(c);
        return;
      case St::kParam:
        if (std::isdigit(c) && param_.size() < 11) {
          param_.push_back(static_cast<char>(c));
          return;
        }
        EndWord(c);
        return;
      case St::kHex1:
        hex_ = HexValue(c) << 4;
        state_ = St::kHex2;
        return;
      case St::kHex2:
        state_ = St::kText;
        Emit(table_[(hex_ | HexValue(c)) & 0xFF]);
        return;
      case St::kBin:
        if (--bin_left_ <= 0) state_ = St::kText;
        return;
    }
  }

  static int HexValue(unsigned char c) {
    if (std::isdigit(c)) return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 0;
  }

  void Symbol(unsigned char c) {
    switch (c) {
      case '\'':
        state_ = St::kHex1;
        return;
      case '*':
        Top().skip = true;
        return;
      case '~':
        Emit(" ");
        return;
      case '_':
        Emit("-");
        return;
      case '\n':
      case '\r':
        Emit("\n");
        return;
      case '\\':
      case '{':
      case '}':
        Emit(std::string_view(reinterpret_cast<char*>(&c), 1));
        return;
      default:
        return;  // \- optional hyphen, \: index subentry, ...
    }
  }

  // The delimiter `c` after a control word is consumed if it is a space, else re-read.
  void EndWord(unsigned char c) {
    state_ = St::kText;
    const bool has_param = !param_.empty() && param_ != "-";
    const long param = has_param ? std::atol(param_.c_str()) : 0;
    Word(word_, has_param, param);
    if (state_ == St::kBin) return;  // \binN: the next N bytes are raw data
    if (c != ' ') Step(c);
  }

  void Word(const std::string& w, bool has_param, long n) {
    if (IsSkippedDestination(w)) {
      Top().skip = true;
    } else if (w == "par" || w == "line" || w == "row" || w == "sect" || w == "page") {
      Emit("\n");
    } else if (w == "tab" || w == "cell") {
      Emit("\t");
    } else if (w == "ansicpg" && has_param && n > 0 && n < 100000) {
      SetCodePage(static_cast<int>(n));
    } else if (w == "uc" && has_param) {
      Top().uc = static_cast<int>(std::max(0L, n));
    } else if (w == "u" && has_param) {
      Unicode(n);
    } else if (w == "bin" && has_param && n > 0) {
      bin_left_ = n;
      state_ = St::kBin;
    } else if (w == "emdash") {
      Emit("\xE2\x80\x94");
    } else if (w == "endash") {
      Emit("\xE2\x80\x93");
    } else if (w == "lquote") {
      Emit("\xE2\x80\x98");
    } else if (w == "rquote") {
      Emit("\xE2\x80\x99");
    } else if (w == "ldblquote") {
      Emit("\xE2\x80\x9C");
    } else if (w == "rdblquote") {
      Emit("\xE2\x80\x9D");
    } else if (w == "bullet") {
      Emit("\xE2\x80\xA2");
    }
  }

  void Unicode(long n) {
    char32_t u = static_cast<char32_t>(n < 0 ? n + 65536 : n);
    if (u >= 0xD800 && u <= 0xDBFF) {
      high_surrogate_ = u;
    } else {
      if (u >= 0xDC00 && u <= 0xDFFF && high_surrogate_) {
        u = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (u - 0xDC00);
      }
      high_surrogate_ = 0;
      std::string s;
      AppendUtf8(s, u);
      Emit(s);
    }
    skip_chars_ = Top().uc;  // the ANSI fallback that follows is not text
  }

  TextBuffer text_;
  std::vector<Group> groups_;
  std::array<std::string, 256> table_;
  St state_ = St::kText;
  std::string word_, param_;
  int hex_ = 0;
  long bin_left_ = 0;
  int skip_chars_ = 0;
  char32_t high_surrogate_ = 0;
};

class RtfExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "RtfExtractor"; }
  std::vector<std::string_view> MediaTypes() const override {
    return {"text/rtf", "application/rtf"};
  }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    RtfParser parser(out);
    const uint64_t limit = std::min(in.Size(), ctx.Limits().max_file_bytes);
    std::string buf(1 << 16, '\0');
    for (uint64_t pos = 0; pos < limit && !parser.stopped();) {
      if (ctx.Expired()) return {ScanStatus::kPartial, "time limit reached"};
      const int64_t n = in.ReadAt(pos, buf.data(), std::min<uint64_t>(buf.size(), limit - pos));
      if (n < 0) return {ScanStatus::kError, "read error"};
      if (n == 0) break;
      pos += n;
      parser.Feed(std::string_view(buf.data(), n));
    }
    parser.Finish();
    if (limit < in.Size()) return {ScanStatus::kPartial, "file larger than max_file_bytes"};
    return {};
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeRtfExtractor() { return std::make_unique<RtfExtractor>(); }

}  // namespace datasweep
