#include "extractors/mime_message.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

#include "extractors/charset_util.h"

namespace datasweep {
namespace {

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

std::string_view Trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

int Hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && Hex(s[i + 1]) >= 0 && Hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(Hex(s[i + 1]) * 16 + Hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// Splits "a; b=c; d=\"e;f\"" at the semicolons outside quotes.
std::vector<std::string_view> SplitParams(std::string_view field) {
  std::vector<std::string_view> parts;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '"' && (i == 0 || field[i - 1] != '\\'))
      quoted = !quoted;
    else if (field[i] == ';' && !quoted) {
      parts.push_back(field.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(field.substr(start));
  return parts;
}

std::string Unquote(std::string_view v) {
  v = Trim(v);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) ++i;
      out.push_back(v[i]);
    }
    return out;
  }
  return std::string(v);
}

}  // namespace

std::string MimeHeaders::Get(std::string_view name) const {
  for (const auto& [n, v] : fields)
    if (n == name) return v;
  return "";
}

void ParseMimeHeaders(std::string_view message, MimeHeaders& headers, std::string_view& body) {
  size_t pos = 0;
  body = {};
  while (pos < message.size()) {
    size_t end = message.find('\n', pos);
    if (end == std::string_view::npos) end = message.size();
    std::string_view line = message.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const size_t next = std::min(end + 1, message.size());
    if (line.empty()) {
      body = message.substr(next);
      return;
    }
    if ((line[0] == ' ' || line[0] == '\t') && !headers.fields.empty()) {
      headers.fields.back().second += " ";
      headers.fields.back().second += Trim(line);
    } else if (const size_t colon = line.find(':'); colon != std::string_view::npos) {
      headers.fields.emplace_back(Lower(Trim(line.substr(0, colon))),
                                  std::string(Trim(line.substr(colon + 1))));
    }
    pos = next;
  }
}

std::string HeaderValue(std::string_view field) { return Lower(Trim(SplitParams(field).front())); }

std::optional<std::string> HeaderParam(std::string_view field, std::string_view param) {
  const auto parts = SplitParams(field);
  std::string plain, extended, charset;
  bool found_plain = false, found_ext = false;
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string_view p = Trim(parts[i]);
    const size_t eq = p.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string name = Lower(Trim(p.substr(0, eq)));
    const std::string_view value = p.substr(eq + 1);
    if (name == param) {
      plain = Unquote(value);
      found_plain = true;
    } else if (name.starts_with(std::string(param) + "*")) {
      // RFC 2231: name*=charset'lang'pct-encoded, or continuations name*0*=, name*1=...
      const bool encoded = name.back() == '*';
      std::string v = Unquote(value);
      if (encoded && !found_ext) {
        const size_t q1 = v.find('\''), q2 = q1 == std::string::npos ? q1 : v.find('\'', q1 + 1);
        if (q2 != std::string::npos) {
          charset = v.substr(0, q1);
          v = v.substr(q2 + 1);
        }
      }
      extended += encoded ? PercentDecode(v) : v;
      found_ext = true;
    }
  }
  if (found_ext) return ConvertToUtf8(extended, charset.empty() ? "utf-8" : charset);
  if (found_plain) return DecodeEncodedWords(plain);
  return std::nullopt;
}

std::string DecodeBase64(std::string_view in) {
  static const std::array<int8_t, 256> kTable = [] {
    std::array<int8_t, 256> t{};
    t.fill(-1);
    const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(a[i])] = i;
    return t;
  }();
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = kTable[static_cast<unsigned char>(c)];
    if (v < 0) {
      if (c == '=') break;
      continue;  // line breaks and stray characters
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

std::string DecodeQuotedPrintable(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '=') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 < in.size() && Hex(in[i + 1]) >= 0 && Hex(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(Hex(in[i + 1]) * 16 + Hex(in[i + 2])));
      i += 2;
    } else if (i + 1 < in.size() && (in[i + 1] == '\n' || in[i + 1] == '\r')) {
      i += (in[i + 1] == '\r' && i + 2 < in.size() && in[i + 2] == '\n') ? 2 : 1;  // soft break
    } else {
      out.push_back('=');
    }
  }
  return out;
}

std::string DecodeEncodedWords(std::string_view value) {
  std::string out;
  size_t pos = 0;
  bool last_was_word = false;
  while (pos < value.size()) {
    const size_t start = value.find("=?", pos);
    size_t q1 = start == std::string_view::npos ? start : value.find('?', start + 2);
    size_t q2 = q1 == std::string_view::npos ? q1 : value.find('?', q1 + 1);
    size_t end = q2 == std::string_view::npos ? q2 : value.find("?=", q2 + 1);
    if (end == std::string_view::npos) {
      out += ConvertToUtf8(value.substr(pos), "utf-8");
      break;
    }
    const std::string_view between = value.substr(pos, start - pos);
    // Whitespace between two encoded words is not part of the text (RFC 2047 §6.2).
    if (!(last_was_word && Trim(between).empty())) out += ConvertToUtf8(between, "utf-8");
    std::string charset(value.substr(start + 2, q1 - start - 2));
    if (const size_t star = charset.find('*'); star != std::string::npos) charset.resize(star);
    const char enc = static_cast<char>(std::toupper(static_cast<unsigned char>(value[q1 + 1])));
    std::string text(value.substr(q2 + 1, end - q2 - 1));
    if (enc == 'B') {
      text = DecodeBase64(text);
    } else {
      for (char& c : text)
        if (c == '_') c = ' ';
      text = DecodeQuotedPrintable(text);
    }
    out += ConvertToUtf8(text, charset);
    last_was_word = true;
    pos = end + 2;
  }
  return out;
}

std::optional<std::string> MailDateToRfc3339(std::string_view date) {
  std::string d(Trim(date));
  if (const size_t comma = d.find(','); comma != std::string::npos) d = d.substr(comma + 1);
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0;
  char mon[4] = {}, zone[16] = {};
  int n = std::sscanf(d.c_str(), " %d %3s %d %d:%d:%d %15s", &day, mon, &year, &hh, &mm, &ss, zone);
  if (n < 6) {
    ss = 0;
    n = std::sscanf(d.c_str(), " %d %3s %d %d:%d %15s", &day, mon, &year, &hh, &mm, zone);
    if (n < 5) return std::nullopt;
  }
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  int month = -1;
  for (int i = 0; i < 12; ++i)
    if (Lower(mon) == kMonths[i]) month = i;
  if (month < 0 || day < 1 || day > 31) return std::nullopt;
  if (year < 50)
    year += 2000;
  else if (year < 1000)
    year += 1900;
  long offset = 0;
  if ((zone[0] == '+' || zone[0] == '-') && std::isdigit(static_cast<unsigned char>(zone[1]))) {
    const long z = std::atol(zone + 1);
    offset = (z / 100 * 60 + z % 100) * 60 * (zone[0] == '-' ? -1 : 1);
  } else {
    static constexpr std::pair<std::string_view, int> kZones[] = {
        {"EDT", -4}, {"EST", -5}, {"CDT", -5}, {"CST", -6}, {"MDT", -6},
        {"MST", -7}, {"PDT", -7}, {"PST", -8}, {"BST", 1}};
    for (const auto& [name, hours] : kZones)
      if (std::string_view(zone) == name) offset = hours * 3600L;
  }
  struct tm tm = {};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  tm.tm_hour = hh;
  tm.tm_min = mm;
  tm.tm_sec = ss;
  const time_t t = timegm(&tm) - offset;
  struct tm utc;
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buf);
}

}  // namespace datasweep
