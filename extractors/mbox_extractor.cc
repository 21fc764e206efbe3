// MboxExtractor: a Unix mailbox. Messages are split at "From " lines that start the file or
// follow an empty line, ">From " quoting is undone (mboxrd), and each message becomes the member
// "message N.eml", scanned as mail. Streams the file; one message at most max_member_bytes is
// held at a time (a longer one is truncated and `partial`). The mailbox's own email_date is
// its oldest message's Date: a mailbox holding any message older than six months is keeping
// stale e-mail (002 §9.1).
#include <memory>
#include <optional>
#include <string>

#include "extractors/extractor.h"
#include "extractors/mime_message.h"

namespace datasweep {
namespace {

class MboxSplitter {
 public:
  explicit MboxSplitter(ExtractContext& ctx) : ctx_(ctx) {}

  // Processes one complete line (with its '\n'); false once a member was refused.
  bool Line(std::string_view line) {
    const bool separator = line.starts_with("From ") && (previous_blank_ || at_start_);
    at_start_ = false;
    const std::string_view body = Trimmed(line);
    if (separator) {
      if (!Flush()) return false;
      in_message_ = true;
      previous_blank_ = false;
      return true;
    }
    previous_blank_ = body.empty();
    if (!in_message_) return true;  // text before the first separator
    // mboxrd: one '>' was added before any ">*From " line.
    size_t k = 0;
    while (k < line.size() && line[k] == '>') ++k;
    if (k > 0 && line.substr(k).starts_with("From ")) line.remove_prefix(1);
    Append(line);
    return true;
  }

  bool Flush() {
    if (!in_message_) return true;
    // The blank line before the next separator belongs to the mbox, not the message.
    if (current_.ends_with("\n\n")) current_.pop_back();
    if (const auto date = MessageDate(current_); date && (!oldest_ || *date < *oldest_))
      oldest_ = date;
    EmbeddedMember m;
    m.name = "message " + std::to_string(++count_) + ".eml";
    m.data = std::move(current_);
    m.declared_size = declared_;
    m.truncated = truncated_;
    if (truncated_)
      outcome.Merge({ScanStatus::kPartial, m.name + ": larger than the member limit"});
    current_.clear();
    declared_ = 0;
    truncated_ = false;
    in_message_ = false;
    if (!ctx_.ScanEmbedded(std::move(m))) {
      outcome.Merge({ScanStatus::kPartial, "member limit reached"});
      return false;
    }
    return true;
  }

  Outcome outcome;
  // The oldest message's Date (RFC 3339 UTC, so strings compare in time order).
  const std::optional<std::string>& OldestDate() const { return oldest_; }

  // The Date header of a raw message, as RFC 3339; nullopt when absent or unreadable.
  static std::optional<std::string> MessageDate(std::string_view message) {
    size_t pos = 0;
    while (pos < message.size()) {
      size_t end = message.find('\n', pos);
      if (end == std::string_view::npos) end = message.size();
      std::string_view line = Trimmed(message.substr(pos, end - pos + 1));
      if (line.empty()) break;  // end of the header block
      if (line.size() > 5 && (line[0] == 'D' || line[0] == 'd') && line.substr(1, 4) == "ate:") {
        // A folded Date runs on in lines that start with white space.
        std::string value(line.substr(5));
        while (end + 1 < message.size() && (message[end + 1] == ' ' || message[end + 1] == '\t')) {
          const size_t next = std::min(message.find('\n', end + 1), message.size());
          value.append(Trimmed(message.substr(end + 1, next - end)));
          end = next;
        }
        return MailDateToRfc3339(value);
      }
      pos = end + 1;
    }
    return std::nullopt;
  }

 private:
  static std::string_view Trimmed(std::string_view l) {
    while (!l.empty() && (l.back() == '\n' || l.back() == '\r')) l.remove_suffix(1);
    return l;
  }

  void Append(std::string_view line) {
    declared_ += line.size();
    const uint64_t cap = std::min(ctx_.Limits().max_member_bytes, ctx_.InflateBudget());
    if (current_.size() + line.size() > cap) {
      current_.append(line.substr(0, cap > current_.size() ? cap - current_.size() : 0));
      truncated_ = true;
    } else {
      current_.append(line);
    }
  }

  ExtractContext& ctx_;
  std::string current_;
  uint64_t declared_ = 0;
  bool truncated_ = false;
  bool in_message_ = false;
  bool previous_blank_ = false;
  bool at_start_ = true;
  uint32_t count_ = 0;
  std::optional<std::string> oldest_;
};

class MboxExtractor final : public Extractor {
 public:
  std::string_view Name() const override { return "MboxExtractor"; }
  std::vector<std::string_view> MediaTypes() const override { return {"application/mbox"}; }
  Outcome Extract(const ByteSource& in, ExtractContext& ctx, TextSink& out) const override {
    MboxSplitter split(ctx);
    // Every way out reports the oldest date seen, a partial mailbox included.
    auto done = [&]() -> Outcome {
      if (split.OldestDate()) out.OnAttribute("email_date", *split.OldestDate());
      return split.outcome;
    };
    const uint64_t limit = std::min(in.Size(), ctx.Limits().max_file_bytes);
    std::string buf(1 << 16, '\0');
    std::string carry;  // an unfinished line, bounded by the member cap below
    for (uint64_t pos = 0; pos < limit;) {
      if (ctx.Expired()) {
        split.outcome.Merge({ScanStatus::kPartial, "time limit reached"});
        return done();
      }
      const int64_t n = in.ReadAt(pos, buf.data(), std::min<uint64_t>(buf.size(), limit - pos));
      if (n < 0) return {ScanStatus::kError, "read error"};
      if (n == 0) break;
      pos += n;
      std::string_view chunk(buf.data(), n);
      while (!chunk.empty()) {
        const size_t nl = chunk.find('\n');
        if (nl == std::string_view::npos) {
          // A giant line without '\n' is cut into pieces rather than held whole.
          carry.append(chunk);
          if (carry.size() > (1u << 20) && !split.Line(carry)) return done();
          if (carry.size() > (1u << 20)) carry.clear();
          break;
        }
        carry.append(chunk.substr(0, nl + 1));
        chunk.remove_prefix(nl + 1);
        if (!split.Line(carry)) return done();
        carry.clear();
      }
    }
    if (!carry.empty() && !split.Line(carry)) return done();
    split.Flush();
    if (limit < in.Size())
      split.outcome.Merge({ScanStatus::kPartial, "file larger than max_file_bytes"});
    return done();
  }
};

}  // namespace

std::unique_ptr<Extractor> MakeMboxExtractor() { return std::make_unique<MboxExtractor>(); }

}  // namespace datasweep
