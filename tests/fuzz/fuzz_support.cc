#include "tests/fuzz/fuzz_support.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "extractors/byte_source.h"
#include "extractors/extractor.h"
#include "extractors/extractor_registry.h"
#include "extractors/type_sniffer.h"

namespace datasweep::fuzz {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Violation(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "datasweep fuzz: contract violation: %.*s (%.*s)\n",
               static_cast<int>(what.size()), what.data(), static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

bool StrictUtf8() {
  static const bool strict = [] {
    const char* v = std::getenv("DATASWEEP_FUZZ_STRICT");
    return v != nullptr && *v != '\0' && *v != '0';
  }();
  return strict;
}

// Minimal UTF-8 validator (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
bool ValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

// Consumes everything; touches every byte so ASan sees reads of freed or foreign memory.
class CheckingSink final : public TextSink {
 public:
  bool OnText(std::string_view utf8, std::string_view where) override {
    Touch(utf8);
    Touch(where);
    if (StrictUtf8() && !ValidUtf8(utf8)) Violation("OnText not UTF-8", where);
    return true;
  }
  bool OnCell(const CellRef& cell, std::string_view utf8) override {
    Touch(cell.sheet);
    Touch(utf8);
    if (StrictUtf8() && !ValidUtf8(utf8)) Violation("OnCell not UTF-8", cell.sheet);
    return true;
  }
  void OnAttribute(std::string_view key, std::string_view value) override {
    Touch(key);
    Touch(value);
  }

 private:
  void Touch(std::string_view s) {
    for (char c : s) checksum_ = checksum_ + static_cast<unsigned char>(c);
  }
  volatile uint64_t checksum_ = 0;
};

void CheckOutcome(const Outcome& outcome, std::string_view who) {
  if (outcome.status != ScanStatus::kComplete && outcome.reason.empty()) {
    Violation("non-complete outcome without a reason", who);
  }
}

ScanLimits FuzzLimits() {
  ScanLimits limits;
  limits.max_file_bytes = 64ull << 20;
  limits.max_member_bytes = 8ull << 20;
  limits.max_total_inflated = 32ull << 20;
  limits.max_depth = 4;
  limits.max_members = 256;
  limits.max_seconds = 5;
  limits.max_text_bytes = 32ull << 20;
  return limits;
}

// State shared by the whole tree of one input (the top-level file and its members).
struct Budget {
  ScanLimits limits = FuzzLimits();
  Clock::time_point deadline;
  uint64_t inflated = 0;
  uint32_t members = 0;
  TypeSniffer* sniffer = nullptr;
};

Outcome RunExtractor(const Extractor& extractor, const ByteSource& in, Budget& budget,
                     uint32_t depth);

class FuzzContext final : public ExtractContext {
 public:
  FuzzContext(Budget& budget, uint32_t depth) : budget_(budget), depth_(depth) {}

  const ScanLimits& Limits() const override { return budget_.limits; }
  uint32_t Depth() const override { return depth_; }
  bool Expired() const override { return Clock::now() > budget_.deadline; }
  uint64_t InflateBudget() const override {
    const uint64_t max = budget_.limits.max_total_inflated;
    return budget_.inflated >= max ? 0 : max - budget_.inflated;
  }

  bool ScanEmbedded(EmbeddedMember member) override {
    if (member.data.size() > budget_.limits.max_member_bytes) {
      Violation("member larger than max_member_bytes", member.name);
    }
    if (depth_ + 1 > budget_.limits.max_depth) return false;
    if (++budget_.members > budget_.limits.max_members) return false;
    budget_.inflated += member.data.size();
    if (budget_.inflated > budget_.limits.max_total_inflated || Expired()) return false;
    const std::string_view head(member.data.data(),
                                std::min<size_t>(member.data.size(), 64 * 1024));
    const std::string type = budget_.sniffer->Sniff(head, member.data.size());
    const Extractor* extractor = ExtractorRegistry::Default().Find(type);
    if (extractor == nullptr) return true;
    MemoryByteSource source(std::move(member.data));
    RunExtractor(*extractor, source, budget_, depth_ + 1);
    return true;
  }

  void ReportMember(std::string_view name, uint64_t size, const Outcome& outcome) override {
    (void)size;
    CheckOutcome(outcome, name);
  }

 private:
  Budget& budget_;
  uint32_t depth_;
};

Outcome RunExtractor(const Extractor& extractor, const ByteSource& in, Budget& budget,
                     uint32_t depth) {
  FuzzContext ctx(budget, depth);
  CheckingSink sink;
  Outcome outcome = extractor.Extract(in, ctx, sink);
  CheckOutcome(outcome, extractor.Name());
  return outcome;
}

const Extractor* FindByName(std::string_view name) {
  for (const auto& e : ExtractorRegistry::Default().All()) {
    if (e->Name() == name) return e.get();
  }
  return nullptr;
}

}  // namespace

int FuzzExtractor(std::string_view extractor_name, const uint8_t* data, size_t size) {
  const Extractor* extractor = FindByName(extractor_name);
  if (extractor == nullptr) {
    std::fprintf(stderr, "datasweep fuzz: no extractor named %.*s is registered\n",
                 static_cast<int>(extractor_name.size()), extractor_name.data());
    std::abort();
  }
  static TypeSniffer sniffer;
  Budget budget;
  budget.deadline = Clock::now() + std::chrono::seconds(budget.limits.max_seconds);
  budget.sniffer = &sniffer;
  MemoryByteSource source(std::string(reinterpret_cast<const char*>(data), size));
  RunExtractor(*extractor, source, budget, 0);
  return 0;
}

}  // namespace datasweep::fuzz
