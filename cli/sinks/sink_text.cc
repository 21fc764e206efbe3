#include "cli/sinks/sink_text.h"

#include <cstdio>

namespace datasweep::sinks {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid (overlongs,
// surrogates and code points above U+10FFFF are invalid, as in RFC 3629).
size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlongs
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if ((b(k) & 0xC0) != 0x80) return 0;
  return len;
}

}  // namespace

std::string ValidUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t len = ValidSequenceLength(s, i);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

std::string JoinDetections(const std::map<std::string, int>& detections) {
  std::string out;
  for (const auto& [id, count] : detections) {
    if (!out.empty()) out += "; ";
    out += id + "=" + std::to_string(count);
  }
  return out;
}

std::string JoinViolations(const std::vector<Violation>& violations) {
  std::string out;
  for (const Violation& v : violations) {
    if (!out.empty()) out += "; ";
    out += v.rule + ":" + std::string(ToString(v.severity));
  }
  return out;
}

std::string Join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string LocationFlags(const Location& location) {
  std::vector<std::string> flags;
  if (location.encrypted) flags.push_back("encrypted");
  if (location.secure) flags.push_back("secure");
  if (location.pupil_accessible) flags.push_back("pupil-accessible");
  return Join(flags, "; ");
}

std::string LocationLabel(const Location& location) {
  std::string label;
  switch (location.kind) {
    case LocationKind::kLocal:
      label = "local drive";
      break;
    case LocationKind::kRemovable:
      label =
          location.encrypted ? "removable media (encrypted)" : "removable media (not encrypted)";
      break;
    case LocationKind::kShare:
      label = location.pupil_accessible ? "share (pupil-accessible)"
              : location.secure         ? "share (secure)"
                                        : "share";
      break;
    case LocationKind::kEmailStore:
      label = "e-mail store";
      break;
    case LocationKind::kUnknown:
      return "unknown location";
  }
  const std::string& where = location.drive.empty() ? location.prefix : location.drive;
  if (!where.empty()) label += " " + where;
  return label;
}

Severity WorstSeverity(const std::vector<Violation>& violations) {
  Severity worst = Severity::kNone;
  for (const Violation& v : violations)
    if (v.severity > worst) worst = v.severity;
  return worst;
}

std::string_view OuterPath(const Record& record) {
  if (record.container && !record.container->empty()) return *record.container;
  return record.path;
}

std::string_view MemberPath(const Record& record) {
  if (!record.container || record.container->empty()) return {};
  std::string_view path = record.path;
  const std::string_view outer = *record.container;
  if (path.starts_with(outer) && path.substr(outer.size()).starts_with("!/"))
    return path.substr(outer.size() + 2);
  // A container whose path does not prefix the member's: fall back to the first separator.
  const size_t bang = path.find("!/");
  return bang == std::string_view::npos ? path : path.substr(bang + 2);
}

std::string_view ParentFolder(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  if (slash == std::string_view::npos) return ".";
  if (slash == 0) return path.substr(0, 1);
  // "C:\x" → "C:\" rather than "C:" (the drive's root).
  if (slash == 2 && path[1] == ':') return path.substr(0, 3);
  return path.substr(0, slash);
}

std::string HtmlEscape(std::string_view s) {
  const std::string valid = ValidUtf8(s);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (char c : valid) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

uint64_t Fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::string HumanBytes(uint64_t bytes) {
  static constexpr const char* kUnits[] = {"KB", "MB", "GB", "TB", "PB"};
  if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  double value = static_cast<double>(bytes) / 1024;
  size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(kUnits)) {
    value /= 1024;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, value < 10 ? "%.1f %s" : "%.0f %s", value, kUnits[unit]);
  return buf;
}

}  // namespace datasweep::sinks
